"""The migration set, from the installed package or, in a source checkout, from migrations/."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from sqlite_utils.migrations import Migrations


def _module() -> ModuleType:
    try:  # installed: the top-level migrations/ folder ships as archiver.migrations
        return importlib.import_module("archiver.migrations")
    except ModuleNotFoundError:
        # `python -m archiver` or pytest in a clone puts the source tree first on sys.path,
        # where migrations/ is not inside the package
        path = Path(__file__).resolve().parents[2] / "migrations" / "__init__.py"
        spec = importlib.util.spec_from_file_location(
            "archiver.migrations", path, submodule_search_locations=[str(path.parent)]
        )
        if spec is None or spec.loader is None:
            raise
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        return module


migrations = cast("Migrations", _module().migrations)


def purpose(name: str) -> str:
    """A migration's one-line purpose: the first line of its docstring."""
    docs = {m.name: m.fn.__doc__ or "" for m in migrations._migrations}
    return (docs.get(name, "").strip().splitlines() or [""])[0]

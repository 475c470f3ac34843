"""The migration set, from the installed package or, in a source checkout, from migrations/."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils.migrations import Migrations


def _load() -> Migrations:
    try:
        from .migrations import migrations  # installed: migrations/ ships as archiver.migrations
    except ModuleNotFoundError:
        # `python -m archiver` or pytest in a clone puts the source tree first on sys.path,
        # where the top-level migrations/ folder is not inside the package
        path = Path(__file__).resolve().parent.parent / "migrations" / "__init__.py"
        spec = importlib.util.spec_from_file_location("archiver.migrations", path)
        if spec is None or spec.loader is None:
            raise
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        migrations = module.migrations
    return migrations  # type: ignore[no-any-return]


migrations = _load()

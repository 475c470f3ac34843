"""The database schema, as append-only sqlite-utils migrations, in order.

Never edit a migration that has shipped: add the next one, in a new module listed in PARTS.
Each module imports nothing but sqlite_utils and the standard library at the top, so
`sqlite-utils migrate archive.db migrations/__init__.py` works on its own; m010 reads
archiver.redact's rules and m023 the parser's text rule when they run.
"""

import importlib
import importlib.util
from pathlib import Path
from types import ModuleType

from sqlite_utils.migrations import Migrations

PARTS = (
    "m001_m003",
    "m004_m010",
    "m011_m013",
    "m014",
    "m015",
    "m016",
    "m017",
    "m018",
    "m019",
    "m020",
    "m021",
    "m022",
    "m023",
    "m024",
    "m025",
    "m026",
    "m027",
    "m028",
    "m029",
    "m030",
    "m031",
    "m032",
    "m033",
)

migrations = Migrations("discuz-archiver")


def _part(name: str) -> ModuleType:
    """One module of migrations, imported as a package sibling or, under exec, by its path."""
    package = globals().get("__package__")
    if package:
        return importlib.import_module(f"{package}.{name}")
    # `sqlite-utils migrate` runs this file with exec(), outside any package
    path = Path(globals()["__file__"]).with_name(f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"discuz_archiver_migrations_{name}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


for _name in PARTS:
    _module = _part(_name)
    for _step in _module.STEPS:
        migrations()(_step)

"""The import contract: the arrows between the layers that the folders show (style.md §2)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "archiver"
LAYERS = ("fetch", "parse", "store", "read", "archive", "cli", "check")
# the shared, layer-free modules every layer may use; they import no layer themselves
BASE = ("errors", "decode", "redact", "urls", "replay", "times", "vocabulary", "sniff")
FORBIDDEN = {
    "parse": {"fetch", "store", "read", "cli", "archive", "check"},
    "store": {"parse", "fetch", "cli", "read", "archive", "check"},
    "fetch": {"parse", "store", "read", "cli", "archive", "check"},
    "read": {"parse", "fetch", "cli", "archive", "check"},
    # check reads pages as archive does (fetch, decode, parse) but opens no database
    "check": {"store", "read", "cli", "archive"},
    "cli": {"fetch", "parse"},
    "model": {*LAYERS},
    **{base: {*LAYERS, "model"} for base in BASE},
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """Every archiver module a file imports, at the top or inside a function."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("archiver"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.startswith("archiver"):
                subs = {f"{target}.{a.name}" for a in node.names} & modules  # from pkg import mod
                found.update(subs or {target})
    return found


def import_graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {
        name: {t for t in imports_of(path, set(modules)) if t in modules and t != name}
        for name, path in modules.items()
    }


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None  # the root package is the public facade


def forbidden_arrows(graph: dict[str, set[str]]) -> list[str]:
    return sorted(
        f"{source} -> {target}"
        for source, targets in graph.items()
        for target in targets
        if layer(target) in FORBIDDEN.get(layer(source) or "", set())
    )


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Import cycles, each as the path that closes it (depth-first search)."""
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                found.append(path[path.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def test_the_layers_import_only_what_they_may():
    graph = import_graph()
    assert "archiver.parse.desktop" in graph and "archiver.store.save" in graph
    assert forbidden_arrows(graph) == []


def test_no_module_imports_itself_in_a_circle():
    assert cycles(import_graph()) == []


def test_the_contract_catches_a_forbidden_arrow_and_a_cycle():
    graph = import_graph()
    before = set(forbidden_arrows(graph))
    graph["archiver.parse.desktop"] = {*graph["archiver.parse.desktop"], "archiver.store.save"}
    graph["archiver.model"] = {*graph["archiver.model"], "archiver.archive.files"}
    assert set(forbidden_arrows(graph)) - before == {
        "archiver.model -> archiver.archive.files",
        "archiver.parse.desktop -> archiver.store.save",
    }
    circular = import_graph()
    circular["archiver.errors"] = {"archiver.model.runs"}  # model imports errors already
    assert [set(c) for c in cycles(circular)] == [{"archiver.errors", "archiver.model.runs"}]


def test_every_module_is_in_a_layer_package_or_named_shared():
    top = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__"))
    assert top == sorted(BASE)
    assert sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()) == sorted(
        [*LAYERS, "model"]
    )


def test_no_module_is_over_300_lines():
    long = {
        str(p.relative_to(ROOT)): n
        for p in [*PACKAGE.rglob("*.py"), *(ROOT / "migrations").glob("*.py")]
        if (n := len(p.read_text("utf-8").splitlines())) > 300
    }
    assert long == {}


def test_every_package_folder_is_listed_for_the_wheel():
    """pyproject lists packages by name: a folder left out is missing from `pip install .`."""
    import pytest

    tomllib = pytest.importorskip("tomllib", reason="tomllib is Python 3.11+; CI runs 3.11")
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    folders = {
        ".".join(init.parent.relative_to(ROOT).parts) for init in PACKAGE.rglob("__init__.py")
    }
    assert listed == folders | {"archiver.migrations"}

"""archiver/parse/ keeps its Discuz knowledge in knowledge/ and stays pure: checked on the source.

Each check is a function over source text, run on the package and on a small violation, so a
check that could never fail would show.
"""

from __future__ import annotations

import ast
from pathlib import Path

PARSE = Path(__file__).resolve().parent.parent / "archiver" / "parse"
KNOWLEDGE = "knowledge"  # the package: its modules are read as one
# calls whose arguments are CSS selectors (dom.select / remove / under_id and Lexbor's own)
SELECTOR_METHODS = frozenset({"css", "css_first", "css_matches", "select", "remove", "under_id"})
CLOCK_CALLS = frozenset({"now", "utcnow", "today", "time", "time_ns", "monotonic"})
MAX_LINES = 300


def sources() -> dict[str, str]:
    """Each parser module by file name, and the knowledge package's modules as one text."""
    found = {path.name: path.read_text(encoding="utf-8") for path in sorted(PARSE.glob("*.py"))}
    parts = sorted((PARSE / KNOWLEDGE).glob("*.py"))
    found[KNOWLEDGE] = "\n".join(path.read_text(encoding="utf-8") for path in parts)
    return found


def public_constants(source: str) -> list[str]:
    """Module-level UPPER_CASE names assigned in a module."""
    names: list[str] = []
    for node in ast.parse(source).body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Name) and target.id.isupper() and target.id[0] != "_":
                names.append(target.id)
    return names


def unused_constants(knowledge: str, others: dict[str, str]) -> list[str]:
    """Public constants of the knowledge modules no other module names (as S.NAME or NAME)."""
    used: set[str] = set()
    for source in others.values():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Attribute):
                used.add(node.attr)
            elif isinstance(node, ast.Name):
                used.add(node.id)
            elif isinstance(node, ast.alias):
                used.add(node.name)
    return [name for name in public_constants(knowledge) if name not in used]


def _call_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else None


def inline_selectors(source: str, filename: str) -> list[str]:
    """`file:line` of each string literal or f-string handed to a selector call."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _call_name(node) in SELECTOR_METHODS:
            arguments = [*node.args, *(k.value for k in node.keywords)]
            if any(isinstance(a, ast.Constant | ast.JoinedStr) for a in arguments):
                found.append(f"{filename}:{node.lineno}")
    return found


def clock_reads(source: str, filename: str) -> list[str]:
    """`file:line` of each `X.now()`, `X.utcnow()`, `X.today()`, `time.time()` and the like."""
    return [
        f"{filename}:{node.lineno}"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in CLOCK_CALLS
    ]


def asserts(source: str, filename: str) -> list[str]:
    """`file:line` of each assert statement."""
    return [
        f"{filename}:{n.lineno}" for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Assert)
    ]


def test_every_knowledge_constant_is_used() -> None:
    files = sources()
    knowledge = files.pop(KNOWLEDGE)
    assert public_constants(knowledge)
    assert unused_constants(knowledge, files) == []


def test_unused_constant_is_reported() -> None:
    knowledge = 'USED = "a"\nSPARE: str = "b"\n_PRIVATE = "c"\n'
    others = {"x.py": "from archiver.parse import knowledge as S\nS.USED\n"}
    assert unused_constants(knowledge, others) == ["SPARE"]


def test_no_selector_literals_outside_knowledge() -> None:
    found = [
        hit
        for name, source in sources().items()
        if name != KNOWLEDGE
        for hit in inline_selectors(source, name)
    ]
    assert found == []


def test_selector_literal_is_reported() -> None:
    source = (
        "def f(node, tree, ids):\n"
        "    node.css_first(S.PCB)\n"
        "    node.css('div.pcb')\n"
        "    select(node, f'#post_{pid}')\n"
        "    under_id(tree, ids, 'postlist', S.COUNTERS)\n"
        '    node.css(selector="a")\n'
    )
    assert inline_selectors(source, "x.py") == ["x.py:3", "x.py:4", "x.py:5", "x.py:6"]


def test_parser_reads_no_clock() -> None:
    assert [hit for name, source in sources().items() for hit in clock_reads(source, name)] == []


def test_clock_read_is_reported() -> None:
    source = (
        "import time\nimport datetime as dt\nfrom datetime import datetime\n"
        "a = dt.datetime.now(tz)\nb = datetime.utcnow()\nc = time.time()\nd = dt.date.today()\n"
        "e = now.astimezone(tz)\n"
    )
    assert clock_reads(source, "x.py") == ["x.py:4", "x.py:5", "x.py:6", "x.py:7"]


def test_no_assert_for_control_flow() -> None:
    assert [hit for name, source in sources().items() for hit in asserts(source, name)] == []
    assert asserts("def f(x):\n    assert x is not None\n", "x.py") == ["x.py:2"]


def test_modules_stay_small() -> None:
    files = sorted(PARSE.rglob("*.py"))
    sizes = {path.name: path.read_text(encoding="utf-8").count("\n") for path in files}
    assert {name: n for name, n in sizes.items() if n >= MAX_LINES} == {}

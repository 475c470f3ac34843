"""Safe selection over Lexbor trees.

Lexbor returns an element once per matching selector of a list (`a, b`), and decomposing an
element whose ancestor was already decomposed touches freed memory. Every multi-match use
goes through these two functions.
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode


def select(node: LexborNode, selector: str) -> list[LexborNode]:
    """Matches in document order, each element once."""
    seen: set[int] = set()
    found: list[LexborNode] = []
    for match in node.css(selector):
        if match.mem_id not in seen:
            seen.add(match.mem_id)
            found.append(match)
    return found


def remove(node: LexborNode, selector: str) -> int:
    """Decompose every match that is not inside another match; return how many."""
    matches = select(node, selector)
    ids = {m.mem_id for m in matches}
    outermost = [m for m in matches if not _inside_any(m, ids)]
    for match in outermost:
        match.decompose()
    return len(outermost)


def _inside_any(node: LexborNode, ids: set[int]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id in ids:
            return True
        parent = parent.parent
    return False

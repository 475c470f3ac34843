"""Safe and cheap selection over Lexbor trees.

Lexbor returns an element once per matching selector of a list (`a, b`), and decomposing an
element whose ancestor was already decomposed touches freed memory. Every multi-match use
goes through `select` and `remove`.

Every css() call first parses its selector, a few µs before it looks at a single node; that,
not the search, is most of what a post costs. `first_tag` (a tag in a small subtree) and the
page's id index (`PageIds`: `#name` without searching the page) answer without one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.parse import knowledge as S

_WORD = re.compile(r"[A-Za-z][\w-]*")  # a tag or class name, no combinators or attributes
_TAG = re.compile(r"[a-z][a-z0-9]*")  # a bare tag name, as Lexbor spells HTML tags


def select(node: LexborNode, selector: str) -> list[LexborNode]:
    """Matches in document order, each element once."""
    seen: set[int] = set()
    found: list[LexborNode] = []
    for match in node.css(selector):
        if match.mem_id not in seen:
            seen.add(match.mem_id)
            found.append(match)
    return found


def first_tag(node: LexborNode, tag: str, attr: str | None = None) -> LexborNode | None:
    """`node.css_first("tag")` or `"tag[attr]"` without parsing a selector: for small subtrees.

    Same answer (the node itself first, then its descendants in document order); every
    css() call pays a selector parse, which costs more than walking a few elements.
    """
    for item in node.traverse():
        if item.tag == tag and (attr is None or attr in item.attributes):
            return item
    return None


def first_of(node: LexborNode, selector: str) -> LexborNode | None:
    """`node.css_first(selector)`; a bare tag name (`em`) by `first_tag`, with no selector
    to parse: for small subtrees."""
    return first_tag(node, selector) if _TAG.fullmatch(selector) else node.css_first(selector)


def all_of(node: LexborNode, selector: str) -> list[LexborNode]:
    """`node.css(selector)`; a bare tag name by a walk, as `first_of` does."""
    if _TAG.fullmatch(selector):
        return [item for item in node.traverse() if item.tag == selector]
    return node.css(selector)


def remove(node: LexborNode, selector: str) -> int:
    """Decompose every match that is not inside another match; return how many."""
    matches = select(node, selector)
    ids = {m.mem_id for m in matches}
    outermost = [m for m in matches if not _inside_any(m, ids)]
    for match in outermost:
        match.decompose()
    return len(outermost)


def inside(node: LexborNode, containers: Iterable[LexborNode]) -> bool:
    """True when one of `containers` is an ancestor of `node`."""
    return _inside_any(node, {c.mem_id for c in containers})


def _inside_any(node: LexborNode, ids: set[int]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id in ids:
            return True
        parent = parent.parent
    return False


@dataclass(frozen=True)
class PageIds:
    """Every element with an id, from one pass over the page: the first one per id.

    `by_id` and `under_id` stand in for whole-page `#name` searches, which each walk the
    page. They answer as css would: Lexbor compares ids without regard to case on a page
    in quirks mode, so where the page spells any id with capitals they ask css instead.
    """

    nodes: dict[str, LexborNode]
    repeated: frozenset[str]  # ids that more than one element carries
    lowercase: bool  # no id has a capital, so case cannot matter
    # those of the `rare` selectors index_page_ids was given that match on the page
    parts: frozenset[str] = frozenset()


def index_page_ids(tree: LexborHTMLParser, rare: tuple[str, ...] = ()) -> PageIds:
    """Index the page's ids, and find which of `rare` the page has, in one css() pass.

    `rare` are parts most pages lack (each `tag.class` or `.class`): one page query instead of
    one search per post. A match is told apart by its tag and lower-cased classes, which can
    only over-report (then the post's own search answers), never miss one. Lexbor gives an
    element once per selector of a list it matches, one after the other: an element without
    an id, or the same element again, matched one of `rare`.
    """
    wanted = _wanted(rare)
    nodes: dict[str, LexborNode] = {}
    repeated: set[str] = set()
    found: set[str] = set()
    previous: LexborNode | None = None
    for node in tree.css(", ".join((S.ANY_ID, *rare))):
        name = node.id
        if name is not None and name not in nodes:
            nodes[name] = node
        elif name is not None and (previous is None or node.mem_id != previous.mem_id):
            repeated.add(name)
        else:  # no id, or the element just given again: it matched one of `rare`
            _mark(node, wanted, found)
        previous = node
    names = "\n".join(nodes)
    return PageIds(nodes, frozenset(repeated), names == names.lower(), frozenset(found))


def by_id(tree: LexborHTMLParser, ids: PageIds | None, name: str) -> LexborNode | None:
    """`tree.css_first("#name")` for a lower-case name."""
    if ids is not None and ids.lowercase:
        return ids.nodes.get(name)
    return tree.css_first(S.ID.format(name))


def holds_nothing(ids: PageIds, name: str) -> bool:
    """True when `#name …` can match nothing: no element with that id has a child element.

    Exact as `under_id` is: only where ids cannot differ by case and this one is not repeated.
    """
    if not ids.lowercase or name in ids.repeated:
        return False
    node = ids.nodes.get(name)
    return node is None or next(node.iter(), None) is None


def under_id(
    tree: LexborHTMLParser, ids: PageIds | None, name: str, selector: str
) -> list[LexborNode]:
    """`tree.css(selector)` for a selector `#name …`, searched under that one element.

    Exact when one element carries the (lower-case) id: every match lies under it.
    """
    if ids is not None and ids.lowercase and name not in ids.repeated:
        node = ids.nodes.get(name)
        return node.css(selector) if node is not None else []
    return tree.css(selector)


def first_under_id(
    tree: LexborHTMLParser, ids: PageIds | None, name: str, selector: str
) -> LexborNode | None:
    """`under_id(...)[0]`, or None: the search stops at the first match."""
    if ids is not None and ids.lowercase and name not in ids.repeated:
        node = ids.nodes.get(name)
        return node.css_first(selector) if node is not None else None
    return tree.css_first(selector)


Wanted = tuple[tuple[str, str, str], ...]  # each selector, its tag and its class, lower-cased


@lru_cache(maxsize=8)
def _wanted(selectors: tuple[str, ...]) -> Wanted:
    wanted: list[tuple[str, str, str]] = []
    for selector in selectors:
        tag, dot, name = selector.partition(".")
        if not dot or not _WORD.fullmatch(tag or "x") or not _WORD.fullmatch(name):
            raise ValueError(f"not a `tag.class` or `.class` selector: {selector!r}")
        wanted.append((selector, tag.lower(), name.lower()))
    return tuple(wanted)


def _mark(node: LexborNode, wanted: Wanted, found: set[str]) -> None:
    """Add the selectors of `wanted` that the node's tag and classes answer."""
    classes = (node.attrs.get("class") or "").lower().split()
    found.update(s for s, tag, name in wanted if tag in ("", node.tag) and name in classes)

"""The author panel beside a post (td.pls / div.favatar), read without the hidden user card."""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import replace
from functools import lru_cache

from selectolax.lexbor import LexborNode

from archiver.model import Author
from archiver.parse import knowledge as S
from archiver.parse.dom import first_tag, select
from archiver.parse.media import browser_copy
from archiver.parse.numbers import to_int
from archiver.parse.text import absolute, node_text


def panel_name(panel: LexborNode) -> tuple[str | None, int | None]:
    """The author's name and uid as the panel links them."""
    for selector in S.PANEL_NAME_LINKS:
        link = panel.css_first(selector)
        if link is not None:
            match = S.UID_IN_URL.search(link.attrs.get("href") or "")
            name = link.text().strip() or None
            return name, int(match.group(1)) if match else None
    return None, None


def tip_credits(
    tip: LexborNode, profile: Author | None, uid: int | None, name: str | None
) -> Author | None:
    """The credits of the group-upgrade tip (`高级会员, 积分 632, …`), for a panel showing none;
    without a panel, the tip's group too (its words before the first comma)."""
    text = tip.text()
    match = S.GROUP_TIP_CREDITS.search(text)
    if match is None:
        return profile
    credits = int(match.group(1))
    if profile is not None:
        return replace(profile, credits=credits)
    group = text[: match.start()].strip(" ,，\n\t") or None
    return Author(uid=uid, name=name, group_title=group, credits=credits)


def parse_panel(
    panel: LexborNode,
    base: str | None,
    shown: tuple[str | None, int | None] | None = None,
    *,
    present: Container[str] = S.RARE_PARTS,
    rows: str | None = None,
) -> Author:
    """Read the name, group, rank, number cells and profile rows of one panel.

    :param shown: what `panel_name(panel)` gave, when the caller has it already.
    :param present: those of `S.RARE_PARTS` the page has; medals are searched for only if
        their box is among them (one page query beats a search in every panel).
    :param rows: the profile rows' selector, when not the panel's `dl.pil` (the user card).
    """
    name, uid = shown if shown is not None else panel_name(panel)
    cells, dls, links, ems, imgs, titled = panel_parts(panel, rows)
    stats = _number_cells(cells)
    profile = _profile_rows(dls)
    group_title, gid = _group(links, ems)
    if group_title is None:  # wanpin123: only the user card's usergroup link (its gid not his)
        link = panel.css_first(S.PANEL_ANY_GROUP_LINK)
        group_title = (link.text().strip() or None) if link is not None else None
    counts: dict[str, int | None] = {}
    for column, labels in S.PANEL_COUNT_LABELS.items():
        value = None  # the first label shown, in the number cells before the profile rows
        for label in labels:
            value = stats[label] if label in stats else profile.get(label)
            if value is not None:
                break
        counts[column] = to_int(value)
    if counts["post_count"] is None and "回帖" in stats:
        # this build's 回帖 cell shows posts minus threads (forum_viewthread.php)
        threads, replies = counts["thread_count"], counts["reply_count"]
        if threads is not None and replies is not None:
            counts["post_count"] = threads + replies
    return Author(
        uid=uid,
        name=name,
        group_title=group_title,
        gid=gid,
        rank=_rank(panel),
        thread_count=counts["thread_count"],
        post_count=counts["post_count"],
        reply_count=counts["reply_count"],
        credits=counts["credits"],
        custom_title=node_text(titled[0]) or None if titled else None,
        avatar_url=_avatar(imgs[0] if imgs else None, base),
        medals=[m.attrs.get("alt") or "" for m in select(panel, S.PANEL_MEDALS)]
        if S.PANEL_MEDAL_BOX in present
        else [],
        stats=stats,
        profile=profile,
    )


def panel_parts(panel: LexborNode, rows: str | None = None) -> list[list[LexborNode]]:
    """Number cells, profile rows, group link, group em, avatar and custom title: one query
    where the knowledge allows it, else one search each."""
    query = _one_query(rows or S.PANEL_PROFILE_ROWS)
    parts = _parts(panel, query) if query is not None else None
    if parts is None:  # the knowledge's selectors share a subject tag: one search each
        link = panel.css_first(S.PANEL_GROUP_LINK)
        parts = [
            select(panel, S.PANEL_NUMBER_CELLS),
            panel.css(rows or S.PANEL_PROFILE_ROWS),
            _listed(link),
            _listed(panel.css_first(S.PANEL_GROUP_EM) if link is None else None),
            _listed(panel.css_first(S.PANEL_AVATAR)),
            _listed(panel.css_first(S.PANEL_CUSTOM_TITLE)),
        ]
    if not parts[1] and rows is None:  # the card's rows, asked only of a panel without dl.pil
        parts[1] = panel.css(S.PANEL_CARD_ONLY_ROWS)
    return parts


_ATTRIBUTE = re.compile(r"\[[^\]]*\]")
_PARENS = re.compile(r"\([^()]*\)")  # an innermost (…) group: `:not(:has(dl.pil))`
_SUBJECT = re.compile(r"([a-z][a-z0-9]*)(?:[.#\[]|$)")


def _top_level(selector_list: str) -> list[str]:
    """`a, b:not(c, d)` -> `a`, `b:not(c, d)`: the list's selectors, commas in (…) kept."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(selector_list):
        depth += (char == "(") - (char == ")")
        if char == "," and depth == 0:
            parts.append(selector_list[start:index])
            start = index + 1
    return [*parts, selector_list[start:]]


def _subject_tag(selector: str) -> str | None:
    """The tag the last compound of a selector names (`div.tns th` -> `th`, `td:not(:has(dl))
    div dl` -> `dl`), when that compound is plain (no pseudo-class or namespace); else None."""
    bare = _ATTRIBUTE.sub("[]", selector.strip())
    while "(" in bare:
        unwrapped = _PARENS.sub("", bare)
        if unwrapped == bare:  # unbalanced
            return None
        bare = unwrapped
    last = re.split(r"[\s>+~]+", bare)[-1] if bare else ""
    if not last or any(char in last for char in ":*|\\\"')"):
        return None
    match = _SUBJECT.match(last)
    return match.group(1) if match else None


Query = tuple[str, dict[str, int]]  # the selector list, and each subject tag's part


@lru_cache(maxsize=8)
def _one_query(rows: str) -> Query | None:
    """The panel's parts as one selector list, and which part each subject tag answers.

    Lexbor answers a list in document order, an element once per selector it matches; when
    no two parts' selectors share a subject tag, an element's tag tells which part it
    answers, so one search (one selector parse) stands in for five. None when the
    selectors do not allow it.
    """
    groups = (
        S.PANEL_NUMBER_CELLS, rows, S.PANEL_GROUP_LINK, "", S.PANEL_AVATAR, S.PANEL_CUSTOM_TITLE,
    )  # fmt: skip
    part_of: dict[str, int] = {}
    for index, group in enumerate(groups):
        for selector in _top_level(group) if group else ():
            tag = _subject_tag(selector)
            if tag is None or part_of.setdefault(tag, index) != index:
                return None  # a subject tag two parts share: tags cannot tell them apart
    return ", ".join(group for group in groups if group), part_of


def _parts(panel: LexborNode, query: Query) -> list[list[LexborNode]] | None:
    """Each part's matches in document order, as its own search would give them; the
    single-element parts (first match) are cut to their first."""
    selector, part_of = query
    parts: list[list[LexborNode]] = [[], [], [], [], [], []]
    for node in panel.css(selector):
        index = part_of.get(node.tag or "")
        if index is None:  # cannot be: every subject is one of these tags
            return None
        parts[index].append(node)
    parts[0] = list({node.mem_id: node for node in parts[0]}.values())  # as `select` gives
    for index in (2, 3, 4, 5):
        del parts[index][1:]
    if not parts[2]:  # the bare em is asked for only without a group link (few panels)
        parts[3] = _listed(panel.css_first(S.PANEL_GROUP_EM))
    return parts


def _listed(node: LexborNode | None) -> list[LexborNode]:
    return [node] if node is not None else []


def _number_cells(found: list[LexborNode]) -> dict[str, str]:
    """`div.tns` cells: value in `p` (exact number in a span title when shown as 1万)."""
    cells: dict[str, str] = {}
    for cell in found:
        value_node = first_tag(cell, "p")
        if value_node is None:
            continue
        exact = first_tag(value_node, "span", "title")
        shown = value_node.text()
        value = (exact.attrs.get("title") if exact else None) or shown.strip()
        label = cell.text().replace(shown, "", 1).strip()
        if label:
            cells[label] = value.strip()
    return cells


def _profile_rows(found: list[LexborNode]) -> dict[str, str]:
    """`dl.pil` rows as label -> text; an icon-only row (QQ) keeps its alt text."""
    rows: dict[str, str] = {}
    for dl in found:
        if dl.tag == "li":
            _number_item(dl, rows)
            continue
        label: str | None = None
        for child in dl.iter():
            tag = child.tag
            if tag == "dt":
                label = node_text(child).rstrip(":：").strip()
            elif tag == "dd":
                value = node_text(child)
                icon = first_tag(child, "img", "alt") if not label else None
                if icon is not None:
                    label = icon.attrs.get("alt")
                    link = first_tag(child, "a", "href")
                    value = (link.attrs.get("href") if link else None) or value
                if label:
                    rows[label] = value
                label = None
            else:  # an icon link straight in the dl (QQ chat): its alt names the row
                icon = first_tag(child, "img", "alt") if tag != "img" else child
                alt = icon.attrs.get("alt") if icon is not None else None
                if alt:
                    rows[alt] = child.attrs.get("href") or alt
    return rows


def _number_item(item: LexborNode, rows: dict[str, str]) -> None:
    """A card's list item of a number and its label, in either order; other items say
    nothing (a 发消息 link)."""
    texts = [node_text(child) for child in item.iter()]
    if len(texts) != 2:
        return
    number, label = texts if texts[0].isdigit() else texts[::-1]
    if number.isdigit() and label and not label.isdigit():
        rows.setdefault(label.rstrip(":：").strip(), number)


def _group(links: list[LexborNode], ems: list[LexborNode]) -> tuple[str | None, int | None]:
    """The group link's title and gid, else a bare `p em`'s text: each the first match."""
    if links:
        match = S.GID_IN_URL.search(links[0].attrs.get("href") or "")
        return links[0].text().strip() or None, int(match.group(1)) if match else None
    if ems and ems[0].text().strip():
        return ems[0].text().strip(), None
    return None, None


def _rank(panel: LexborNode) -> int | None:
    star = panel.css_first(S.PANEL_RANK)
    if star is None:
        return None
    match = S.RANK.search(star.attrs.get("alt") or star.attrs.get("title") or "")
    return int(match.group(1)) if match else None


def _avatar(img: LexborNode | None, base: str | None) -> str | None:
    if img is None:
        return None
    attrs = img.attributes  # one dict: attrs.get raises and catches for each missing name
    for attr in ("data-original", "data-src", "file", "src"):
        value = attrs.get(attr)
        if value and "none.gif" not in value:  # a browser's copy: where it came from is lost
            return None if browser_copy(value) else absolute(base, value)
    return None

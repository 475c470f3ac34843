"""The author panel beside a post (td.pls / div.favatar), read without the hidden user card."""

from __future__ import annotations

from collections.abc import Container

from selectolax.lexbor import LexborNode

from archiver.model import Author
from archiver.parse import knowledge as S
from archiver.parse.dom import first_tag, select
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
    :param present: those of `S.RARE_PARTS` the page has; the others are not searched for.
    :param rows: the profile rows' selector, when not the panel's `dl.pil` (the user card).
    """
    name, uid = shown if shown is not None else panel_name(panel)
    stats = _number_cells(panel)
    profile = _profile_rows(panel, rows or S.PANEL_PROFILE_ROWS)
    counts: dict[str, int | None] = {}
    for column, labels in S.PANEL_COUNT_LABELS.items():
        values = [stats.get(label, profile.get(label)) for label in labels]
        counts[column] = to_int(next((value for value in values if value is not None), None))
    if counts["post_count"] is None and "回帖" in stats:
        # this build's 回帖 cell shows posts minus threads (forum_viewthread.php)
        threads, replies = counts["thread_count"], counts["reply_count"]
        if threads is not None and replies is not None:
            counts["post_count"] = threads + replies
    group_title, gid = _group(panel)
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
        custom_title=_custom_title(panel) if S.PANEL_CUSTOM_TITLE in present else None,
        avatar_url=_avatar(panel, base),
        medals=[m.attrs.get("alt") or "" for m in select(panel, S.PANEL_MEDALS)]
        if S.PANEL_MEDAL_BOX in present
        else [],
        stats=stats,
        profile=profile,
    )


def _number_cells(panel: LexborNode) -> dict[str, str]:
    """`div.tns` cells: value in `p` (exact number in a span title when shown as 1万)."""
    cells: dict[str, str] = {}
    for cell in select(panel, S.PANEL_NUMBER_CELLS):
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


def _profile_rows(panel: LexborNode, selector: str) -> dict[str, str]:
    """`dl.pil` rows as label -> text; an icon-only row (QQ) keeps its alt text."""
    rows: dict[str, str] = {}
    for dl in panel.css(selector):
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


def _group(panel: LexborNode) -> tuple[str | None, int | None]:
    link = panel.css_first(S.PANEL_GROUP_LINK)
    if link is not None:
        match = S.GID_IN_URL.search(link.attrs.get("href") or "")
        return link.text().strip() or None, int(match.group(1)) if match else None
    em = panel.css_first(S.PANEL_GROUP_EM)
    if em is not None and em.text().strip():
        return em.text().strip(), None
    return None, None


def _rank(panel: LexborNode) -> int | None:
    star = panel.css_first(S.PANEL_RANK)
    if star is None:
        return None
    match = S.RANK.search(star.attrs.get("alt") or star.attrs.get("title") or "")
    return int(match.group(1)) if match else None


def _custom_title(panel: LexborNode) -> str | None:
    node = panel.css_first(S.PANEL_CUSTOM_TITLE)
    return node_text(node) or None if node is not None else None


def _avatar(panel: LexborNode, base: str | None) -> str | None:
    img = panel.css_first(S.PANEL_AVATAR)
    if img is None:
        return None
    attrs = img.attributes  # one dict: attrs.get raises and catches for each missing name
    for attr in ("data-original", "data-src", "file", "src"):
        value = attrs.get(attr)
        if value and "none.gif" not in value:
            return absolute(base, value)
    return None

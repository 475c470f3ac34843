"""Label rows of a special thread's box, read by their labels (a row a site leaves out is
missing, not shifted): desktop `dt LABEL:` + `dd VALUE`, touch `dt LABEL: VALUE` (X3.4) or
`dt > span.mtit LABEL` + the value (X3.5)."""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from archiver.parse import knowledge as S
from archiver.parse.text import absolute, squeezed


def label_rows(box: LexborNode, labels: dict[str, str]) -> dict[str, LexborNode]:
    """Field -> the node holding its value, for the `labels` (label -> field) the box shows."""
    rows: dict[str, LexborNode] = {}
    label: str | None = None
    for child in box.iter():
        if child.tag == "dt":
            mark = child.css_first(S.TOUCH_LABEL)
            head, value = _split(child) if mark is None else (squeezed(mark), None)
            name = labels.get(head.rstrip(":："))
            inline = mark is not None or bool(value)  # else a desktop label: the next dd holds it
            label = None if inline else name
            if name is not None and inline:
                rows.setdefault(name, child)
        elif child.tag == "dd" and label is not None:
            rows.setdefault(label, child)
            label = None
    return rows


def _split(row: LexborNode) -> tuple[str, str]:
    """`活动类型: 朋友聚会` -> (`活动类型`, `朋友聚会`); a bare label -> (label, "")."""
    text = squeezed(row)
    end = S.LABEL_END.search(text)
    return (text[: end.start()].strip(), text[end.end() :].strip()) if end else (text, "")


def row_number(node: LexborNode | None) -> int | None:
    """`3 人`, `30 元` -> the number; None where the row is missing or holds none."""
    match = S.LEADING_NUMBER.match(row_text(node) or "")
    return int(match.group(1)) if match else None


def row_text(node: LexborNode | None) -> str | None:
    """The row's value as shown, without a touch row's label."""
    if node is None:
        return None
    if node.tag != "dt":
        return squeezed(node) or None
    mark = node.css_first(S.TOUCH_LABEL)
    text = squeezed(node).removeprefix(squeezed(mark)).strip() if mark is not None else None
    return (text if text is not None else _split(node)[1]) or None


def box_image(image: LexborNode | None, base: str | None) -> str | None:
    """A box's picture: the full size that desktop's zoom() opens, else the shown one; None
    for the template's no-photo placeholder."""
    if image is None:
        return None
    zoom = S.ZOOM_FULL_SIZE.search(image.attrs.get("onclick") or "")
    src = zoom.group(1) if zoom else image.attrs.get("src") or ""
    return None if not src or src.endswith(S.NO_PHOTO_IMAGES) else absolute(base, src)

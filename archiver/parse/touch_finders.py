"""Where a touch post is, and where its floor, name and time are: the stock touch hooks first,
then the named fallbacks of `knowledge/touch_rules.py`, recording the rule that found each.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.parse import knowledge as S
from archiver.parse.dom import inside, select
from archiver.parse.finders import shown_holder, time_text

TouchBox = tuple[int, LexborNode, str]  # pid, the post's element, the rule that found it


@dataclass
class TouchHead:
    """The parts of a touch post's header; a stock `ul.authi` gives `line`, a theme `name`."""

    floor: LexborNode | None = None  # the element whose text is the floor label
    line: LexborNode | None = None  # the stock author line: floor, then the name or guest text
    name: tuple[str, int] | None = None  # a theme's named space link: name and uid
    when: LexborNode | None = None  # the element holding the shown time
    found: dict[str, str] = field(default_factory=dict)  # field -> the rule that found it


def find_touch_posts(tree: LexborHTMLParser) -> list[TouchBox]:
    """Every post of a touch page in page order: `div#pidPID` boxes, else the reply anchors."""
    boxes: list[TouchBox] = []
    for node in tree.css(S.TOUCH_POST_BOXES):
        match = S.PID_ID.match(node.id or "")
        if match:
            stock = S.TOUCH_STOCK_CLASS in (node.attributes.get("class") or "").split()
            rule = S.RULE_TOUCH_POST_ID if stock else S.RULE_TOUCH_POST_THEMED
            boxes.append((int(match.group(1)), node, rule))
    return boxes or _anchored(tree)


def _anchored(tree: LexborHTMLParser) -> list[TouchBox]:
    """A theme without pid ids: each `href=#replybtn_PID` (or a commented-out one) and the
    smallest box around it that holds the post's message and name, and no other post."""
    anchors: list[TouchBox] = []
    for node in tree.css(S.TOUCH_REPLY_ANCHORS):
        match = S.ANCHOR_PID.match(node.attributes.get("href") or "")
        if match:
            anchors.append((int(match.group(1)), node, S.RULE_TOUCH_POST_ANCHOR))
    if not anchors and tree.body is not None:
        for node in tree.body.traverse(include_text=True):
            if node.is_comment_node and node.parent is not None:
                for match in S.REPLY_ANCHOR.finditer(node.comment_content or ""):
                    anchors.append((int(match.group(1)), node.parent, S.RULE_TOUCH_POST_COMMENTED))
    seen: set[int] = set()
    boxes: list[TouchBox] = []
    for pid, node, rule in anchors:
        if pid not in seen:
            seen.add(pid)
            boxes.append((pid, _post_box(node), rule))
    return boxes


def _post_box(anchor: LexborNode) -> LexborNode:
    """Up from the anchor to the first box with the message and a name or ul.authi; never up
    into a box that holds another post's anchor."""
    node = anchor
    while True:
        if node.css_first(S.TOUCH_MESSAGE) is not None and (
            node.css_first(S.SPACE_LINKS) is not None or node.css_first(S.TOUCH_AUTHI)
        ):
            return node
        parent = node.parent
        if parent is None or parent.tag in ("body", "html"):
            return node
        if (parent.html or "").count(S.REPLY_ANCHOR_MARK) > 1:
            return node
        node = parent


def find_touch_head(scope: LexborNode, outside: list[LexborNode]) -> TouchHead:
    """The stock `ul.authi` lines, else a theme's floor label, name link and time, found
    outside `outside` (the message and 点评, whose links and dates are someone else's)."""
    authi = scope.css_first(S.TOUCH_AUTHI)
    if authi is not None:
        line, when = authi_lines(scope)
        found = {key: S.RULE_TOUCH_AUTHI for key in ("floor", "author", "time")}
        head = TouchHead(floor=_line_floor(line, authi), line=line, when=when, found=found)
        if when is None and line is not None:
            # one line holds all (mobile: a <p>; v2_mbl: bare after the name's <b>), else the
            # time comes after the message (toutiao: div.times)
            in_line = _time_part([*line.css(S.TOUCH_LINE_PARTS), line], [])
            head.when = in_line or _time_part(scope.css(S.TOUCH_LINE_PARTS), outside)
            if head.when is not None:
                found["time"] = S.RULE_TOUCH_TIME_IN_LINE if in_line else S.RULE_TOUCH_TIME_IN_POST
        return head
    return _themed_head(scope, outside)


def _line_floor(line: LexborNode | None, authi: LexborNode) -> LexborNode | None:
    """The floor label's element: stock `<em>沙发</em>` first in the line; else (an avatar
    first, mobile; the name first, mobanbus) an em of ul.authi that reads as a floor. Never
    the name: mobanbus' `<b><a>lisa2019</a><span>高级会员</span></b>` read 2019 as the floor."""
    first = next(iter(line.iter()), None) if line is not None else None
    named = first is not None and first.css_first(S.SPACE_LINKS) is not None
    if first is not None and first.text().strip() and not named:
        return first
    for em in authi.css(S.TOUCH_FLOOR_EMS):
        if S.FLOOR_LABEL.fullmatch("".join(em.text().split())):
            return em
        # toutiao: `<em><i>沙发</i><i>2#</i></em>`: the name of the floor is the label
        for part in em.iter():
            if S.FLOOR_LABEL.fullmatch("".join(part.text().split())):
                return part
    return None if named else first


def content_block(box: LexborNode) -> LexborNode | None:
    """No div.message: the innermost element whose class names content, holding text that
    is not only a time or a floor, and no author's link."""
    blocks = box.css(S.TOUCH_CONTENT_BLOCKS)
    for at, node in enumerate(blocks):
        if any(inside(other, [node]) for other in blocks[at + 1 :]):
            continue
        text = " ".join(node.text().split())
        if not text or S.TIME_SHOWN.fullmatch(text) or S.FLOOR_LABEL.fullmatch(text):
            continue
        if node.css_first(S.SPACE_LINKS) is None:
            return node
    return None


def _named_leaf(scope: LexborNode, outside: list[LexborNode]) -> str | None:
    """The short text of a leaf element whose class names the author (not a time or a floor)."""
    for node in scope.css(S.TOUCH_NAME_HOLDERS):
        if next(node.iter(), None) is not None or inside(node, outside):
            continue
        text = " ".join(node.text().split())
        if 0 < len(text) <= 30 and not S.TIME_SHOWN.fullmatch(text):
            return None if S.FLOOR_LABEL.fullmatch(text.replace(" ", "")) else text
    return None


def _time_part(parts: list[LexborNode], outside: list[LexborNode]) -> LexborNode | None:
    """The first part, not in `outside`, whose own text (without the 查看/回复 counters a theme
    puts beside the time) is a time."""
    for part in parts:
        text = " ".join(part.text(deep=False).replace("\xa0", " ").split())
        if S.TIME_SHOWN.fullmatch(text) is not None and not inside(part, outside):
            return part
    return None


def authi_lines(node: LexborNode) -> tuple[LexborNode | None, LexborNode | None]:
    """The author line (floor + name) and the time line of `ul.authi`."""
    authi = node.css_first(S.TOUCH_AUTHI)
    # not only children: after an anonymous post's unclosed <b> the time line sits in a <b>
    items = select(authi, S.TOUCH_AUTHI_LINES) if authi is not None else []
    return (items[0] if items else None), (items[1] if len(items) > 1 else None)


def avatar_uid(scope: LexborNode, selector: str = S.TOUCH_AVATAR) -> int | None:
    """The uid in `avatar.php?uid=N` or in the `000/00/00/NN_avatar_` path form."""
    images = select(scope, selector)
    src = (images[0].attributes.get("src") or "") if images else ""
    match = S.UID_IN_URL.search(src)
    if match:
        return int(match.group(1)) or None
    path = S.AVATAR_PATH_UID.search(src)
    return int("".join(path.groups())) or None if path else None


def _themed_head(scope: LexborNode, outside: list[LexborNode]) -> TouchHead:
    head = TouchHead()
    for link in scope.css(S.SPACE_LINKS):
        name = link.text().strip()
        match = S.UID_IN_URL.search(link.attributes.get("href") or "")
        if name and match and not inside(link, outside):
            head.name, head.found["author"] = (name, int(match.group(1))), S.RULE_TOUCH_AUTHOR_SPACE
            break
    uid = avatar_uid(scope, S.TOUCH_ANY_AVATAR) if head.name is None else None
    named = _named_leaf(scope, outside) if uid is not None else None
    if uid is not None and named is not None:
        head.name, head.found["author"] = (named, uid), S.RULE_TOUCH_AUTHOR_AVATAR
    for part in scope.css(S.TOUCH_HEAD_PARTS):
        if head.floor is not None and head.when is not None:
            break
        if inside(part, outside):
            continue
        text = " ".join(part.text().replace("\xa0", " ").split())
        if head.floor is None and S.FLOOR_LABEL.fullmatch(text.replace(" ", "")):
            head.floor, head.found["floor"] = part, S.RULE_TOUCH_FLOOR_LABEL
        elif head.when is None and S.TIME_SHOWN.fullmatch(text):
            head.when, head.found["time"] = part, S.RULE_TOUCH_TIME_SHOWN
    bare = time_text(scope, outside) if head.when is None else None
    if bare is not None:  # strong_g: `<div class="s_viewbottom">2026-11-27 20:48:00`
        head.when, head.found["time"] = shown_holder(bare[1]), S.RULE_TOUCH_TIME_TEXT
    return head

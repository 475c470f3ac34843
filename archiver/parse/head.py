"""The thread head of a desktop page (and of the old mobile page, markup spec §8.2): subject,
forum path, 查看 / 回复 counters, thread author and version."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.parse import knowledge as S
from archiver.parse.dom import PageIds, by_id, first_under_id, under_id
from archiver.parse.numbers import to_int
from archiver.parse.posts import id_prefix
from archiver.parse.skeleton import generator_version
from archiver.parse.text import node_text


def subject(tree: LexborHTMLParser, ids: PageIds) -> str | None:
    node = by_id(tree, ids, S.SUBJECT_ID)
    if node is not None and node.text().strip():
        return node.text().strip()
    title = tree.css_first(S.TITLE)
    text = title.text() if title is not None else ""
    return text.split(" - ")[0].strip() or None


def forum_path(tree: LexborHTMLParser, ids: PageIds) -> list[str]:
    """Breadcrumb names between 论坛 and the thread itself."""
    path: list[str] = []
    links = under_id(tree, ids, S.BREADCRUMB_ID, S.BREADCRUMB_LINKS)
    if not links and by_id(tree, ids, S.BREADCRUMB_ID) is None:  # the old mobile page's box
        links = tree.css(S.OLD_MOBILE_BREADCRUMB)
    for link in links:
        href = link.attrs.get("href") or ""
        if "gid=" in href or "forumdisplay" in href or re.search(r"forum-\d+-\d+", href):
            path.append(node_text(link))
    return path


def counters(tree: LexborHTMLParser, ids: PageIds) -> tuple[int | None, int | None]:
    split = _postlist_head(tree, ids)
    if split is None or not ids.lowercase or S.POSTLIST_ID in ids.repeated:
        box = first_under_id(tree, ids, S.POSTLIST_ID, S.COUNTERS_BOX)
        # every COUNTERS span lies in a COUNTERS_BOX: without a box, no second search
        found = under_id(tree, ids, S.POSTLIST_ID, S.COUNTERS) if box is not None else []
    else:  # the box is in the head (X2: in the first post); pages after the first have none
        head, first = split  # #postlist is long: no search of all of it
        near = [*head, first] if first is not None else head
        box = next((b for child in near if (b := child.css_first(S.COUNTERS_BOX))), None)
        found = [s for child in near for s in child.css(S.COUNTERS)] if box is not None else []
    spans = [to_int(s.text()) for s in found]
    if len(spans) >= 2 and spans[0] is not None and spans[1] is not None:
        return spans[0], spans[1]
    match = S.COUNTERS_TEXT.search(box.text()) if box is not None else None
    if match is None and split is not None:  # a theme's own head: the text before the posts
        match = S.COUNTERS_TEXT.search(" ".join(child.text() for child in split[0]))
    if match is None and split is None:  # no #postlist: the old mobile page
        old = tree.css_first(S.OLD_MOBILE_COUNTERS)
        match = S.COUNTERS_TEXT.search(old.text()) if old is not None else None
    return (int(match.group(1)), int(match.group(2))) if match else (None, None)


def _postlist_head(
    tree: LexborHTMLParser, ids: PageIds
) -> tuple[list[LexborNode], LexborNode | None] | None:
    """#postlist's children before its first post (where the thread head is: 查看 | 回复),
    then that post if there is one; None without a #postlist."""
    postlist = by_id(tree, ids, S.POSTLIST_ID)
    if postlist is None:
        return None
    head: list[LexborNode] = []
    for child in postlist.iter():
        if S.POST_ID.match(child.id or ""):
            return head, child
        head.append(child)
    return head, None


def thread_author(tree: LexborHTMLParser, ids: PageIds) -> tuple[str | None, int | None]:
    """Without floor 1's author on the page: the starter box (#tath, else .tath) beside the
    thread, else a title strip's `a.author` link."""
    uid = None
    links = under_id(tree, ids, S.THREAD_AUTHOR_ID, S.THREAD_AUTHOR_LINKS)
    # the avatar link, then the name link
    for link in links or tree.css(S.THREAD_AUTHOR_CLASS_LINKS):
        match = S.UID_IN_URL.search(link.attrs.get("href") or "")
        uid = uid or (int(match.group(1)) if match else None)
        name = link.text().strip() or link.attrs.get("title")
        if name:
            return name.strip(), uid
    labelled = _labelled_starter(tree) if uid is None else None
    if labelled is not None:
        return labelled
    named = tree.css_first(S.THREAD_AUTHOR_NAMED) if uid is None else None
    found = S.UID_IN_URL.search(named.attributes.get("href") or "") if named is not None else None
    if named is not None and found:
        return named.text().strip() or named.attributes.get("title"), int(found.group(1))
    return None, uid


def _labelled_starter(tree: LexborHTMLParser) -> tuple[str | None, int] | None:
    """`楼主: <a href=space uid>name</a>` in a theme's own strip (huyouxiong_mi: comiis_user)."""
    for link in tree.css(S.SPACE_LINKS):
        before = link.prev
        label = (before.text() or "") if before is not None and before.is_text_node else ""
        match = S.UID_IN_URL.search(link.attributes.get("href") or "")
        if match and label.strip().rstrip(":：").strip() in S.STARTER_WORDS:
            name = link.text().strip() or (link.attributes.get("title") or "").strip() or None
            return name, int(match.group(1))
    return None


def version(tree: LexborHTMLParser, ids: PageIds) -> str | None:
    """The generator meta, else the footer's `Powered by Discuz! X3.4`."""
    found = generator_version(tree)
    footer = by_id(tree, ids, S.FOOTER_VERSION_ID) if found is None else None
    if found is None and footer is None:  # the old mobile page: no generator meta, no #frt
        footer = tree.css_first(S.OLD_MOBILE_FOOTER)
    match = S.VERSION.search(footer.text()) if footer is not None else None
    return match.group(1) if match else found


def old_mobile(nodes: dict[str, LexborNode], pid: int) -> bool:
    """The old mobile page (mobile=1): its posts' div#post_PID holds a div.bm_user (with the
    id `pidPID` on some builds, none on others), desktop's a table."""
    box = nodes.get(id_prefix(S.POST_CONTAINER) + str(pid))
    return box is not None and box.css_first(S.OLD_MOBILE_HEAD) is not None

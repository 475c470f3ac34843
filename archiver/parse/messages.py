"""Recognise Discuz! message pages (showmessage) and turn them into clear errors."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from archiver.errors import DiscuzMessage, LoginRequired, NoPermission, ThreadNotFound
from archiver.parse import knowledge as S
from archiver.parse.body import node_text
from archiver.parse.dom import PageIds, by_id

# (words in the message, error class, what to try), checked in order
_KINDS: tuple[tuple[tuple[str, ...], type[DiscuzMessage], str], ...] = (
    (
        ("不存在", "已被删除", "正在被审核", "没有找到帖子"),
        ThreadNotFound,
        "check the tid; the thread may be deleted or awaiting moderation",
    ),
    (
        ("尚未登录", "登录", "login"),
        LoginRequired,
        "log in with a browser and pass its cookies with --cookies",
    ),
    (
        ("权限", "无法进行此操作", "需要满足以下条件", "升级", "禁用", "不在允许范围"),
        NoPermission,
        "this account may not read it; use the cookies of an account that can",
    ),
)


def raise_for_message(tree: LexborHTMLParser, source: str, ids: PageIds | None = None) -> None:
    """Raise the matching DiscuzMessage when the page is a message page, else return."""
    if by_id(tree, ids, S.POSTLIST_ID) is not None:  # a thread page: the cheaper test first
        return
    node = tree.css_first(S.MESSAGE_TEXT)
    if node is None:
        return
    first = node.css_first(S.MESSAGE_FIRST_LINE) or node
    text = " ".join(node_text(first).split())
    logged_out = tree.css_first(S.LOGIN_FORM_MESSAGE) is not None
    for words, error, advice in _KINDS:
        if any(word in text for word in words) or (error is LoginRequired and logged_out):
            raise error(f"Discuz! says 「{text}」: {advice}", source=source, text=text)
    raise DiscuzMessage(
        f"Discuz! shows a message instead of the thread: 「{text}」", source=source, text=text
    )

"""Recognise Discuz! message pages (showmessage) and turn them into clear errors."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from archiver.errors import DiscuzMessage
from archiver.parse import knowledge as S
from archiver.parse.dom import PageIds, by_id
from archiver.parse.skeleton import message_kind
from archiver.parse.text import node_text


def raise_for_message(tree: LexborHTMLParser, source: str, ids: PageIds | None = None) -> None:
    """Raise the matching DiscuzMessage when the page is a message page, else return."""
    if by_id(tree, ids, S.POSTLIST_ID) is not None:  # a thread page: the cheaper test first
        return
    node = tree.css_first(S.MESSAGE_TEXT)
    if node is None and tree.css_first(S.LOGIN_PAGE_FORM) is not None:
        error, advice = message_kind("", logged_out=True) or (DiscuzMessage, "")
        raise error(S.LOGIN_PAGE_TEXT, source=source, text=S.LOGIN_PAGE_TEXT, advice=advice)
    if node is None:
        return
    first = node.css_first(S.MESSAGE_FIRST_LINE) or node
    text = " ".join(node_text(first).split())
    logged_out = tree.css_first(S.LOGIN_FORM_MESSAGE) is not None
    kind = message_kind(text, logged_out=logged_out)
    if kind is not None:
        error, advice = kind
        raise error(f"Discuz! says 「{text}」", source=source, text=text, advice=advice)
    raise DiscuzMessage(
        f"Discuz! shows a message instead of the thread: 「{text}」", source=source, text=text
    )

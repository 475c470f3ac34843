"""Pages of the Traditional Chinese builds (TC_UTF8, TC_BIG5): their words, from the TC language
pack, read as the simplified ones are; fixtures/variants/tc-big5.html is the whole page."""

from __future__ import annotations

import pytest

from archiver.errors import LoginRequired, ThreadNotFound
from archiver.parse.skeleton import locked_state, message_kind, placeholder_state


@pytest.mark.parametrize(
    "text, state",
    [
        ("提示: 作者被禁止或刪除 內容自動屏蔽", "banned"),
        ("提示: 該帖被管理員或版主屏蔽", "blocked"),
        ("此帖僅作者可見", "author_only"),
        ("本帖為密碼帖", "password"),
        ("付費主題, 價格: 5 金錢", "paid"),
        ("提示: 作者被禁止或删除 内容自动屏蔽", "banned"),  # the simplified wording still
        ("一段普通的回覆", None),
    ],
)
def test_placeholders(text, state):
    assert placeholder_state(text) == state


@pytest.mark.parametrize(
    "text, state",
    [("本帖僅作者可見", "author_only"), ("作者被禁止或刪除", "banned"), ("本帖需要購買", "paid")],
)
def test_locked_boxes(text, state):
    assert locked_state(text) == state


@pytest.mark.parametrize(
    "text, error",
    [
        ("抱歉，您尚未登錄，沒有權限訪問該版塊", LoginRequired),
        ("抱歉，指定的主題不存在或已被刪除或正在被審核", ThreadNotFound),
    ],
)
def test_forum_messages(text, error):
    found = message_kind(text)
    assert found is not None and found[0] is error

"""The page query for parts most pages lack: it may over-report a part, never miss one."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from archiver.parse import knowledge as S
from archiver.parse.dom import present_parts


def test_parts_on_the_page_and_only_those() -> None:
    tree = LexborHTMLParser(
        "<!DOCTYPE html><div class='pcb'><div class='x pattl'></div></div><p class='xg1'>t</p>"
        "<span class='locked'></span>"  # a span.locked is not a div.locked
    )
    assert present_parts(tree, S.RARE_PARTS) == {S.ATTACH_LIST}
    assert present_parts(tree, (*S.RARE_PARTS, "p.xg1")) == {S.ATTACH_LIST, "p.xg1"}


def test_a_page_without_any() -> None:
    tree = LexborHTMLParser("<!DOCTYPE html><div class='pcb'><p>text</p></div>")
    assert present_parts(tree, S.RARE_PARTS) == frozenset()


def test_capital_classes_of_a_quirks_page_are_found() -> None:
    # no doctype: quirks mode, where Lexbor matches classes without regard to case
    tree = LexborHTMLParser("<div class='PATTL'></div><div class='Locked'></div>")
    assert {s for s in S.RARE_PARTS if tree.css_first(s) is not None} == {S.ATTACH_LIST, S.LOCKED}
    assert present_parts(tree, S.RARE_PARTS) == {S.ATTACH_LIST, S.LOCKED}


@pytest.mark.parametrize("selector", ["#postlist td.pls .hm", "div", "a[href].x", "div.a.b"])
def test_only_simple_class_selectors(selector: str) -> None:
    with pytest.raises(ValueError, match="not a `tag.class` or `.class` selector"):
        present_parts(LexborHTMLParser("<p></p>"), (selector,))

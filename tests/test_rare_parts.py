"""The page query for parts most pages lack, made with the id index: it may over-report a part,
never miss one."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from archiver.decode import decode
from archiver.parse import knowledge as S
from archiver.parse.dom import index_page_ids

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def parts(tree: LexborHTMLParser, rare: tuple[str, ...]) -> frozenset[str]:
    return index_page_ids(tree, rare).parts


def searched(tree: LexborHTMLParser, rare: tuple[str, ...]) -> set[str]:
    """What a search for each part finds: what the one pass must find too."""
    return {selector for selector in rare if tree.css_first(selector) is not None}


def test_parts_on_the_page_and_only_those() -> None:
    tree = LexborHTMLParser(
        "<!DOCTYPE html><div class='pcb'><div class='x pattl'></div></div><p class='xg1'>t</p>"
        "<span class='locked'></span>"  # a span.locked is not a div.locked
    )
    assert parts(tree, S.RARE_PARTS) == {S.ATTACH_LIST}
    assert parts(tree, (*S.RARE_PARTS, "p.xg1")) == {S.ATTACH_LIST, "p.xg1"}


def test_a_page_without_any() -> None:
    tree = LexborHTMLParser("<!DOCTYPE html><div class='pcb'><p>text</p></div>")
    assert parts(tree, S.RARE_PARTS) == frozenset()


def test_capital_classes_of_a_quirks_page_are_found() -> None:
    # no doctype: quirks mode, where Lexbor matches classes without regard to case
    tree = LexborHTMLParser("<div class='PATTL'></div><div class='Locked'></div>")
    assert searched(tree, S.RARE_PARTS) == {S.ATTACH_LIST, S.LOCKED}
    assert parts(tree, S.RARE_PARTS) == {S.ATTACH_LIST, S.LOCKED}


@pytest.mark.parametrize("selector", ["#postlist td.pls .hm", "div", "a[href].x", "div.a.b"])
def test_only_simple_class_selectors(selector: str) -> None:
    with pytest.raises(ValueError, match="not a `tag.class` or `.class` selector"):
        index_page_ids(LexborHTMLParser("<p></p>"), (selector,))


def test_the_id_index_finds_the_same_parts_in_its_one_pass() -> None:
    # a rare part with an id (given twice by Lexbor), one without, one whose id repeats, and
    # an id no rare part has: the index keeps the first element per id, as before
    tree = LexborHTMLParser(
        "<!DOCTYPE html><div id='a' class='locked'><em class='authicn'>x</em></div>"
        "<div id='b'></div><div id='b' class='pattl'></div><p id=''>y</p>"
    )
    ids = index_page_ids(tree, S.RARE_PARTS)
    assert ids.parts == searched(tree, S.RARE_PARTS) == {
        S.LOCKED, S.STARTER_BADGE, S.ATTACH_LIST,
    }  # fmt: skip
    assert sorted(ids.nodes) == ["", "a", "b"]
    assert ids.nodes["b"].attrs.get("class") is None  # the first div#b, not the second
    assert ids.repeated == {"b"}
    assert index_page_ids(tree).parts == frozenset()  # no rare parts asked for


def test_the_id_index_and_the_parts_on_every_saved_page() -> None:
    pages = sorted(FIXTURES.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        tree = LexborHTMLParser(decode(path.read_bytes()).text)
        ids = index_page_ids(tree, S.RARE_PARTS)
        assert ids.parts == searched(tree, S.RARE_PARTS), path
        plain = index_page_ids(tree)
        assert list(ids.nodes) == list(plain.nodes), path
        assert ids.repeated == plain.repeated, path

"""The panel's parts come from one selector list; it must stay buildable and give what the
separate searches give (a knowledge change once turned it off without any test noticing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.decode import decode
from archiver.parse import knowledge as S
from archiver.parse.dom import select
from archiver.parse.panel import _one_query, _parts, _subject_tag, _top_level, panel_parts

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.mark.parametrize("rows", [S.PANEL_PROFILE_ROWS, S.PANEL_CARD_ROWS])
def test_the_knowledge_allows_one_query(rows: str) -> None:
    query = _one_query(rows)
    assert query is not None
    card = {"li": 1} if rows == S.PANEL_CARD_ROWS else {}  # the card's number items
    assert query[1] == {"th": 0, "td": 0, "dl": 1, **card, "a": 2, "img": 4, "p": 5}


@pytest.mark.parametrize(
    ("selector", "tag"),
    [
        ("div.tns th", "th"),
        ("td.pls:not(:has(dl.pil)) div.p_pop dl", "dl"),
        ("p em a[href*='usergroup']", "a"),
        (".avatar img", "img"),
        ("dl:not(.pil)", None),  # a pseudo-class in the subject: tags cannot say
        ("[alt^='Rank:']", None),
        (".md_ctrl *", None),
        ("div:not(", None),
    ],
)
def test_subject_tags(selector: str, tag: str | None) -> None:
    assert _subject_tag(selector) == tag


def test_commas_inside_parentheses_stay() -> None:
    assert _top_level("a, b:not(c, d), e") == ["a", " b:not(c, d)", " e"]


def test_two_parts_sharing_a_tag_fall_back() -> None:
    assert _subject_tag(S.PANEL_GROUP_EM) == "em"
    assert _one_query.__wrapped__("div.tns td, td.x") is None  # td: numbers and rows


def _separately(panel: LexborNode, rows: str) -> list[list[LexborNode]]:
    link = panel.css_first(S.PANEL_GROUP_LINK)
    found = [
        select(panel, S.PANEL_NUMBER_CELLS),
        panel.css(f"{rows}, {S.PANEL_CARD_ONLY_ROWS}"),
        [link] if link is not None else [],
        [panel.css_first(S.PANEL_GROUP_EM)] if link is None else [],
        [panel.css_first(S.PANEL_AVATAR)],
        [panel.css_first(S.PANEL_CUSTOM_TITLE)],
    ]
    return [[node for node in part if node is not None] for part in found]


def _panels() -> list[tuple[str, LexborNode]]:
    found = []
    for path in sorted(FIXTURES.rglob("*.html")):
        tree = LexborHTMLParser(decode(path.read_bytes()).text)
        for panel in tree.css("div.favatar, td.pls"):
            found.append((str(path.relative_to(FIXTURES)), panel))
    return found


def test_one_query_gives_what_the_separate_searches_give() -> None:
    panels = _panels()
    assert len(panels) > 100
    query = _one_query(S.PANEL_PROFILE_ROWS)
    assert query is not None
    for name, panel in panels:
        assert _parts(panel, query) is not None, name  # the one query is what runs
        ids = [[node.mem_id for node in part] for part in panel_parts(panel)]
        expected = [
            [node.mem_id for node in part] for part in _separately(panel, S.PANEL_PROFILE_ROWS)
        ]
        assert ids == expected, name

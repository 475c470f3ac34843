"""The 楼主 mark of a reply: the stock header line around its time, else the searched line."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from archiver.parse import knowledge as S
from archiver.parse.post_extras import starter_mark

STOCK = (
    "<!DOCTYPE html><div id='post_7'><table id='pid7'><tr><td class='pls'><div class='pi'>"
    "<div class='authi'><a href='home.php?mod=space&uid=2' class='xw1'>张三</a></div></div></td>"
    "<td class='plc'><div class='pi'><div class='pti'><div class='authi'>{line}"
    "<em id='authorposton7'>发表于 2024-10-24 19:05</em></div></div></div></td></tr></table></div>"
)
# a theme's own header: name and 楼主 in a first div.authi, the time in a second (dean themes)
THEMED = (
    "<!DOCTYPE html><div id='post_7'><table id='pid7'><tr><td class='plc'>"
    "<div class='authi deanauthor'>张三 楼主</div>"
    "<div class='authi'><em id='authorposton7'>发表于 2024-10-24 19:05</em></div>"
    "</td></tr></table></div>"
)


def mark(html: str) -> str | None:
    tree = LexborHTMLParser(html)
    scope, time = tree.css_first("#post_7"), tree.css_first("#authorposton7")
    return starter_mark(None, scope, time, frozenset())


def test_the_stock_line_around_the_time_is_read_without_a_search():
    assert mark(STOCK.format(line="&nbsp;楼主<span class='pipe'>|</span>")) == S.RULE_STARTER_MARK
    assert mark(STOCK.format(line="")) is None
    only = "<a href='forum.php?mod=viewthread&tid=1&authorid=2'>只看楼主</a>"
    assert mark(STOCK.format(line=only)) == S.RULE_STARTER_VIEW_LINK


def test_a_themes_first_header_line_is_still_searched():
    assert mark(THEMED) == S.RULE_STARTER_MARK


def test_a_time_outside_the_post_leaves_the_line_to_the_search():
    # a repeated time id: the index's first copy lies in another block
    tree = LexborHTMLParser(
        "<!DOCTYPE html><div class='pti'><div class='authi'>楼主 <em id='authorposton7'>x</em>"
        "</div></div>" + STOCK.format(line="")
    )
    scope, elsewhere = tree.css("div#post_7")[0], tree.css_first("#authorposton7")
    assert starter_mark(None, scope, elsewhere, frozenset()) is None

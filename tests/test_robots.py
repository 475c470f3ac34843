"""robots.txt matching as RFC 9309 specifies it (wildcards, `$`, longest match, Allow on ties)."""

from __future__ import annotations

import pytest

from archiver.fetch.robots import parse_robots

AGENT = "discuz-archiver"
# written for these tests in the shape of a stock Discuz! X3 robots.txt
FORUM = """\
# robots.txt for a forum
User-agent: *
Allow: /data/attachment/
Disallow: /api/
Disallow: /data/
Disallow: /forum.php?mod=redirect*
Disallow: /forum.php?mod=post*
Disallow: /*?mod=attachment*
Disallow: /*mobile=yes*
"""


@pytest.mark.parametrize(
    "path, allowed",
    [
        ("/forum.php?mod=viewthread&tid=7&page=2", True),
        ("/thread-7-2-1.html", True),
        ("/archiver/?tid-7.html", True),
        ("/forum.php?mod=redirect&goto=findpost&ptid=7&pid=70", False),
        ("/forum.php?mod=post&action=reply&tid=7", False),
        ("/forum.php?mod=attachment&aid=3", False),
        ("/forum.php?mod=viewthread&tid=7&mobile=yes", False),
        ("/api/mobile/index.php?version=4&module=check", False),
        ("/data/attachment/forum/a.jpg", True),  # the longer Allow wins over Disallow: /data/
        ("/data/cache/style.css", False),
        ("/robots.txt", True),
    ],
)
def test_a_forum_robots_txt_with_wildcards(path, allowed):
    assert parse_robots(FORUM, AGENT).allows("https://bbs.example.cn" + path) is allowed


def test_dollar_anchors_the_end():
    robots = parse_robots("User-agent: *\nDisallow: /*.php$\n", AGENT)
    assert not robots.allows("https://x/forum.php")
    assert robots.allows("https://x/forum.php?mod=viewthread&tid=1")


def test_our_own_group_replaces_the_star_group_and_agents_share_a_group():
    text = (
        "User-agent: *\nDisallow: /\n\n"
        "User-agent: SomeBot\nUser-Agent: Discuz-Archiver\nDisallow: /forum.php?mod=redirect\n"
    )
    robots = parse_robots(text, AGENT)
    assert robots.allows("https://x/forum.php?mod=viewthread&tid=1")
    assert not robots.allows("https://x/forum.php?mod=redirect&goto=lastpost&tid=1")


def test_ties_go_to_allow_and_an_empty_disallow_allows_everything():
    tie = parse_robots("User-agent: *\nDisallow: /bbs/\nAllow: /bbs/\n", AGENT)
    assert tie.allows("https://x/bbs/forum.php")
    assert parse_robots("User-agent: *\nDisallow:\n", AGENT).allows("https://x/anything")
    assert parse_robots("", AGENT).allows("https://x/anything")


def test_percent_encoding_is_compared_decoded():
    robots = parse_robots("User-agent: *\nDisallow: /%E8%AE%BA%E5%9D%9B/\n", AGENT)
    assert not robots.allows("https://x/论坛/thread-1-1-1.html")
    assert not robots.allows("https://x/%E8%AE%BA%E5%9D%9B/thread-1-1-1.html")

"""Golden JSON of the parse result beside each fixture, and the independent expected values."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from archiver.decode import decode
from archiver.errors import ArchiverError
from archiver.fetch import read_page
from archiver.fetch.files import check_bytes
from archiver.parse import parse_page

from .support import FIXTURES

GOLDEN = FIXTURES / "golden"
EXPECTED = FIXTURES / "expected"
# touch pages and API responses need their fetch time and URL: tests/test_touch.py and
# tests/test_api.py check those fixtures; tests/test_zoo.py checks the zoo against its databases;
# fixtures/specials (activity, debate, trade threads) is for the special-thread tests; the lab
# sets content, sorts, states and attachments have their own tests against the forums' rows
OWN_TESTS = (
    "golden", "expected", "touch", "api", "zoo", "specials", "content", "sorts", "states",
    "attachments", "rush", "mirror",
)  # fmt: skip
PAGES = sorted(
    p.relative_to(FIXTURES)
    for p in FIXTURES.rglob("*.htm*")
    if p.relative_to(FIXTURES).parts[0] not in OWN_TESTS
)


def parse_fixture(relative: Path) -> dict:
    """The parse result as JSON data, or the error a bad page gives."""
    page = read_page(FIXTURES / relative)
    try:
        check_bytes(page)
        decoded = decode(page.content)
        result = parse_page(decoded.text, str(relative))
    except ArchiverError as e:
        return {"error": type(e).__name__, "message": str(e), "exit_code": e.exit_code}
    as_data = {"charset": decoded.charset, **dataclasses.asdict(result)}
    for post in as_data["posts"]:  # the rules that found each field: test_check.py shows them
        post.pop("found_by", None)
    return json.loads(json.dumps(as_data))  # tuples as JSON lists, as the golden file has them


@pytest.mark.parametrize("relative", PAGES, ids=str)
def test_golden(relative, update_golden):
    golden = GOLDEN / relative.with_suffix(".json")
    actual = parse_fixture(relative)
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", "utf-8")
    assert golden.exists(), f"no golden file for {relative}: run pytest --update-golden"
    assert actual == json.loads(golden.read_text("utf-8"))


def test_every_golden_has_a_fixture():
    goldens = {p.relative_to(GOLDEN).with_suffix("") for p in GOLDEN.rglob("*.json")}
    assert goldens == {p.with_suffix("") for p in PAGES}


EXPECTED_FILES = sorted(
    p.relative_to(EXPECTED)
    for p in EXPECTED.rglob("*.json")
    if p.relative_to(EXPECTED).parts[0] not in OWN_TESTS
)
POST_KEYS = (
    "pid", "floor", "floor_label", "author", "uid", "author_kind", "is_thread_author",
    "posted_at", "posted_text", "posted_precision", "client_tag", "state", "edited_by",
    "edited_at",
)  # fmt: skip
PROFILE_KEYS = (
    "group_title", "gid", "rank", "thread_count", "post_count", "reply_count", "credits",
    "custom_title", "medals",
)  # fmt: skip


def fixture_for(expected: Path) -> Path:
    for suffix in (".html", ".htm", ".json"):  # .json: a saved mobile API answer
        candidate = expected.with_suffix(suffix)
        if (FIXTURES / candidate).exists():
            return candidate
    raise AssertionError(f"no fixture for {expected}")


def pick(data: dict, keys) -> dict:
    return {k: data[k] for k in keys if k in data}


@pytest.mark.parametrize("expected_file", EXPECTED_FILES, ids=str)
def test_independent_expectations(expected_file):
    """Values the fixture's author wrote down by hand, before the parser saw the page."""
    expected = json.loads((EXPECTED / expected_file).read_text("utf-8"))
    actual = parse_fixture(fixture_for(expected_file))
    assert "error" not in actual, actual
    thread = expected["thread"]
    assert pick(actual["thread"], thread) == thread
    if "poll" in expected:  # a poll thread's poll, whole
        assert actual["poll"] == expected["poll"]
    if "reward" in expected:  # a reward thread's reward, whole
        assert actual["reward"] == expected["reward"]
    assert [p["pid"] for p in actual["posts"]] == [p["pid"] for p in expected["posts"]]
    for want, got in zip(expected["posts"], actual["posts"], strict=True):
        keys = [k for k in POST_KEYS if k in want]
        assert pick(got, keys) == pick(want, keys), f"post {want['pid']}"
        for text in want.get("body_contains", []):
            assert text in got["body_text"], f"post {want['pid']}: {text!r} missing"
        for text in want.get("body_excludes", []):
            assert text not in got["body_text"], f"post {want['pid']}: {text!r} present"
        if "profile" in want:
            profile = want["profile"]
            if profile is None:
                assert got["profile"] is None, f"post {want['pid']}"
            else:
                keys = [k for k in PROFILE_KEYS if k in profile]
                assert pick(got["profile"] or {}, keys) == pick(profile, keys), (
                    f"post {want['pid']}"
                )
        for key, fields in (
            ("quotes", ("quoted_pid", "quoted_author")),
            ("attachments", ("aid", "kind", "url", "filename")),
            ("ratings", ("rater", "rater_uid", "credit", "score", "reason")),
            ("comments", ("author", "uid", "text")),
        ):
            if key in want:
                got_items = [
                    pick(item, [f for f in fields if f in w])
                    for item, w in zip(got[key], want[key], strict=False)
                ]
                assert len(got[key]) == len(want[key]), f"post {want['pid']} {key}: {got[key]}"
                assert got_items == [pick(w, fields) for w in want[key]], (
                    f"post {want['pid']} {key}"
                )


def test_a_time_the_page_does_not_show_is_missing_with_a_warning():
    text = decode(read_page(FIXTURES / "features" / "thread-p2.html").content).text
    url = "https://bbs.feature.example/thread-777-2-1.html"
    pid = 2342033
    start = text.index(f'id="authorposton{pid}"')
    stripped = text[: text.rindex("<em", 0, start)] + text[text.index("</em>", start) + 5 :]
    before = next(p for p in parse_page(text, url).posts if p.pid == pid)
    result = parse_page(stripped, url)
    post = next(p for p in result.posts if p.pid == pid)
    assert before.posted_at is not None and (post.posted_at, post.posted_text) == (None, None)
    assert (post.floor, post.author, post.uid) == (before.floor, before.author, before.uid)
    assert result.warnings == [f"post {pid}: no posting time found"]


@pytest.mark.parametrize("codec, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_a_page_saved_as_utf16_with_a_bom_is_read_not_refused_as_binary(codec, bom):
    path = FIXTURES / "features" / "thread-p1.html"
    page = read_page(path)
    utf16 = dataclasses.replace(page, content=bom + page.content.decode("utf-8").encode(codec))
    check_bytes(utf16)
    decoded = decode(utf16.content)
    assert decoded.charset == codec
    assert parse_page(decoded.text, str(path)) == parse_page(decode(page.content).text, str(path))


def test_a_full_page_without_floor_labels_numbers_its_floors_from_its_size():
    """Page 2 of 3 (6 posts a page) with every label gone: floors 7 to 12 all the same."""
    text = decode(read_page(FIXTURES / "features" / "thread-p2.html").content).text
    url = "https://bbs.feature.example/thread-777-2-1.html"
    stripped = re.sub(r"<em>(\d+)</em><sup>#</sup>", "", text)
    assert stripped.count("<sup>#</sup>") == 0
    before = [(p.pid, p.floor) for p in parse_page(text, url).posts]
    after = parse_page(stripped, url)
    assert [(p.pid, p.floor) for p in after.posts] == before
    assert [p.floor for p in after.posts] == [7, 8, 9, 10, 11, 12]


def test_plain_message_text_from_markup_equals_the_tree_walk():
    """markup_text is node_text for text-and-<br> markup, entities and odd spaces included."""
    from selectolax.lexbor import LexborHTMLParser

    from archiver.parse.text import markup_text, node_text

    html = (
        '<table><tr><td id="postmessage_1">a &amp;lt; b&nbsp;&nbsp; c<br>\r\n  d &#128; e&#0;f'
        "<br><br>\n  \u3000x &gt; y  </td></tr></table>"
    )
    cell = LexborHTMLParser(html).css_first("td")
    assert cell is not None
    fast = markup_text(cell.inner_html or "")
    assert fast == node_text(cell) == "a &lt; b   c\nd € e\ufffdf\n\n\u3000x > y"
    assert markup_text("a<b>b</b>") is None
    assert markup_text("\x01") is None  # node_text's line-break sentinel: left to node_text


def test_may_hold_never_misses_a_phrase_node_text_finds():
    """may_hold is a sound pre-test: node_text only drops text nodes and adds whitespace."""
    from selectolax.lexbor import LexborHTMLParser

    from archiver.parse.text import may_hold, node_text

    for html in ("<div>该用户<b>已被删除</b></div>", "<div>该用户<script>x</script>已被删除</div>"):
        node = LexborHTMLParser(html).css_first("div")
        assert node is not None
        assert "该用户已被删除" in node_text(node)
        assert may_hold(node.text(), "该用户已被删除")
    assert not may_hold("路过的小猫", "该用户已被删除")


def test_a_year_last_date_nothing_on_the_page_can_order_is_missing_not_guessed():
    """time-12h-dmy's only telling date is 31/12/2024: made 11/12/2024, no date tells 2/1/2025
    (2 January or 1 February) apart, so those times are missing; the symmetric 1/1 is not."""
    page = FIXTURES / "variants" / "time-12h-dmy.html"
    text = decode(read_page(page).content).text.replace("31/12/2024", "11/12/2024")
    told = parse_page(decode(read_page(page).content).text)
    result = parse_page(text)
    assert told.thread.rendered_at == "2025-01-02T15:04:00+08:00"
    assert result.thread.rendered_at is None
    assert [(p.posted_at, p.posted_text, p.edited_at) for p in result.posts] == [
        (None, "前天 11:58 PM", None),
        ("2025-01-01T00:00:12+08:00", "昨天 12:00 AM", None),
        (None, "42 分钟前", None),
    ]
    assert [q.quoted_at for q in result.posts[2].quotes] == [None]
    assert [w for w in result.warnings if "time" in w] == [
        "post 6001: no posting time found",
        "post 6009: no posting time found",
    ]

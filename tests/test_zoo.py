"""The zoo (fixtures/zoo/): real installs and third-party templates, read against their databases.

Every saved page of every set (install x template) is parsed, and each post is compared with the
database rows the install held (groundtruth.json): 100% of posts found, and the fields below right.
Where a template's markup cannot show a field (fixtures/zoo/shown.json, read from its templates),
the expected value is None, and None must come out. `pytest -s` prints the per-template table;
it is also written to /tmp/zoo-accuracy.txt, and every miss to /tmp/zoo-misses.txt (another
folder than /tmp: ZOO_REPORT_DIR).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from archiver.errors import ArchiverError
from archiver.model import Post
from archiver.parse import parse_page
from archiver.parse.knowledge import RULE_FLOOR_HEAD

from .support import FIXTURES
from .test_corpus import groundtruth, local_time
from .test_touch import read_saved, within_precision

ZOO = FIXTURES / "zoo"
SHOWN = json.loads((ZOO / "shown.json").read_text(encoding="utf-8"))
FIELDS = (
    "floor", "author", "uid", "time", "client_tag", "thread_author", "group", "rank",
    "threads", "posts", "credits", "body30", "label", "edit_note", "quoted_pid", "ratings",
)  # fmt: skip
POSTS_FOUND_TARGET = 1.0
FIELDS_TARGET = 0.995
REPORTS = Path(os.environ.get("ZOO_REPORT_DIR", "/tmp"))  # another run's copy: set another dir
REPORT = REPORTS / "zoo-accuracy.txt"
MISSES = REPORTS / "zoo-misses.txt"

EDIT_NOTE = re.compile(  # Simplified, or Traditional as the X3.2 build (x32) writes it
    r"\[i=s\]\s*本帖最[后後]由 (.+?) [于於] "
    r"(\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}) [编編][辑輯]\s*\[/i\]"
)
QUOTE = re.compile(r"\[quote\].*?[?&]pid=(\d+)", re.S)
BBCODE_DROPPED = re.compile(r"\[quote\].*?\[/quote\]|\[i=s\].*?\[/i\]", re.S)
BBCODE_TAG = re.compile(r"\[/?[a-z]+(?:=[^\]]*)?\]", re.I)


def sets() -> list[tuple[str, str]]:
    """(set folder relative to the zoo, rendering) for every saved rendering."""
    found = []
    for folder in sorted(p for p in ZOO.glob("*/*") if p.is_dir() and p.parent.name != "rebuild"):
        for rendering in ("desktop", "touch"):
            if any(folder.glob(f"{rendering}-p*.html")):
                found.append((f"{folder.parent.name}/{folder.name}", rendering))
    return found


def body30(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()[:30]


def relative_precision(dateline: int, rendered: dt.datetime, offset_hours: str) -> str:
    """How exactly Discuz's relative time ('u' format, source/function/function_core.php dgmdate)
    shows a post time when the page has no title with the full time (touch templates): N 小时前
    today, 昨天/前天 HH:MM, N 天前 within a week, the full time (with seconds) before that."""
    offset = round(float(offset_hours) * 3600)
    now = int(rendered.timestamp())
    shifted = dateline + offset
    today = now - (now + offset) % 86400 + offset
    if shifted >= today:
        return "hour" if now + offset - shifted > 60 else "second"
    days = int((today - shifted) / 86400)
    return "minute" if days < 2 else "day" if days < 7 else "second"


def label_of(rule: dict | None, floor: int, settings: dict) -> str | None:
    if rule is None:
        return None
    names = settings["postnocustom"] if rule["names"] == "postnocustom" else rule["names"]
    if floor <= len(names) and names[floor - 1]:
        return names[floor - 1]
    return rule["other"].format(n=floor)


def expected_post(p: dict, truth: dict, shown: dict, page: int, rendered: dt.datetime) -> dict:
    """What the page should give for one post, None where the template cannot show it.

    The time is (exact ISO time, the precision shown). The thread-author mark is expected where
    the page says who started the thread: a mark on each post ("mark"), a 只看楼主 link or a
    title strip on every page ("page"), or the first post itself on page 1.
    """
    settings, users = truth["settings"], {u["uid"]: u for u in truth["users"]}
    user, offset = users.get(p["authorid"], {}), settings["timeoffset"]
    note = EDIT_NOTE.search(p["message"])
    quote = QUOTE.search(p["message"])
    tag = shown.get("client_tag")  # True, or the language's own text where it is not 来自手机
    mobile = settings["mobile"]["mobilecomefrom"] or (tag if isinstance(tag, str) else "来自手机")
    posts_label = shown.get("posts")
    second = user.get("posts", 0) - (user.get("threads", 0) if posts_label == "回帖" else 0)
    starter = p["authorid"] == truth["thread"]["authorid"]
    precision = shown.get("time")
    if precision == "relative":
        precision = relative_precision(p["dateline"], rendered, offset)

    def only(key: str, value: object) -> object:
        rule = shown.get(key)
        if isinstance(rule, dict):  # shown for some groups only
            gid = user.get("groupid")
            rule = gid in rule["gids"] if "gids" in rule else gid not in rule["except_gids"]
        return value if rule else None

    return {
        "floor": p["position"],
        "author": only("author", p["author"]),
        "uid": only("uid", p["authorid"]),
        "time": shown.get("time") and (local_time(p["dateline"], offset), precision),
        "client_tag": mobile if shown.get("client_tag") and p["from_mobile"] else None,
        "thread_author": starter if shown.get("thread_author") or page == 1 else None,
        "group": only("group", user.get("group_title")),
        "rank": only("rank", user.get("stars")),
        "threads": only("threads", user.get("threads")),
        "posts": second if posts_label else None,
        "credits": only("credits", user.get("credits")),
        "body30": body30(BBCODE_TAG.sub("", BBCODE_DROPPED.sub("", p["message"]))),
        "label": label_of(shown.get("label"), p["position"], settings),
        "edit_note": note and (note.group(1), edit_time(note.group(2), offset)),
        "quoted_pid": quote and int(quote.group(1)),
        "ratings": only("ratings", sum(r["pid"] == p["pid"] for r in truth["rates"])),
    }


def edit_time(text: str, offset: str) -> str:
    tz = dt.timezone(dt.timedelta(hours=float(offset)))
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=tz).isoformat()


def actual_post(post: Post, shown: dict, page: int) -> dict:
    """What the parser gave, in the same shape (a False thread-author mark is None where the
    page cannot tell)."""
    profile = post.profile
    second = None
    if profile is not None:
        second = profile.reply_count if shown.get("posts") == "回帖" else profile.post_count
    mark: bool | None = post.is_thread_author
    if not (shown.get("thread_author") or page == 1) and not post.is_thread_author:
        mark = None
    return {
        "floor": post.floor,
        "author": post.author,
        "uid": post.uid,
        "time": post.posted_at,
        "client_tag": post.client_tag,
        "thread_author": mark,
        "group": profile and profile.group_title,
        "rank": profile and profile.rank,
        "threads": profile and profile.thread_count,
        "posts": second,
        "credits": profile and profile.credits,
        "body30": body30(post.body_text),
        "label": post.floor_label,
        "edit_note": post.edited_by and (post.edited_by, post.edited_at),
        "quoted_pid": post.quotes[0].quoted_pid if post.quotes else None,
        "ratings": None if post.ratings is None else len(post.ratings),
    }


@dataclass
class Score:
    """One rendering of one set: posts found, fields right, and what was missed."""

    name: str
    pages: int = 0
    posts: int = 0
    found: int = 0
    right: int = 0
    total: int = 0
    wrong: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)


def score(set_name: str, rendering: str) -> Score:
    folder = ZOO / set_name
    truth = groundtruth(truth_folder(folder))
    shown = SHOWN[set_name][rendering]
    result = Score(f"{set_name} ({rendering})")
    parsed: dict[int, tuple[Post, str, dt.datetime]] = {}
    for path in sorted(folder.glob(f"{rendering}-p*.html")):
        html, url, date = read_saved(path)
        result.pages += 1
        try:
            posts = parse_page(html, url, now=date).posts
        except ArchiverError as error:  # the page's posts count as not found
            result.misses.append(f"{set_name}/{path.name}: {error}")
            continue
        for post in posts:
            if not post.is_copy:
                parsed.setdefault(post.pid, (post, path.name, date))
    for p in truth["posts"]:
        result.posts += 1
        result.total += len(FIELDS)
        if p["pid"] not in parsed:
            result.wrong["(post not found)"] += 1
            result.misses.append(f"{result.name} pid {p['pid']}: not found")
            continue
        result.found += 1
        post, page, rendered = parsed[p["pid"]]
        number = int(re.search(r"-p(\d+)\.html$", page).group(1))
        spec = {**shown, **shown.get("first", {})} if p["first"] else shown
        want = expected_post(p, truth, spec, number, rendered)
        got = actual_post(post, spec, number)
        for name in FIELDS:
            if same(name, got[name], want[name]):
                result.right += 1
            else:
                result.wrong[name] += 1
                result.misses.append(
                    f"{set_name}/{page} floor {p['position']} pid {p['pid']} {name}: "
                    f"expected {want[name]!r}, got {got[name]!r}"
                )
    return result


def truth_folder(folder: Path) -> Path:
    """A set's own groundtruth.json, when the thread was written again for it (a later run of
    the install: the blind check's templates), else the install's."""
    return folder if (folder / "groundtruth.json").is_file() else folder.parent


def same(name: str, got: object, want: object) -> bool:
    """A field agrees with the truth; a time as far as the page shows it."""
    if name == "time" and isinstance(want, tuple):
        return isinstance(got, str) and within_precision(got, *want)
    return got == want


def table(scores: list[Score]) -> str:
    rows = ["| set (rendering) | pages | posts found | fields right | accuracy | wrong fields |",
            "|---|---|---|---|---|---|"]  # fmt: skip
    for s in scores:
        wrong = ", ".join(f"{k} {v}" for k, v in sorted(s.wrong.items())) or "-"
        rows.append(f"| {s.name} | {s.pages} | {s.found}/{s.posts} | {s.right}/{s.total} | "
                    f"{100 * s.right / s.total:.2f}% | {wrong} |")  # fmt: skip
    found, posts = sum(s.found for s in scores), sum(s.posts for s in scores)
    right, total = sum(s.right for s in scores), sum(s.total for s in scores)
    rows.append(f"| **all** | {sum(s.pages for s in scores)} | {found}/{posts} | {right}/{total} "
                f"| {100 * right / total:.2f}% | |")  # fmt: skip
    return "\n".join(rows) + "\n"


@pytest.fixture(scope="module")
def scores() -> list[Score]:
    result = [score(name, rendering) for name, rendering in sets()]
    text = table(result)
    print("\n" + text)
    REPORT.write_text(text, encoding="utf-8")
    MISSES.write_text("\n".join(m for s in result for m in s.misses) + "\n", encoding="utf-8")
    return result


def test_every_set_has_its_truth_and_shown_fields():
    assert len(sets()) >= 20
    for name, rendering in sets():
        assert truth_folder(ZOO / name).joinpath("groundtruth.json").is_file()
        assert rendering in SHOWN[name], f"{name}: no shown fields for {rendering}"
        assert set(SHOWN[name][rendering]) <= {"why", "first", *FIELDS}


def test_the_zoo_stays_under_10_mb():
    size = sum(p.stat().st_size for p in ZOO.rglob("*") if p.is_file())
    assert size < 10_000_000


def test_every_post_is_found(scores):
    found = sum(s.found for s in scores) / sum(s.posts for s in scores)
    assert found >= POSTS_FOUND_TARGET, table(scores)


def test_fields_overall(scores):
    right = sum(s.right for s in scores) / sum(s.total for s in scores)
    assert right >= FIELDS_TARGET, table(scores)


@pytest.mark.parametrize("rendering", ["desktop", "touch"])
def test_x32_traditional_quote_header(rendering):
    """X3.2's Traditional build heads a quote `lisa2019 發表於 …`: its author and time are read."""
    html, url, date = read_saved(ZOO / "x32" / "default" / f"{rendering}-p1.html")
    post = next(p for p in parse_page(html, url, now=date).posts if p.floor == 5)
    quote = post.quotes[0]
    assert (quote.quoted_pid, quote.quoted_author, quote.quoted_at) == (
        2,
        "lisa2019",
        "2026-11-24T21:40:00+08:00",
    )


def test_x2_mobile_floor_leads_the_header():
    """X2's mobile=yes UI has no floor link: `楼主` or `<em>5</em><sup>#</sup>` leads the header."""
    html, url, date = read_saved(ZOO / "x2" / "default" / "touch-p1.html")
    posts = parse_page(html, url, now=date).posts
    assert [(p.floor, p.floor_label) for p in posts] == [
        (1, "楼主"), (2, "沙发"), (3, "板凳"), (4, "地板"), (5, "5#"),
    ]  # fmt: skip
    assert posts[4].found_by["floor"] == RULE_FLOOR_HEAD


def test_x2_counters_from_the_user_card():
    """A stock X2 shows 帖子/积分 only in the hidden user card (no dl.pil in td.pls)."""
    html, url, date = read_saved(ZOO / "x2" / "default" / "desktop-p1.html")
    post = next(p for p in parse_page(html, url, now=date).posts if p.floor == 3)
    profile = post.profile
    assert profile is not None
    assert (profile.group_title, profile.rank, profile.post_count, profile.credits) == (
        "金牌会员",
        6,
        3,
        1626,
    )

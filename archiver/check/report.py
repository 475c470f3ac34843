"""Read a saved page as `archive` would, and record what came out of each post and from where."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from archiver.decode import decode
from archiver.errors import ArchiverError, InputError
from archiver.fetch import Fetcher, make_client, read_page
from archiver.fetch.files import check_bytes
from archiver.fetch.saved import read_saved
from archiver.model import Activity, Debate, Page, Poll, Post, Reward, ThreadPage
from archiver.parse import parse_page
from archiver.parse.signs import page_signs
from archiver.redact import redact_text
from archiver.urls import saved_under, site_root
from archiver.vocabulary import RUSH_FLOOR_WORDS, WARNED_WORDS

EXCERPT = 30  # characters of a post's text shown, never more
FIELDS = ("floor", "label", "author", "uid", "time", "client_tag", "body", "panel")
MISSING_VALUE = "missing"


@dataclass(frozen=True)
class FieldCheck:
    """One field of a post: the value shown (an excerpt for the body), the rule, or missing."""

    name: str
    value: str | None
    rule: str | None


@dataclass(frozen=True)
class PostCheck:
    """A post's fields, and the rule that found the post itself (touch: `found_by["post"]`)."""

    pid: int
    fields: list[FieldCheck]
    rule: str | None = None  # None: the rendering does not trace how it found its posts
    marks: list[str] = field(default_factory=list)  # 受到警告, 回帖奖励 +5 金钱: where shown


@dataclass
class PageCheck:
    """What one page gave: its kind of save, rendering, version, charset and posts, or why not."""

    source: str
    size: int
    saved_as: str = "page"  # page, singlefile, httrack, saved-from, mhtml; fetched (a URL)
    url: str | None = None
    charset: str | None = None
    declared_charset: str | None = None
    title: str | None = None
    generator: str | None = None
    rendering: str | None = None
    version: str | None = None
    site: str | None = None
    tid: int | None = None
    page: int | None = None
    pages: int | None = None
    views: int | None = None
    replies: int | None = None
    posts: list[PostCheck] = field(default_factory=list)
    poll: str | None = None  # a poll thread's poll, in one line (`poll_summary`)
    reward: str | None = None  # a reward thread's reward, in one line (`reward_summary`)
    activity: str | None = None  # an activity thread's activity, in one line
    debate: str | None = None  # a debate thread's sides and verdict, in one line
    goods: list[str] = field(default_factory=list)  # a trade thread's items, a line each
    error: str | None = None
    exit_code: int = 0


@dataclass(frozen=True)
class Asking:
    """How a URL given to check is fetched: once, that page only, politely; no cookies."""

    timeout: float = 30.0
    user_agent: str | None = None
    proxy: str | None = None
    ignore_robots: bool = False


def check_pages(
    inputs: list[str], asking: Asking | None = None, site: str | None = None
) -> Iterator[PageCheck]:
    """Each input file or URL, checked; one that cannot be read is a PageCheck with its error.

    `site`: a URL of the install, for saved files that do not say their site (as `archive`).
    :raises InputError: `site` is not an http(s) URL.
    """
    asking = asking or Asking()
    root = site_root(site) if site is not None else None
    fetcher: Fetcher | None = None
    with ExitStack() as stack:  # the client, once a URL needs one
        for item in inputs:
            try:
                if item.startswith(("http://", "https://")):
                    if fetcher is None:
                        client = make_client(
                            timeout=asking.timeout, proxy=asking.proxy, user_agent=asking.user_agent
                        )
                        stack.enter_context(client)
                        fetcher = Fetcher(client, ignore_robots=asking.ignore_robots)
                    yield _fetched(fetcher, item)
                    continue
                page, kind = _read(Path(item))
                yield check_page(page, saved_as=kind, site=root)
            except ArchiverError as e:
                error = str(e).removeprefix(f"{item}: ")
                yield PageCheck(item, 0, error=error, exit_code=e.exit_code)


def _fetched(fetcher: Fetcher, url: str) -> PageCheck:
    page = fetcher.fetch(url)
    check_bytes(page)
    return check_page(page, saved_as="fetched")


def _read(path: Path) -> tuple[Page, str]:
    """The page in a file, and what saved it (page: a plain file)."""
    if not path.is_file():
        raise InputError("no such file (check takes saved pages and URLs)", source=str(path))
    file = read_page(path)
    check_bytes(file)
    page, kind = read_saved(file)
    if kind in ("warc", "wacz"):
        raise InputError("a web archive; check takes saved pages", source=str(path))
    return page, kind


def check_page(page: Page, saved_as: str = "page", site: str | None = None) -> PageCheck:
    """Decode and parse one page; never raises for a page that is not a thread.

    `site`: the install's root URL for a page that does not say its site (as `archive`).
    """
    decoded = decode(page.content, page.charset)
    report = PageCheck(
        source=page.source,
        size=len(page.content),
        saved_as=saved_as,
        url=redact_text(page.url) if page.url else None,
        charset=decoded.charset,
        declared_charset=decoded.declared,
    )
    report.title, report.generator = page_signs(decoded.text)
    try:
        parsed = parse_page(decoded.text, page.url or page.source, now=page.shown_at)
        if site is not None and parsed.thread.site == "unknown":
            parsed = parse_page(decoded.text, saved_under(site, page.source), now=page.shown_at)
    except ArchiverError as e:
        report.error, report.exit_code = str(e).removeprefix(f"{page.source}: "), e.exit_code
        return report
    _fill(report, parsed)
    return report


def _fill(report: PageCheck, parsed: ThreadPage) -> None:
    thread = parsed.thread
    report.rendering, report.version = parsed.rendering, thread.discuz_version
    report.site, report.tid, report.page, report.pages = (
        thread.site, thread.tid, thread.page, thread.pages,
    )  # fmt: skip
    report.views, report.replies = thread.views, thread.replies
    report.poll = poll_summary(parsed.poll) if parsed.poll is not None else None
    report.reward = reward_summary(parsed.reward) if parsed.reward is not None else None
    report.activity = activity_summary(parsed.activity) if parsed.activity is not None else None
    report.debate = debate_summary(parsed.debate) if parsed.debate is not None else None
    report.goods = [
        f"pid {g.pid}: {g.name or MISSING_VALUE}, "
        + (f"{g.price} 元" if g.price else f"{g.credit} credits" if g.credit else MISSING_VALUE)
        for g in parsed.goods
    ]
    report.posts = [
        PostCheck(post.pid, post_fields(post), post.found_by.get("post"), post_marks(post))
        for post in parsed.posts
    ]


def post_marks(post: Post) -> list[str]:
    """What the forum marked the post with, where it did: a warning, a 抢楼 thread's rewarded
    floor, a reply's 回帖奖励."""
    warned = [WARNED_WORDS] if post.is_warned else []
    warned += [RUSH_FLOOR_WORDS] if post.rush_floor else []
    return warned + ([str(post.reply_credit)] if post.reply_credit is not None else [])


def poll_summary(poll: Poll) -> str:
    """What was read of a poll: kind, limit, voters, how many options showed ids and counts."""
    count = len(poll.options)
    ids = sum(o.polloptionid is not None for o in poll.options)
    votes = sum(o.votes is not None for o in poll.options)
    limit = f" (at most {poll.max_choices})" if poll.multiple and poll.max_choices else ""
    expiry = "ended" if poll.ended else f"expires {poll.expires_at or MISSING_VALUE}"
    return (
        f"{'multiple' if poll.multiple else 'single'}{limit}{', image' if poll.is_image else ''}, "
        f"voters {MISSING_VALUE if poll.voters is None else poll.voters}, {count} options "
        f"(ids {ids}/{count}, counts {votes}/{count}), {expiry}"
    )


def activity_summary(activity: Activity) -> str:
    """What was read of an activity: kind, start, place, and how many applicants it listed."""
    parts = [activity.kind or MISSING_VALUE, activity.starts_at or MISSING_VALUE]
    parts.append(activity.place or MISSING_VALUE)
    listed = sum(applicant.verified for applicant in activity.applicants)
    waiting = len(activity.applicants) - listed
    return ", ".join(parts) + f"; {listed} verified, {waiting} waiting listed"


def debate_summary(debate: Debate) -> str:
    """What was read of a debate: the votes of both sides, the verdict, the replies' sides."""
    votes = [
        MISSING_VALUE if v is None else str(v) for v in (debate.affirm_votes, debate.negate_votes)
    ]
    verdict = f", won by {debate.winner}" if debate.winner else ""
    return f"votes {votes[0]} : {votes[1]}{verdict}; {len(debate.stands)} replies with a side"


def reward_summary(reward: Reward) -> str:
    """What was read of a reward: amount and credit, state, the best answer's pid."""
    amount = MISSING_VALUE if reward.amount is None else reward.amount
    state = {None: f"state {MISSING_VALUE}", True: "solved", False: "open"}[reward.solved]
    best = "" if reward.best_pid is None else f", best answer pid {reward.best_pid}"
    return f"{amount} {reward.credit or MISSING_VALUE}, {state}{best}"


def post_fields(post: Post) -> list[FieldCheck]:
    """Each field of `FIELDS` with its value and the rule that found it."""
    panel = post.profile
    values: dict[str, object] = {
        "floor": post.floor,
        "label": post.floor_label,
        "author": post.author,
        "uid": post.uid,
        "time": post.posted_at,
        "client_tag": post.client_tag,
        "body": excerpt(post.body_text) or None,
        "panel": ", ".join(p for p in (panel.group_title, _rank(panel.rank)) if p) or "shown"
        if panel is not None
        else None,
    }
    rules = post.found_by
    untraced = f"({post.source} rendering: rule not traced)"
    return [
        FieldCheck(name, None if value is None else str(value),
                   None if value is None else rules.get(name) or untraced)
        for name, value in values.items()
    ]  # fmt: skip


def _rank(rank: int | None) -> str | None:
    return f"rank {rank}" if rank is not None else None


def excerpt(text: str) -> str:
    """At most EXCERPT characters of a text, on one line."""
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT else flat[:EXCERPT] + "…"

"""Getting things back out of an archive: search and whole threads. Read-only queries."""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from archiver.errors import InputError
from archiver.read.parts import thread_parts
from archiver.read.scripts import spellings

TRIGRAM = 3  # FTS5's trigram tokenizer matches terms of at least three characters
SNIPPET_CONTEXT = 24


@dataclass(frozen=True)
class Hit:
    """One post that matches a search."""

    site: str
    tid: int
    pid: int | None  # None: a post of the Archiver text view
    floor: int | None
    author: str | None
    posted_at: str | None
    subject: str | None
    snippet: str
    score: float | None


@dataclass
class Filters:
    """Narrow a search by site, thread, author and time (ISO dates or datetimes)."""

    site: str | None = None
    tid: int | None = None
    author: str | None = None
    since: str | None = None
    until: str | None = None
    include_gone: bool = False  # posts a complete fetch no longer showed
    exact: bool = False  # the terms as typed only, not their other script (read/scripts.py)


def search_terms(query: str) -> list[str]:
    """Split on spaces, keeping "quoted phrases" together."""
    try:
        terms = shlex.split(query)
    except ValueError:
        terms = query.replace('"', " ").split()
    terms = [t.strip() for t in terms if t.strip()]
    if not terms:
        raise InputError("nothing to search for", source=repr(query))
    return terms


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def search(
    db: Database, query: str, filters: Filters | None = None, *, limit: int = 20
) -> list[Hit]:
    """Posts containing every term: FTS5 trigram for 3+ characters, LIKE below that.

    Short terms scan body_text, never the FTS table, since a trigram index cannot answer
    them. Hits are ranked by bm25 when any term used the index, else newest first. Posts of
    the Archiver text view come after, each only where no post of that floor is archived;
    gone posts only with `filters.include_gone`.
    """
    filters = filters or Filters()
    terms = [[t] if filters.exact else spellings(t) for t in search_terms(query)]
    where, params, join, score = _matching("posts", terms)
    if not filters.include_gone:
        where.append("p.gone_at IS NULL")
    _filter(filters, where, params)
    order = "score, p.posted_at DESC" if score != "NULL" else "p.posted_at DESC"
    rows = db.execute(
        f"SELECT p.site, p.tid, p.pid, p.floor, p.author, p.posted_at, t.subject, "
        f"p.body_text, {score} AS score FROM posts p {join} "
        "LEFT JOIN threads t ON t.site = p.site AND t.tid = p.tid "
        f"WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ?",
        [*params, limit],
    ).fetchall()
    hits = [
        Hit(r[0], r[1], r[2], r[3], r[4], r[5], r[6], snippet(r[7] or "", _flat(terms)), r[8])
        for r in rows
    ]
    return hits + _text_hits(db, terms, filters, limit - len(hits))


def _flat(terms: list[list[str]]) -> list[str]:
    return [spelling for spellings in terms for spelling in spellings]


def _matching(table: str, terms: list[list[str]]) -> tuple[list[str], list[Any], str, str]:
    """WHERE clauses, their parameters, the FTS join and score on `table` p: every term, each
    in any of its spellings."""
    long_terms = [t for t in terms if len(t[0]) >= TRIGRAM]
    where: list[str] = []
    params: list[Any] = []
    join, score = "", "NULL"
    if long_terms:
        join = f"JOIN {table}_fts ON {table}_fts.rowid = p.rowid"
        where.append(f"{table}_fts MATCH ?")
        groups = ("(" + " OR ".join(_fts_phrase(s) for s in t) + ")" for t in long_terms)
        params.append(" AND ".join(groups))
        score = f"bm25({table}_fts)"
    for spellings_ in terms:
        if len(spellings_[0]) < TRIGRAM:
            where.append("(" + " OR ".join("instr(p.body_text, ?) > 0" for _ in spellings_) + ")")
            params.extend(spellings_)
    return where, params, join, score


def _text_hits(db: Database, terms: list[list[str]], filters: Filters, limit: int) -> list[Hit]:
    """Posts of the Archiver text view whose floor no archived post of the thread holds."""
    if limit <= 0:
        return []
    where, params, join, score = _matching("text_posts", terms)
    where.append(
        "NOT EXISTS (SELECT 1 FROM posts o WHERE o.site = p.site AND o.tid = p.tid "
        "AND o.floor = p.floor)"
    )
    _filter(filters, where, params)
    order = "score, p.posted_at DESC" if score != "NULL" else "p.posted_at DESC"
    rows = db.execute(
        f"SELECT p.site, p.tid, p.floor, p.author, p.posted_at, t.subject, p.body_text, "
        f"{score} AS score FROM text_posts p {join} "
        "LEFT JOIN threads t ON t.site = p.site AND t.tid = p.tid "
        f"WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [
        Hit(r[0], r[1], None, r[2], r[3], r[4], r[5], snippet(r[6] or "", _flat(terms)), r[7])
        for r in rows
    ]


def _filter(filters: Filters, where: list[str], params: list[Any]) -> None:
    """Add the site, thread, author and time conditions on the posts aliased `p`."""
    if filters.author is not None:  # a name in either script, as the terms (維港霧, 维港雾)
        names = [filters.author] if filters.exact else spellings(filters.author)
        where.append(f"p.author IN ({', '.join('?' for _ in names)})")
        params.extend(names)
    for clause, value in (
        ("p.site = ?", filters.site),
        ("p.tid = ?", filters.tid),
        ("p.posted_at >= ?", filters.since),
        ("p.posted_at < ?", _day_after(filters.until)),
    ):
        if value is not None:
            where.append(clause)
            params.append(value)


def _day_after(until: str | None) -> str | None:
    """`--until 2024-10-31` includes that whole day."""
    if until is None or len(until) != 10:
        return until
    return until + "T99"  # sorts after every time of that day


def snippet(text: str, terms: list[str]) -> str:
    """Text around the first hit, every term marked [like this]."""
    flat = " ".join(text.split())
    positions = [flat.find(t) for t in terms if t in flat]
    start = max(0, min(positions) - SNIPPET_CONTEXT) if positions else 0
    end = min(len(flat), (min(positions) if positions else 0) + SNIPPET_CONTEXT * 3)
    piece = flat[start:end]
    pattern = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    piece = re.sub(f"({pattern})", r"[\1]", piece)
    return ("…" if start > 0 else "") + piece + ("…" if end < len(flat) else "")


@dataclass
class ThreadDoc:
    """A thread with its posts, each with its author panel and the things it contains."""

    thread: dict[str, Any]
    posts: list[dict[str, Any]] = field(default_factory=list)
    # from the Archiver text view: no pid or panel; only floors no post above has
    text_posts: list[dict[str, Any]] = field(default_factory=list)
    # the archive's copies of the media its posts show (read.media.thread_media), by URL
    media: dict[str, dict[str, Any]] = field(default_factory=dict)
    media_paths: dict[str, str] = field(default_factory=dict)  # URL -> file beside a Markdown
    poll: dict[str, Any] | None = None  # a poll thread's poll (read.polls.load_poll)
    reward: dict[str, Any] | None = None  # a reward thread's reward (read.rewards.load_reward)
    activity: dict[str, Any] | None = None  # an activity thread's (read.activities.load_activity)
    debate: dict[str, Any] | None = None  # a debate thread's (read.debates.load_debate)
    goods: list[dict[str, Any]] = field(default_factory=list)  # a trade thread's (read.trades)
    sort: dict[str, Any] | None = None  # 分类信息 (read.sorts.load_sort)
    moderations: list[dict[str, Any]] = field(default_factory=list)  # 本主题由 … 于 … 关闭
    reply_reward: dict[str, Any] | None = None  # the thread's 回帖奖励 terms (read.rewards)
    rush: dict[str, Any] | None = None  # the thread's 抢楼 terms (read.rewards)


_POST_CHILDREN = ("quotes", "attachments", "ratings", "comments")
_JSON_COLUMNS = ("forum_path", "medals", "stats", "profile", "unknown_fields")


def _decoded(row: dict[str, Any]) -> dict[str, Any]:
    for key in _JSON_COLUMNS:
        if isinstance(row.get(key), str):
            row[key] = json.loads(row[key])
    return row


def thread_keys(
    db: Database, tid: int | None = None, site: str | None = None
) -> list[tuple[str, int]]:
    """(site, tid) of one thread (or all); raises if a tid is ambiguous or missing."""
    sql, params = "SELECT site, tid FROM threads", list[Any]()
    if tid is not None:
        sql, params = sql + " WHERE tid = ?", [tid]
        if site is not None:
            sql, params = sql + " AND site = ?", [tid, site]
    keys = [(str(r[0]), int(r[1])) for r in db.execute(sql + " ORDER BY site, tid", params)]
    if tid is not None and not keys:
        where = f" of site {site}" if site is not None else ""
        raise InputError(f"no such thread{where} in the archive", source=f"tid {tid}")
    if tid is not None and len(keys) > 1:
        sites = ", ".join(k[0] for k in keys)
        raise InputError(f"several sites have this tid ({sites}); add --site", source=f"tid {tid}")
    return keys


def load_thread(db: Database, site: str, tid: int) -> ThreadDoc:
    """Everything the archive knows about one thread, in floor order."""
    thread = _decoded(dict(next(db.query(
        "SELECT * FROM threads WHERE site = ? AND tid = ?", [site, tid]
    ))))  # fmt: skip
    doc = ThreadDoc(thread, **thread_parts(db, site, tid))
    users = {
        r["uid"]: _decoded(dict(r))
        for r in db.query(
            "SELECT * FROM users WHERE site = ? AND uid IN "
            "(SELECT uid FROM posts WHERE site = ? AND tid = ?)",
            [site, site, tid],
        )
    }
    # the panel as that post's page showed it, where the archive has that snapshot
    shown = {
        (r["uid"], r["page_id"]): _decoded(dict(r))
        for r in db.query(
            "SELECT s.* FROM user_snapshots s JOIN posts p ON p.site = s.site "
            "AND p.uid = s.uid AND p.page_id = s.page_id WHERE p.site = ? AND p.tid = ?",
            [site, tid],
        )
    }
    children: dict[str, dict[int, list[dict[str, Any]]]] = {}
    for table in _POST_CHILDREN:
        grouped: dict[int, list[dict[str, Any]]] = {}
        for row in db.query(
            f"SELECT c.* FROM {table} c JOIN posts p ON p.site = c.site AND p.pid = c.pid "
            "WHERE p.site = ? AND p.tid = ? AND c.replaced_at IS NULL ORDER BY c.pid, c.idx",
            [site, tid],
        ):
            hidden = ("site", "pid", "idx", "version", "replaced_at")
            item = {k: v for k, v in row.items() if k not in hidden}
            grouped.setdefault(row["pid"], []).append(item)
        children[table] = grouped
    for row in db.query(
        "SELECT * FROM posts WHERE site = ? AND tid = ? "
        "ORDER BY floor IS NULL, floor, posted_at, pid",
        [site, tid],
    ):
        post = dict(row)
        user = shown.get((post["uid"], post["page_id"])) or users.get(post["uid"])
        post["author_panel"] = (
            {k: v for k, v in user.items() if k not in ("site", "uid", "page_id")} if user else None
        )
        for table in _POST_CHILDREN:
            post[table] = children[table].get(post["pid"], [])
        doc.posts.append(post)
    floors = {post["floor"] for post in doc.posts}
    doc.text_posts = [
        {k: v for k, v in row.items() if k not in ("site", "tid")}
        for row in db.query(
            "SELECT * FROM text_posts WHERE site = ? AND tid = ? "
            "ORDER BY floor IS NULL, floor, page_number, idx",
            [site, tid],
        )
        if row["floor"] is None or row["floor"] not in floors
    ]
    return doc

"""One thread archived from its desktop page, its touch page and its API response: same rows."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from archiver.archive.files import archive_page
from archiver.fetch import Page
from archiver.store import open_db

from .support import FIXTURES
from .test_touch import lines, within_precision

NOW = dt.datetime.fromisoformat("2025-03-15T14:20:37+08:00")  # when all three were fetched
SITE = "bbs.feature.example/forum"
RENDERINGS = {
    "desktop": (FIXTURES / "features" / "thread-p1.html", "http://bbs.feature.example/forum/"),
    "touch": (FIXTURES / "touch" / "feature-thread-p1.html", "http://bbs.feature.example/forum/"),
    "api": (
        FIXTURES / "api" / "feature-thread-p1.json",
        "http://bbs.feature.example/forum/api/mobile/index.php?version=4&module=viewthread"
        "&tid=777&page=1",
    ),
}
COLUMNS = "pid, floor, author, uid, author_kind, is_thread_author, posted_at, posted_precision, "
COLUMNS += "body_text, rendering"


def archive(db, rendering: str) -> None:
    path, url = RENDERINGS[rendering]
    archive_page(db, Page(source=str(path), url=url, content=path.read_bytes(), fetched_at=NOW))


def rows(db) -> dict[int, dict]:
    cursor = db.execute(f"select {COLUMNS} from posts where site = ? and tid = 777", [SITE])
    names = [d[0] for d in cursor.description]
    return {r[0]: dict(zip(names, r, strict=True)) for r in cursor.fetchall()}


def test_three_renderings_archive_to_the_same_posts(tmp_path):
    archived = {}
    for rendering in RENDERINGS:
        db = open_db(tmp_path / f"{rendering}.db")
        archive(db, rendering)
        archived[rendering] = rows(db)
    common = set.intersection(*(set(r) for r in archived.values()))
    # page 1 of 5 posts (touch, API) against page 1 of 10 (desktop): positions 1-5 and the
    # sticky and hot copies; position 5 is the deleted floor, which touch and API skip
    assert len(common) == 6
    desktop = archived["desktop"]
    # the API drops [attach] codes of files from the message; desktop and touch show the names
    names = {r[0] for r in open_db(tmp_path / "desktop.db").execute(
        "select filename from attachments where kind = 'file'"
    )}  # fmt: skip
    for pid in sorted(common):
        exact = desktop[pid]
        for rendering in ("touch", "api"):
            post = archived[rendering][pid]
            same = ("floor", "author", "uid", "author_kind")
            assert [post[k] for k in same] == [exact[k] for k in same], (rendering, pid)
            text = [line for line in lines(post["body_text"]) if line not in names]
            want = [line for line in lines(exact["body_text"]) if line not in names]
            assert text == want, (rendering, pid)
            assert post["rendering"] == rendering
        assert archived["api"][pid]["posted_at"] == exact["posted_at"], pid  # dbdateline
        touch = archived["touch"][pid]
        assert within_precision(touch["posted_at"], exact["posted_at"], touch["posted_precision"])
        if touch["posted_precision"] in ("minute", "second"):  # 昨天 23:36, 2024-12-3 21:09
            assert touch["posted_at"][:16] == exact["posted_at"][:16], pid


@pytest.mark.parametrize("order", list(itertools.permutations(RENDERINGS)), ids="-".join)
def test_an_exact_time_is_never_replaced_by_an_approximate_one(tmp_path, order):
    db = open_db(tmp_path / "archive.db")
    for rendering in order:
        archive(db, rendering)
    alone = open_db(tmp_path / "desktop.db")
    archive(alone, "desktop")
    desktop = rows(alone)
    for pid, post in rows(db).items():
        assert post["posted_at"] == desktop[pid]["posted_at"], (order, pid)
        assert post["posted_precision"] == desktop[pid]["posted_precision"], (order, pid)


TEXT_VIEW = [
    (FIXTURES / "archiver" / f"feature-thread-p{n}.html",
     f"http://bbs.feature.example/forum/archiver/?tid-777.html{'' if n == 1 else '&page=2'}")
    for n in (1, 2)
]  # fmt: skip
FIXTURES_OF = {
    "desktop": [
        (FIXTURES / "features" / f"thread-p{n}.html", "http://bbs.feature.example/forum/")
        for n in (1, 2, 3)
    ],
    "touch": [RENDERINGS["touch"]],
    "api": [RENDERINGS["api"]],
    "textview": TEXT_VIEW,
}


def readme_rendering_table() -> dict[str, dict[str, str]]:
    """field -> rendering -> ✓, (✓) or —, from the README's table."""
    text = (FIXTURES.parent / "README.md").read_text(encoding="utf-8")
    header = "| field | desktop | touch | api | textview |"
    lines = text[text.index(header) :].splitlines()
    names = [c.strip() for c in lines[0].strip("|").split("|")][1:]
    table: dict[str, dict[str, str]] = {}
    for line in lines[2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        for field in cells[0].split(", "):
            table[field] = dict(zip(names, cells[1:], strict=True))
    return table


def filled_fields(rendering: str) -> set[str]:
    """Every thread and post field some fixture of the rendering fills."""
    from dataclasses import asdict

    from archiver.decode import decode
    from archiver.parse import parse_page

    filled: set[str] = set()
    for path, url in FIXTURES_OF[rendering]:
        page = parse_page(decode(path.read_bytes()).text, url, now=NOW)
        records = [asdict(page.thread)] + [asdict(p) for p in [*page.posts, *page.text_posts]]
        for record in records:
            filled |= {k for k, v in record.items() if v not in (None, "", [], {})}
    return filled


@pytest.mark.parametrize("rendering", ["desktop", "touch", "api", "textview"])
def test_the_readme_says_what_each_rendering_fills(rendering):
    table = readme_rendering_table()
    assert len(table) == 35
    filled = filled_fields(rendering)
    said = {field: marks[rendering] for field, marks in table.items()}
    assert sorted(f for f, mark in said.items() if mark == "✓" and f not in filled) == []
    assert sorted(f for f, mark in said.items() if mark == "—" and f in filled) == []


@pytest.mark.parametrize("rendering", ["desktop", "touch", "api", "textview"])
def test_the_readme_table_is_the_vocabulary(rendering):
    """The README's — marks are exactly what the parser records as unknown (NEVER_SHOWN)."""
    from archiver.vocabulary import NEVER_SHOWN

    never = {f for f, marks in readme_rendering_table().items() if marks[rendering] == "—"}
    assert never == set(NEVER_SHOWN["archiver" if rendering == "textview" else rendering])


@pytest.mark.parametrize("order", list(itertools.permutations(RENDERINGS)), ids="-".join)
def test_a_rendering_that_never_shows_ratings_leaves_them_current(tmp_path, order):
    """Touch pages and the API show no ratings: unknown there, so the desktop's stay current."""
    alone = open_db(tmp_path / "desktop.db")
    archive(alone, "desktop")
    want = alone.execute("select pid, idx, rater, score from ratings order by pid, idx").fetchall()
    assert want  # the feature thread's page 1 has rated posts
    db = open_db(tmp_path / "archive.db")
    for rendering in order:
        archive(db, rendering)
    sql = "select pid, idx, rater, score from ratings where replaced_at is null order by pid, idx"
    assert db.execute(sql).fetchall() == want
    assert db.execute("select count(*) from ratings where replaced_at is not null").fetchone() == (
        0,
    )

"""主题分类 and 分类信息 on pages a real X3.4 and X3.5 forum rendered (fixtures/sorts/), against
the forum's own rows: forum_threadclass (the types), forum_typeoption (each field's kind, unit,
choices, protection) and forum_typeoptionvar (each thread's stored values).

The expected value of a field is derived from those rows as threadsortshow() prints it: a
choice's text, a checkbox's choices, the unit after the value, the stored text unescaped. A
protected field (保护) is a 点击查看 link on the desktop (unknown there) and in clear on the API
and X3.5's touch page; a field only members may see shows its permprompt to a guest, which no
page tells from a value (kept as shown).
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from archiver.archive.files import archive_page
from archiver.decode import decode
from archiver.fetch import Page
from archiver.store import open_db

from .support import FIXTURES, parsed_at, rows_of, saved_page

SORTS = FIXTURES / "sorts"
VERSIONS = {"x34": SORTS, "x35": SORTS / "x35", "x34-gbk": SORTS / "x34-gbk"}
THREADS = ("a-type-listable", "b-type-unlisted", "c-sort-full", "d-sort-partial", "e-plain")
RENDERINGS = ("desktop-p1.html", "touch-p1.html", "api-v4-viewthread-p1.json")
SAVED = dt.datetime(2026, 12, 6, 20, 6, tzinfo=dt.timezone.utc)


def truth(version: str, before_edit: bool = True) -> dict[str, Any]:
    name = "groundtruth-before-edit.json" if before_edit else "groundtruth.json"
    return rows_of(VERSIONS[version] / name)


def page_of(path: Path, at: dt.datetime = SAVED) -> Page:
    return saved_page(path, at)


def tid_of(version: str, folder: str) -> int:
    """The thread asked for (the installs number their threads from where they started)."""
    url = (VERSIONS[version] / folder / "desktop-p1.html.url.txt").read_text(encoding="utf-8")
    return int(url.split("tid=")[1].split("&")[0])


def parsed(path: Path):
    return parsed_at(path, SAVED)


def php(text: str) -> Any:
    """A PHP serialize() value, its string lengths ignored: the GBK install's export has them
    in GBK bytes beside UTF-8 text (its own unserialize then failed: `*_unserialized` null)."""

    def read(at: int) -> tuple[Any, int]:
        kind = text[at]
        if kind == "a":
            brace = text.index(":{", at)
            count = int(text[at + 2 : brace])  # a:COUNT:{
            items, at = {}, brace + 2
            for _ in range(count):
                key, at = read(at)
                items[key], at = read(at)
            return items, at + 1
        if kind == "s":
            start = text.index(':"', at) + 2
            end = text.index('";', start)
            return text[start:end], end + 2
        if kind == "N":
            return None, at + 2
        end = text.index(";", at)  # i:N; or b:0;
        number = int(text[at + 2 : end])
        return (bool(number) if kind == "b" else number), end + 1

    return read(0)[0] if text else None


def shown(option: dict[str, Any], value: str) -> str:
    """A stored value as threadsortshow() prints it, read back as text."""
    rules = php(option["rules"]) or {}
    choices = dict(line.split("=", 1) for line in (rules.get("choices") or "").splitlines())
    if option["type"] in ("radio", "select"):
        text = choices.get(value, "")
    elif option["type"] == "checkbox":
        text = " ".join(choices[c] for c in value.split("\t") if c)
    else:
        text = html.unescape(value).replace("\r\n", "\n")
    return f"{text} {option['unit']}".strip() if text else ""


def expected_sort(version: str, tid: int, rendering: str, before_edit: bool = True) -> dict:
    """Title -> value as this rendering shows it to a guest; None where it hides it."""
    rows = truth(version, before_edit)
    options = {o["optionid"]: o for o in rows["forum_typeoption"]}
    order = {v["optionid"]: v["displayorder"] for v in rows["forum_typevar"]}
    values = sorted(
        (v for v in rows["forum_typeoptionvar"] if v["tid"] == tid),
        key=lambda v: order[v["optionid"]],
    )
    want: dict[str, str | None] = {}
    for stored in values:
        option = options[stored["optionid"]]
        protect = option["protect_unserialized"] or {}
        value: str | None = shown(option, stored["value"])
        if protect.get("status") == "1" and protect.get("usergroup"):
            value = option["permprompt"]  # a guest is not in the groups: the prompt instead
        elif protect.get("status") == "1" and value and rendering == "desktop":
            value = None  # a 点击查看 link
        elif rendering == "touch" and value == "" and option["type"] != "checkbox":
            value = None  # `--` for an empty value and a 0 alike (a checkbox's is `&nbsp;`)
        want[option["title"]] = value
    return want


CASES = [
    (version, folder, rendering)
    for version in VERSIONS
    for folder in THREADS
    for rendering in RENDERINGS
]


@pytest.mark.parametrize(("version", "folder", "file"), CASES)
def test_every_rendering_reads_the_type_and_the_sort_as_the_forum_stored_them(
    version, folder, file
):
    rendering = file.split("-")[0]
    page = parsed(VERSIONS[version] / folder / file)
    rows = truth(version)
    thread = next(t for t in rows["threads"] if t["tid"] == tid_of(version, folder))
    types = {t["typeid"]: t["name"] for t in rows["forum_threadclass"]}
    forum = next(f for f in rows["forums"] if f["fid"] == thread["fid"])
    listable = (php(forum["threadtypes"]) or {}).get("listable")
    want_type = types.get(thread["typeid"]) if rendering != "api" else None
    want_id = thread["typeid"] or None
    if rendering == "touch" or rendering == "desktop" and not listable:
        want_id = None  # plain `[求助]`: no link, no id
    assert (page.thread.thread_type, page.thread.thread_type_id) == (want_type, want_id)
    shows_sort = thread["sortid"] and (rendering != "touch" or version == "x35")  # X3.4 touch:
    if not shows_sort:  # its template nulls $threadsort before anything is drawn
        assert page.sort is None
        return
    values = {option.title: option.value for option in page.sort.options}
    assert values == expected_sort(version, thread["tid"], rendering)
    assert list(values) == list(expected_sort(version, thread["tid"], rendering))  # in order
    sortname = php(forum["threadsorts"])["types"][thread["sortid"]]
    assert page.sort.name == sortname
    assert page.sort.sort_id == (thread["sortid"] if rendering == "api" else None)
    assert not page.sort.expired


def test_the_sort_box_is_not_part_of_the_first_posts_text():
    """X3.5's touch page draws it in the message area; desktop outside the message."""
    for version in VERSIONS:
        for folder in ("c-sort-full", "d-sort-partial"):
            bodies = {
                file: parsed(VERSIONS[version] / folder / file).posts[0].body_text
                for file in RENDERINGS
            }
            tid = tid_of(version, folder)
            first = next(p for p in truth(version)["posts"] if p["tid"] == tid and p["first"])
            assert len(set(bodies.values())) == 1, (version, folder, bodies)
            assert bodies["desktop-p1.html"].splitlines()[0] in first["message"]


def stored(db) -> tuple[list, list, tuple]:
    sorts = db.execute(
        "select tid, sort_id, name, options, expired from thread_sorts order by tid"
    ).fetchall()
    revisions = db.execute(
        "select tid, revision, options from thread_sort_revisions order by tid, revision"
    ).fetchall()
    types = db.execute("select tid, thread_type, thread_type_id, unknown_fields from threads")
    return sorts, revisions, tuple(sorted(types.fetchall()))


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("order", list(itertools.permutations(RENDERINGS)), ids="+".join)
def test_all_renderings_in_any_order_give_one_sort_and_no_revision(tmp_path, version, order):
    db = open_db(tmp_path / "a.db")
    for file in order:
        for folder in THREADS:
            archive_page(db, page_of(VERSIONS[version] / folder / file))
    sorts, revisions, types = stored(db)
    rows = truth(version)
    want = []
    for tid in (tid_of(version, "c-sort-full"), tid_of(version, "d-sort-partial")):
        api = expected_sort(version, tid, "api")  # the phone in clear, empty values ""
        want.append((tid, 1, "房屋出租", json.dumps(api, ensure_ascii=False), 0))
    assert sorts == want
    assert revisions == []
    names = {t["typeid"]: t["name"] for t in rows["forum_threadclass"]}
    assert types == tuple(
        (t["tid"], names.get(t["typeid"]), t["typeid"] or None, "[]")
        for t in sorted(rows["threads"], key=lambda t: t["tid"])
    )


@pytest.mark.parametrize("version", VERSIONS)
def test_an_edited_value_keeps_the_earlier_state(tmp_path, version):
    db = open_db(tmp_path / "a.db")
    for file in RENDERINGS:
        archive_page(db, page_of(VERSIONS[version] / "c-sort-full" / file))
    later = SAVED + dt.timedelta(hours=1)
    for file in RENDERINGS:
        archive_page(db, page_of(VERSIONS[version] / "c-sort-full-edited" / file, later))
    sorts, revisions, _ = stored(db)
    tid = tid_of(version, "c-sort-full")
    assert json.loads(sorts[0][3]) == expected_sort(version, tid, "api", before_edit=False)
    assert json.loads(sorts[0][3])["租金"] == "4200 元/月"
    assert [(t, n, json.loads(options)) for t, n, options in revisions] == [
        (tid, 1, expected_sort(version, tid, "api", before_edit=True))
    ]


@pytest.mark.parametrize("version", VERSIONS)
def test_a_boards_list_names_each_thread_by_its_subject_not_its_sort(version):
    """The list puts `[分享] [房屋出租]` links before the subject; the sort's link
    (`filter=sortid&sortid=1`) holds `tid=` and was taken for the thread's own link."""
    from archiver.parse.board import parse_board

    path = VERSIONS[version] / "forumdisplay" / "desktop-fid2.html"
    board = parse_board(decode(path.read_bytes()).text, page_of(path).url)
    subjects = {t["tid"]: t["subject"] for t in truth(version, before_edit=False)["threads"]}
    listed = {t.tid: t.subject for t in board.threads}
    sorted_ones = [tid_of(version, "c-sort-full"), tid_of(version, "d-sort-partial")]
    assert all(tid in listed for tid in sorted_ones)
    assert {tid: listed[tid] for tid in listed if tid in subjects} == {
        tid: subjects[tid] for tid in listed if tid in subjects
    }


@pytest.mark.parametrize("version", VERSIONS)
def test_a_boards_list_names_each_threads_type_and_sort(version):
    from archiver.parse.board import parse_board

    path = VERSIONS[version] / "forumdisplay" / "desktop-fid2.html"
    board = parse_board(decode(path.read_bytes()).text, page_of(path).url)
    rows = truth(version, before_edit=False)
    threads = {t["tid"]: t for t in rows["threads"]}
    types = {t["typeid"]: t["name"] for t in rows["forum_threadclass"]}
    forum = next(f for f in rows["forums"] if f["fid"] == 2)
    sorts = php(forum["threadsorts"])["types"]
    for listed in board.threads:
        row = threads.get(listed.tid)
        if row is None:  # the zoo's thread of the same install
            continue
        got = (listed.thread_type, listed.thread_type_id, listed.sort_name, listed.sort_id)
        want_type = (types[row["typeid"]], row["typeid"]) if row["typeid"] else (None, None)
        want_sort = (sorts[row["sortid"]], row["sortid"]) if row["sortid"] else (None, None)
        assert got == (*want_type, *want_sort), listed.tid

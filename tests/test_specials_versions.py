"""Special threads on the other installs (fixtures/specials/x35, x34-gbk): polls, rewards,
activities, debates and goods rendered by X3.5 and by the X3.4 GBK build, read from every
rendering against their own forum's rows. The tenth blind check found X3.5's touch debate and
goods pages and X3.4 GBK's touch reward pages read as desktop ones (floors from the prices),
and X3.4 GBK's desktop reward box (its state only in a class) not read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
from pathlib import Path

import pytest

from archiver.archive.files import archive_page
from archiver.decode import decode
from archiver.fetch import Page
from archiver.model import ThreadPage
from archiver.parse import parse_page
from archiver.store import open_db

from .support import FIXTURES
from .test_specials import CST, STANDS, expected_activity, expected_debate, goods_row
from .test_specials import truth as specials_truth

SPECIALS = FIXTURES / "specials"
INSTALLS = ("x35", "x34-gbk")
RENDERINGS = {"desktop": "desktop", "touch": "touch", "api": "api"}


def pages(kind: str) -> list[tuple[str, str]]:
    return [
        (install, path.name)
        for install in INSTALLS
        for path in sorted((SPECIALS / install / kind).iterdir())
        if path.suffix in (".html", ".json")
        and path.name != "groundtruth.json"
        and "tradeinfo" not in path.name  # the item's own page, not a thread page
    ]


def truth(install: str, kind: str) -> dict:
    return specials_truth(f"{install}/{kind}")


def parsed(install: str, kind: str, name: str) -> ThreadPage:
    path = SPECIALS / install / kind / name
    url = Path(f"{path}.url.txt").read_text("utf-8").split()[0]
    return parse_page(decode(path.read_bytes()).text, url, now=saved_at(path))


def saved_at(path: Path):
    """When the forum answered: the response's Date header."""
    for line in Path(f"{path}.headers.txt").read_text("utf-8").splitlines():
        if line.lower().startswith("date:"):
            return email.utils.parsedate_to_datetime(line.split(":", 1)[1].strip())
    raise AssertionError(f"no Date header for {path.name}")


KINDS = ("poll-single", "poll-multi", "reward-solved", "reward-open", "activity",
         "activity-closed", "debate", "debate-open", "trade")  # fmt: skip


@pytest.mark.parametrize("install, kind, name", [(i, k, n) for k in KINDS for i, n in pages(k)])
def test_every_page_is_read_as_its_rendering_with_its_posts(install, kind, name):
    page = parsed(install, kind, name)
    assert page.rendering == RENDERINGS[name.split("-")[0]]
    shown = [p for p in page.posts if not p.is_copy]
    rows = {p["pid"]: p for p in truth(install, kind)["posts"]}
    assert shown and all(p.pid in rows and p.uid == rows[p.pid]["authorid"] for p in shown)
    assert all(p.floor is not None and 0 < p.floor <= len(rows) for p in shown)  # no prices


@pytest.mark.parametrize("install, name", pages("activity") + pages("activity-closed"))
def test_the_activity_on_other_installs(install, name):
    for kind in ("activity", "activity-closed"):
        if (SPECIALS / install / kind / name).exists():
            found = dataclasses.asdict(parsed(install, kind, name).activity)
            want = expected_activity(f"{install}/{kind}")
            assert {k: found[k] for k in want} == want


@pytest.mark.parametrize("install, name", [(i, n) for i, n in pages("debate") if "p1" in n])
def test_the_debate_on_other_installs(install, name):
    debate = parsed(install, "debate", name).debate
    want = expected_debate(f"{install}/debate")
    assert {k: dataclasses.asdict(debate)[k] for k in want} == want
    sides = [(s.pid, s.stand, s.supporters) for s in debate.stands]
    rows = truth(install, "debate")["forum_debatepost"]
    shown = name.startswith("desktop") or install == "x35" and name.startswith("touch")
    assert sides == ([(r["pid"], STANDS[r["stand"]], r["voters"] if r["stand"] else None)
                      for r in rows] if shown else [])  # fmt: skip


@pytest.mark.parametrize("kind", ["reward-solved", "reward-open"])
@pytest.mark.parametrize("install, name", pages("reward-solved"))
def test_the_reward_on_other_installs(install, name, kind):
    want = truth(install, kind)
    reward = parsed(install, kind, name).reward
    best = next((p for p in want["posts"] if p["pid"] == want["reward"]["best_pid"]), None)
    assert (reward.amount, reward.credit, reward.solved) == (
        want["reward"]["price"], "金钱", bool(want["reward"]["solved"]))  # fmt: skip
    named = (best["pid"], best["author"], best["authorid"]) if best else (None, None, None)
    assert (reward.best_pid, reward.best_author, reward.best_uid) == named


@pytest.mark.parametrize("kind", ["poll-single", "poll-multi"])
@pytest.mark.parametrize("install, name", pages("poll-single"))
def test_the_poll_on_other_installs(install, name, kind):
    want = truth(install, kind)
    [row] = want["forum_poll"]
    poll = parsed(install, kind, name).poll
    assert (poll.multiple, poll.voters) == (bool(row["multiple"]), row["voters"])
    assert poll.max_choices == (row["maxchoices"] if row["multiple"] else 1)
    hidden = not row["visible"]  # 投票后结果可见: a page shows no counts; the API sends them
    assert poll.results_hidden is hidden
    shown = not hidden or name.startswith("api")
    options = sorted(want["forum_polloption"], key=lambda o: o["polloptionid"])
    assert [(o.text, o.votes) for o in poll.options] == [
        (o["polloption"], o["votes"] if shown else None) for o in options
    ]
    if row["expiration"] and name.startswith("api"):  # the API's exact expiry
        assert poll.expires_at == dt.datetime.fromtimestamp(row["expiration"], CST).isoformat()


@pytest.mark.parametrize("install, name", pages("trade"))
def test_the_goods_on_other_installs(install, name):
    path = SPECIALS / install / "trade" / name
    [row] = truth(install, "trade")["forum_trade"]
    [item] = parsed(install, "trade", name).goods
    assert dataclasses.asdict(item) == goods_row(row, saved_at(path), api=name.startswith("api"))


FOLDERS = sorted(p.parent for p in SPECIALS.rglob("groundtruth.json"))
REVISIONS = ("post_revisions", "reward_revisions", "activity_revisions", "debate_revisions",
             "trade_goods_revisions", "poll_revisions", "floor_changes")  # fmt: skip


@pytest.mark.parametrize("backwards", [False, True], ids=["forward", "backward"])
@pytest.mark.parametrize("folder", FOLDERS, ids=[str(f.relative_to(SPECIALS)) for f in FOLDERS])
def test_all_renderings_of_one_unchanged_thread_make_no_revisions(tmp_path, folder, backwards):
    """Desktop, touch and the API of the same moment, in either order: nothing changed, so no
    revision and no floor change (a touch goods box was once read as the post's text; a page's
    hidden poll counts, then the API's, were once taken for new votes)."""
    names = sorted(
        p.name for p in folder.iterdir()
        if p.suffix in (".html", ".json") and p.name != "groundtruth.json"
        and "tradeinfo" not in p.name and "as-uid" not in p.name
    )  # fmt: skip
    db = open_db(tmp_path / "a.db")
    for i, name in enumerate(reversed(names) if backwards else names):
        path = folder / name
        url = Path(f"{path}.url.txt").read_text("utf-8").split()[0]
        at = dt.datetime(2026, 12, 6, 6, i, tzinfo=dt.timezone.utc)
        archive_page(db, Page(source=name, content=path.read_bytes(), fetched_at=at, url=url),
                     archived_at=at)  # fmt: skip
    assert {t: db.execute(f"select count(*) from {t}").fetchone()[0] for t in REVISIONS} == {
        t: 0 for t in REVISIONS
    }

"""Benchmark discuz-archiver against a bare Lexbor parse and BeautifulSoup; see bench/README.md.

    python bench/run.py            # the fuller run, a few minutes
    python bench/run.py --quick    # a short run
    python bench/run.py --soak     # big sizes: 10,000 pages, 1M posts, a 1,000-page thread

Every figure is a ratio of contenders timed side by side in this run (interleaved, repeated,
medians), or a rate compared with itself; nothing is compared with a fixed time except the
search latency goal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from selectolax.lexbor import LexborHTMLParser  # noqa: E402

import archiver.archive.files as archive_module  # noqa: E402
from archiver.archive.files import Outcome, archive_files, archive_page  # noqa: E402
from archiver.decode import decode  # noqa: E402
from archiver.parse import parse_page  # noqa: E402
from archiver.store import open_db  # noqa: E402
from bench import corpus, floor, media_latency, search, url_latency  # noqa: E402
from bench.hotspots import cumulative, hotspots  # noqa: E402
from bench.soup import scrape  # noqa: E402
from bench.timing import race  # noqa: E402

RESULTS = ROOT / "bench" / "results.json"


@dataclass(frozen=True)
class Mode:
    """How big each part of the run is."""

    name: str
    parse_repeats: int
    soup_repeats: int
    whole_repeats: int
    bulk_pages: int
    search_posts: int
    search_repeats: int
    memory_pages: tuple[int, int]
    url_pages: int  # a thread archived from the local server with latency, vs the floor
    url_memory_pages: int  # peak memory from the local server, this many vs a tenth


MODES = {
    "quick": Mode("quick", 5, 2, 5, 300, 20_000, 9, (30, 100), 20, 100),
    "default": Mode("default", 15, 5, 15, 2_000, 100_000, 21, (100, 200), 50, 300),
    "soak": Mode("soak", 15, 5, 15, 10_000, 1_000_000, 21, (100, 1_000), 50, 1_000),
}


@dataclass
class Figure:
    """One line of the table."""

    name: str
    value: float
    unit: str  # "x", "ms", "MB", "pages/s", "ratio"
    goal: str = ""
    ok: bool | None = None
    note: str = ""


def lexbor(text: str) -> None:
    LexborHTMLParser(text)


def bench_parse(mode: Mode, figures: list[Figure], details: dict[str, Any]) -> None:
    samples = corpus.mixed_samples(1)
    result = race(
        {"lexbor": lambda s: lexbor(s.text), "parse_page": lambda s: parse_page(s.text)},
        samples,
        mode.parse_repeats,
    )
    ratio = result.ratio("parse_page", "lexbor")
    per_page = result.item_ratios("parse_page", "lexbor")
    details["parse"] = _per_sample(samples, result.medians("lexbor"), result.medians("parse_page"))
    figures.append(
        Figure(
            "parse_page / bare Lexbor parse",
            ratio,
            "x",
            "<= 1.5x",
            ratio <= 1.5,
            f"{len(samples)} pages {_kb_range(samples)}; per page {min(per_page):.1f}x to "
            f"{max(per_page):.1f}x; parse_page {1000 * result.total('parse_page'):.0f} ms "
            f"for all",
        )
    )


def bench_soup(mode: Mode, figures: list[Figure], details: dict[str, Any]) -> None:
    samples = corpus.mixed_samples(1)
    result = race(
        {
            "parse_page": lambda s: parse_page(s.text),
            "bs4_lxml": lambda s: scrape(s.text, "lxml"),
            "bs4_html_parser": lambda s: scrape(s.text, "html.parser"),
        },
        samples,
        mode.soup_repeats,
    )
    for name, label in (("bs4_lxml", "lxml"), ("bs4_html_parser", "html.parser")):
        ratio = result.ratio(name, "parse_page")
        figures.append(
            Figure(
                f"BeautifulSoup ({label}) / parse_page",
                ratio,
                "x",
                note="same fields, published-scraper style; >1 means parse_page is faster",
            )
        )
    details["soup"] = {name: result.medians(name) for name in result.names}


def bench_whole(mode: Mode, figures: list[Figure], details: dict[str, Any], tmp: Path) -> None:
    """decode + parse + save (FTS by triggers) per fresh page, against the bare parse and the
    floor (bench/floor.py: bare parse + plain inserts + trigram FTS + zlib) in the same loop."""
    db = open_db(tmp / "whole.db")
    below = floor.Floor(tmp / "floor.db")
    names = ("lexbor", "decode", "parse_page", "archive_page", *floor.STEPS)
    times: dict[str, list[list[float]]] = {name: [] for name in names}
    stored = 0
    for repeat in range(mode.whole_repeats + 1):  # round 0 warms up
        samples = corpus.mixed_samples(10_000 + repeat * 20)
        works = [floor.page_work(sample) for sample in samples]  # outside the timing
        for work in works:
            below.prepare(work)
        row: dict[str, list[float]] = {name: [] for name in names}
        for sample, work in zip(samples, works, strict=True):
            calls: dict[str, Callable[[], object]] = {
                "lexbor": partial(lexbor, sample.text),
                "decode": partial(decode, sample.content),
                "parse_page": partial(parse_page, sample.text),
                "archive_page": partial(archive_page, db, sample.page()),
                "floor_rows": partial(below.rows, work),
                "floor_fts": partial(below.fts, work),
                "floor_zlib": partial(floor.compress, work),
            }
            shift = repeat % len(names)
            for name in names[shift:] + names[:shift]:
                start = time.perf_counter()
                calls[name]()
                row[name].append(time.perf_counter() - start)
        if repeat:
            for name in names:
                times[name].append(row[name])
            stored += sum(work.row_count for work in works)
    below.close()
    medians = {
        name: [statistics.median(col) for col in zip(*rows, strict=True)]
        for name, rows in times.items()
    }
    base = sum(medians["lexbor"])
    ratio = sum(medians["archive_page"]) / base
    decoding, parsing = sum(medians["decode"]) / base, sum(medians["parse_page"]) / base
    steps = {name: sum(medians[name]) / base for name in floor.STEPS}
    under = 1 + sum(steps.values())  # the bare parse is the floor's first step
    per_page = [
        whole / sum(medians[name][i] for name in ("lexbor", *floor.STEPS))
        for i, whole in enumerate(medians["archive_page"])
    ]
    details["whole"] = medians
    details["whole_floor"] = {
        "per_lexbor": {"lexbor": 1.0, **steps, "floor": under, "archive_page": ratio},
        "archive_page_per_floor": ratio / under,
        "archive_page_per_floor_by_page": per_page,
        "rows_per_round": stored // mode.whole_repeats,
    }
    figures.append(
        Figure(
            "archive_page (decode+parse+store+FTS) / Lexbor",
            ratio,
            "x",
            "<= 4x",
            ratio <= 4,
            f"fresh pages each round, file DB (WAL); of which decode {decoding:.2f}x, "
            f"parse_page {parsing:.1f}x, the rest (store) {ratio - decoding - parsing:.1f}x",
        )
    )
    figures.append(
        Figure(
            "floor (parse+rows+FTS+zlib) / Lexbor",
            under,
            "x",
            note=f"same pages, same loop: bare parse 1x + plain inserts {steps['floor_rows']:.2f}x "
            f"({stored // mode.whole_repeats} rows a round) + trigram FTS "
            f"{steps['floor_fts']:.2f}x + zlib -6 {steps['floor_zlib']:.2f}x",
        )
    )
    figures.append(
        Figure(
            "archive_page / floor",
            ratio / under,
            "x",
            note=f"how far the whole path is above what it cannot avoid; per page "
            f"{min(per_page):.1f}x to {max(per_page):.1f}x",
        )
    )


class StepClock:
    """Time archiver.archive's prepare_page (read, decode, parse) and save_page per call.

    Only wraps the names while active, and only if archiver.archive still has them.
    """

    STEPS = ("prepare_page", "save_page")

    def __init__(self) -> None:
        self.times: dict[str, list[float]] = {name: [] for name in self.STEPS}
        self._saved: dict[str, Callable[..., Any]] = {}

    def __enter__(self) -> StepClock:
        for name in self.STEPS:
            original = getattr(archive_module, name, None)
            if original is not None:
                self._saved[name] = original
                setattr(archive_module, name, self._wrap(original, self.times[name]))
        return self

    def __exit__(self, *_: object) -> None:
        for name, original in self._saved.items():
            setattr(archive_module, name, original)

    @staticmethod
    def _wrap(function: Callable[..., Any], into: list[float]) -> Callable[..., Any]:
        def timed_step(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                into.append(time.perf_counter() - start)

        return timed_step

    def deciles_ms(self, name: str) -> list[float]:
        values = self.times[name]
        tenth = len(values) // 10
        if not tenth:
            return []
        return [1000 * statistics.fmean(values[i * tenth : (i + 1) * tenth]) for i in range(10)]


def bench_bulk(mode: Mode, figures: list[Figure], details: dict[str, Any], tmp: Path) -> None:
    folder = tmp / "bulk"
    specs = corpus.bulk_specs(mode.bulk_pages)
    size = corpus.write_pages(folder, specs)
    db = open_db(tmp / "bulk.db")
    stamps: list[float] = []
    errors: list[Outcome] = []

    def seen(outcome: Outcome) -> None:
        stamps.append(time.perf_counter())
        if outcome.error is not None:
            errors.append(outcome)

    start = time.perf_counter()
    with StepClock() as clock:
        archive_files(db, [str(folder)], on_outcome=seen)
    total = len(stamps)
    tenth = max(1, total // 10)
    ends = [start] + [stamps[min(total, (i + 1) * tenth) - 1] for i in range(10)]
    deciles = [tenth / (ends[i + 1] - ends[i]) for i in range(10)]
    first, last = deciles[0], deciles[-1]
    posts = db.execute("select count(*) from posts").fetchone()[0]
    elapsed = stamps[-1] - start
    steps = {name: clock.deciles_ms(name) for name in clock.STEPS}
    details["bulk"] = {
        "pages": total,
        "errors": len(errors),
        "megabytes": size / 1e6,
        "posts": posts,
        "seconds": elapsed,
        "deciles_pages_per_s": deciles,
        "deciles_ms_per_page": steps,
    }
    raw = last / first
    prepare, save = steps["prepare_page"], steps["save_page"]
    ratio, how = raw, "raw rate"
    if prepare and save:
        # parsing is the same work in every tenth, so its time measures how busy the machine
        # was; per-page time in units of parse time compares the tenths on an equal footing
        ratio = ((prepare[0] + save[0]) / prepare[0]) / ((prepare[-1] + save[-1]) / prepare[-1])
        how = "load-corrected"
    details["bulk"]["ratio_raw"] = raw
    details["bulk"]["ratio_load_corrected"] = ratio if prepare and save else None
    split = (
        f"; parse {prepare[0]:.0f} -> {prepare[-1]:.0f} ms/page, save {save[0]:.0f} -> "
        f"{save[-1]:.0f} ms/page"
        if prepare and save
        else ""
    )
    figures.append(
        Figure(
            f"bulk {total} pages: last/first 10% rate ({how})",
            ratio,
            "ratio",
            ">= 0.80",
            ratio >= 0.8 and not errors,
            f"raw {first:.1f} -> {last:.1f} pages/s ({raw:.2f}){split}; {size / 1e6:.0f} MB, "
            f"{posts} posts in {elapsed:.0f} s ({total / elapsed:.1f} pages/s)"
            + (f"; {len(errors)} ERRORS" if errors else ""),
        )
    )


def bench_search(mode: Mode, figures: list[Figure], details: dict[str, Any], tmp: Path) -> None:
    path = tmp / "search.db"
    start = time.perf_counter()
    search.build(path, mode.search_posts)
    built = time.perf_counter() - start
    conn = sqlite3.connect(path)
    names = list(search.QUERIES)
    rows = {name: search.run(conn, name, mode.search_posts) for name in names}  # warm up
    result = race(
        {name: partial(_search_once, conn, name, mode.search_posts) for name in names},
        [None],
        mode.search_repeats,
    )
    details["search"] = {"posts": mode.search_posts, "build_seconds": built, "rows": rows}
    for name in names:
        ms = 1000 * result.total(name)
        goal = "" if name == "fts_common_count" else "< 50 ms"
        figures.append(
            Figure(
                f"search {name} ({mode.search_posts:,} posts)",
                ms,
                "ms",
                goal,
                ms < 50 if goal else None,
                f"{rows[name]} rows; {search.QUERIES[name][1]}",
            )
        )
    conn.close()


def _search_once(conn: sqlite3.Connection, name: str, total: int, _item: object) -> int:
    return search.run(conn, name, total)


def bench_memory(mode: Mode, figures: list[Figure], details: dict[str, Any], tmp: Path) -> None:
    small, big = mode.memory_pages
    folder = tmp / "memory"
    specs = [corpus.PageSpec(900_001, n, big, 20, 300, "gbk") for n in range(1, big + 1)]
    corpus.write_pages(folder, specs)
    runs: dict[str, dict[str, float]] = {}
    for how in ("files", "loop"):
        for measure in ("rss", "trace"):
            for count in (small, big):
                key = f"{how}/{measure}/{count}"
                runs[key] = _child(
                    folder, count, tmp / f"mem-{how}-{measure}-{count}.db", how, measure
                )
    details["memory"] = runs
    for how, label in (("files", "archive_files"), ("loop", "archive_page loop")):
        low, high = runs[f"{how}/rss/{small}"], runs[f"{how}/rss/{big}"]
        traced_low = runs[f"{how}/trace/{small}"]["traced_peak_mb"]
        traced_high = runs[f"{how}/trace/{big}"]["traced_peak_mb"]
        growth = high["peak_rss_mb"] / low["peak_rss_mb"]
        per_page = (high["peak_rss_mb"] - low["peak_rss_mb"]) * 1024 / (big - small)
        figures.append(
            Figure(
                f"peak RSS {label}, {big} vs {small} pages",
                growth,
                "ratio",
                "<= 1.10 (flat)",
                growth <= 1.10,
                f"{low['peak_rss_mb']:.0f} -> {high['peak_rss_mb']:.0f} MB "
                f"({per_page:+.0f} kB/page); Python heap peak {traced_low:.1f} -> "
                f"{traced_high:.1f} MB (tracemalloc)",
            )
        )


def bench_url(mode: Mode, figures: list[Figure], details: dict[str, Any]) -> None:
    """From the local test server: time against the latency floor, and peak memory."""
    latency, delay = 0.05, 0.1
    run = url_latency.latency_run(mode.url_pages, latency, delay)
    details["url_latency"] = asdict(run)
    what = f"URL archiving, {run.pages} pages"
    figures.append(over_floor(what, latency, delay, run, "pages x (latency + delay)"))
    big = mode.url_memory_pages
    peaks = url_latency.memory_figures(big)
    small = big // 10
    details["url_memory"] = peaks
    growth = peaks[big] / peaks[small]
    figures.append(
        Figure(
            f"peak RSS from the local server, {big} vs {small} pages",
            growth,
            "ratio",
            "< 150 MB, <= 1.10 (flat)",
            peaks[big] < 150 and growth <= 1.10,
            f"{peaks[small]:.0f} -> {peaks[big]:.0f} MB, the archiving process's own peak (VmHWM)",
        )
    )


def bench_media(mode: Mode, figures: list[Figure], details: dict[str, Any]) -> None:
    """The media step from the local servers: time against its latency floor."""
    latency, delay = 0.05, 0.1
    run = media_latency.media_run(mode.url_pages, latency, delay)
    details["media_latency"] = asdict(run)
    floor = f"{run.requests} requests x delay + answers x latency"
    figures.append(over_floor(f"media step, {run.files} files", latency, delay, run, floor))


def over_floor(
    what: str,
    latency: float,
    delay: float,
    run: url_latency.Latency | media_latency.MediaLatency,
    floor: str,
) -> Figure:
    """A timed run against the floor a perfectly polite fetcher must spend."""
    return Figure(
        f"{what}, {latency * 1000:.0f} ms latency + {delay} s delay",
        run.overhead * 100,
        "%",
        "< 10% over the floor",
        run.overhead < 0.10,
        f"{run.wall:.2f} s against a floor of {run.floor:.2f} s ({floor})",
    )


def _child(folder: Path, count: int, db: Path, how: str, measure: str) -> dict[str, float]:
    command = [sys.executable, "-m", "bench.memory", str(folder), str(count), str(db), how, measure]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def profile_misses(
    figures: list[Figure], details: dict[str, Any], tmp: Path, *, force: bool = False
) -> None:
    """cProfile what a missed goal runs; the top functions go to the report."""
    missed = {f.name.split(" ")[0] for f in figures if f.ok is False or force}
    samples = corpus.mixed_samples(50_000)
    if "parse_page" in missed:
        runs = [partial(parse_page, s.text) for s in samples for _ in range(3)]
        details["profile_parse_page"] = hotspots(lambda: [run() for run in runs])
        details["archiver_parse_page"] = cumulative(lambda: [run() for run in runs])
    if "archive_page" in missed or "bulk" in missed:
        db = open_db(tmp / "profile.db")
        pages = [s.page() for r in range(6) for s in corpus.mixed_samples(60_000 + 20 * r)]
        calls = [partial(archive_page, db, page) for page in pages]
        half = len(calls) // 2
        details["profile_archive_page"] = hotspots(lambda: [run() for run in calls[:half]])
        details["archiver_archive_page"] = cumulative(lambda: [run() for run in calls[half:]])


def _per_sample(samples: list[corpus.Sample], base: list[float], other: list[float]) -> list[Any]:
    return [
        {"page": s.spec.label(), "kb": round(s.kb, 1), "lexbor_ms": 1000 * b, "ms": 1000 * o}
        for s, b, o in zip(samples, base, other, strict=True)
    ]


def _kb_range(samples: list[corpus.Sample]) -> str:
    return f"{min(s.kb for s in samples):.0f}-{max(s.kb for s in samples):.0f} kB"


def render(figures: list[Figure]) -> str:
    lines = [f"{'figure':52} {'value':>10}  {'goal':14} {'':4}  note"]
    for f in figures:
        value = f"{f.value:.2f}{f.unit}" if f.unit in ("x", "ms", "%") else f"{f.value:.2f}"
        verdict = {True: "ok", False: "MISS", None: ""}[f.ok]
        lines.append(f"{f.name:52} {value:>10}  {f.goal:14} {verdict:4}  {f.note}")
    return "\n".join(lines)


def render_hotspots(details: dict[str, Any]) -> str:
    out = []
    titles = {
        "profile_parse_page": "parse_page: top functions by own time",
        "archiver_parse_page": "parse_page: archiver functions by cumulative time",
        "profile_archive_page": "archive_page: top functions by own time",
        "archiver_archive_page": "archive_page: archiver functions by cumulative time",
    }
    for key, title in titles.items():
        if key in details:
            out.append(f"\n{title}")
            for row in details[key][:15]:
                out.append(
                    f"  {row['tottime_s']:7.3f}s own {row['cumtime_s']:7.3f}s cum "
                    f"{row['ncalls']:>9}  {row['function']}"
                )
    return "\n".join(out)


SECTIONS = ("parse", "soup", "whole", "bulk", "search", "memory", "url", "media")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="a short run (about a minute)")
    size.add_argument("--soak", action="store_true", help="the big sizes (tens of minutes)")
    parser.add_argument("--only", action="append", choices=SECTIONS, help="run only these parts")
    parser.add_argument("--json", type=Path, default=RESULTS, help="where to write the figures")
    parser.add_argument("--profile", action="store_true", help="profile even if goals hold")
    args = parser.parse_args(argv)
    mode = MODES["quick" if args.quick else "soak" if args.soak else "default"]
    sections = args.only or list(SECTIONS)
    figures: list[Figure] = []
    details: dict[str, Any] = {}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="discuz-bench-") as folder:
        tmp = Path(folder)
        steps: dict[str, Callable[[], None]] = {
            "parse": lambda: bench_parse(mode, figures, details),
            "soup": lambda: bench_soup(mode, figures, details),
            "whole": lambda: bench_whole(mode, figures, details, tmp),
            "bulk": lambda: bench_bulk(mode, figures, details, tmp),
            "search": lambda: bench_search(mode, figures, details, tmp),
            "memory": lambda: bench_memory(mode, figures, details, tmp),
            "url": lambda: bench_url(mode, figures, details),
            "media": lambda: bench_media(mode, figures, details),
        }
        for name in sections:
            print(f"[{time.perf_counter() - started:6.1f}s] {name} ...", file=sys.stderr)
            steps[name]()
        profile_misses(figures, details, tmp, force=args.profile)
    report = {
        "mode": mode.name,
        "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - started, 1),
        "machine": _machine(),
        "figures": [asdict(f) for f in figures],
        "details": details,
    }
    args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"written to {args.json} in {report['seconds']} s", file=sys.stderr)
    print(render(figures))
    print(render_hotspots(details))
    return 0


def _machine() -> dict[str, Any]:
    import selectolax

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "sqlite": sqlite3.sqlite_version,
        "selectolax": getattr(selectolax, "__version__", "?"),
    }


if __name__ == "__main__":
    raise SystemExit(main())

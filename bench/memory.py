"""Child process for the memory figure: archive the first COUNT pages of a folder, report JSON.

    python -m bench.memory FOLDER COUNT DB {files,loop} {rss,trace}

`files` goes through archive.archive_files (what `discuz-archiver archive FOLDER` runs);
`loop` calls archive_page page by page and keeps nothing, to tell the two apart.
`rss` reports the peak resident set (VmHWM); `trace` the peak of Python allocations
(tracemalloc; lexbor's own C allocations are not seen by it).
"""

from __future__ import annotations

import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from archiver.archive.files import archive_files, archive_page
from archiver.fetch import read_page
from archiver.store import open_db


def _maxrss_mb() -> float:
    """Peak RSS of this program so far, in MB.

    VmHWM, because Linux carries ru_maxrss over an exec: a child started by a big parent
    would report the parent's size.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(folder: str, count: int, db_path: str, how: str, measure: str) -> dict[str, float]:
    files = sorted(Path(folder).glob("*.html"))[:count]
    db = open_db(db_path)
    baseline = _maxrss_mb()
    if measure == "trace":
        tracemalloc.start()
    start = time.perf_counter()
    errors = 0
    if how == "files":
        outcomes = archive_files(db, [str(f) for f in files])
        errors = sum(1 for o in outcomes if o.error is not None)
    else:
        for path in files:
            archive_page(db, read_page(path))
    seconds = time.perf_counter() - start
    traced = tracemalloc.get_traced_memory()[1] / 2**20 if measure == "trace" else 0.0
    return {
        "pages": len(files),
        "errors": errors,
        "seconds": seconds,
        "baseline_rss_mb": baseline,
        "peak_rss_mb": _maxrss_mb(),
        "traced_peak_mb": traced,
    }


if __name__ == "__main__":
    folder, count, db_path, how, measure = sys.argv[1:6]
    print(json.dumps(main(folder, int(count), db_path, how, measure)))

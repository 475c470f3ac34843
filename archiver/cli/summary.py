"""What a run prints when it ends: errors as they happen, one summary, the exit code."""

from __future__ import annotations

import json

import typer

from archiver.cli.console import say
from archiver.errors import ArchiverError
from archiver.model import BoardRun, CaptureTally, Outcome, ThreadRun


def report(error: ArchiverError | None) -> None:
    if error is not None:
        say(f"error: {error}")


def finish(
    outcomes: list[Outcome],
    runs: list[ThreadRun],
    as_json: bool,
    tally: CaptureTally | None = None,
) -> None:
    """Print the summary and exit with the first error's code."""
    saved = [o for o in outcomes if o.saved is not None]
    threads = {o.key for o in saved if o.key is not None}
    threads |= {(r.site or "", r.tid) for r in runs if r.tid is not None and r.pages_fetched}
    summary: dict[str, object] = {
        "threads": len(threads),
        "pages": len(saved) + sum(r.pages_fetched for r in runs),
        "pages_fetched": sum(r.pages_fetched for r in runs),
        "pages_skipped": sum(r.pages_skipped for r in runs),
        "posts_new": sum(o.saved.posts_new for o in saved if o.saved)
        + sum(r.posts_new for r in runs),
        "posts_changed": sum(o.saved.posts_changed for o in saved if o.saved)
        + sum(r.posts_changed for r in runs),
        "posts_gone": sum(r.posts_gone for r in runs),
        "errors": len(outcomes) - len(saved) + sum(1 for r in runs if r.error),
    }
    media: dict[str, int] = {}
    for run in runs:
        for status, count in run.media.items():
            media[status] = media.get(status, 0) + count
    if media:  # pictures and files fetched this run, by status
        summary["media"] = dict(sorted(media.items()))
    errors = [o.error for o in outcomes if o.error] + [r.error for r in runs if r.error]
    records = tally is not None and tally.records > 0
    if tally is not None and records:
        summary.update(records=tally.records, records_not_pages=tally.not_pages,
                       records_known=tally.known, board_pages=tally.boards)  # fmt: skip
    # saved board lists and a folder's pages that are not threads (a saved site's other pages)
    boards, passed = (tally.boards, tally.passed_over) if tally is not None else (0, 0)
    others = passed > 0 or boards > 0 and not records
    if others:
        summary.update(board_pages=boards, pages_passed_over=passed)
    if as_json:
        typer.echo(json.dumps(summary))
    elif not (errors and len(outcomes) + len(runs) == 1):  # one failed input: its line says it
        if records:
            say(
                "read {records} web archive record(s): {records_known} already archived, "
                "{board_pages} board list(s) saved, {records_not_pages} neither".format(**summary)
            )
        if others:
            said = [f"{boards} board list(s) saved"] if boards and not records else []
            if passed:
                said.append(f"{passed} other page(s) in folders passed over (not thread pages; "
                            "-v names each)")  # fmt: skip
            say(", ".join(said))
        web = " ({pages_fetched} fetched, {pages_skipped} skipped)" if runs else ""
        text = "archived {pages} page(s) of {threads} thread(s)" + web + ": {posts_new} new "
        text += "post(s), {posts_changed} changed, {posts_gone} gone; {errors} error(s)"
        say(text.format(**summary))
        if media:
            say("media: " + ", ".join(f"{n} {status}" for status, n in sorted(media.items())))
    if errors:
        raise typer.Exit(code=errors[0].exit_code)


def finish_board(board: BoardRun, as_json: bool) -> None:
    """Print what walking a board did and exit with the first error's code."""
    report(board.error)
    summary = {
        "boards": 0 if board.error else 1,
        "pages_walked": board.pages_walked,
        "threads_listed": board.threads_listed,
        "threads_archived": sum(1 for r in board.runs if r.error is None),
        "threads_unchanged": board.threads_unchanged,
        "pages_fetched": sum(r.pages_fetched for r in board.runs),
        "posts_new": sum(r.posts_new for r in board.runs),
        "errors": sum(1 for r in board.runs if r.error) + (1 if board.error else 0),
    }
    if as_json:
        typer.echo(json.dumps(summary))
    elif board.error is None or board.runs:  # a board that failed at once: its line says it
        say(
            "walked {pages_walked} list page(s): {threads_listed} thread(s) listed, "
            "{threads_archived} archived, {threads_unchanged} unchanged, {posts_new} new "
            "post(s); {errors} error(s)".format(**summary)
        )
    errors = [board.error] + [r.error for r in board.runs]
    first = next((e for e in errors if e is not None), None)
    if first is not None:
        raise typer.Exit(code=first.exit_code)

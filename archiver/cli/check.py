"""`discuz-archiver check PAGE…`: what the parser makes of saved pages; archives nothing."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from archiver import __version__
from archiver.check import Asking, as_json, check_pages, render_page, summary
from archiver.cli.console import say
from archiver.cli.options import (
    IgnoreRobots,
    JsonFlag,
    Proxy,
    SiteOption,
    Timeout,
    UserAgent,
    Verbose,
)

Pages = Annotated[
    list[str],
    typer.Argument(metavar="PAGE...", show_default=False,
                   help="Saved thread pages (.html, SingleFile, HTTrack, Save Page As, MHTML), "
                   "or a thread page's URL (fetched once, that page only, without cookies)."),
]  # fmt: skip


def check_command(
    pages: Pages,
    json_out: JsonFlag = False,
    timeout: Timeout = 30.0,
    user_agent: UserAgent = None,
    proxy: Proxy = None,
    ignore_robots: IgnoreRobots = False,
    site: SiteOption = None,
    verbose: Verbose = 0,
) -> None:
    """Show what the parser reads from each page and which rule found each post's fields.

    Nothing is archived and no database is opened; a URL is fetched once, politely (robots.txt
    is asked), and kept nowhere. For each page: its charset, rendering and
    Discuz! version, then every post's floor, label, author, uid, time, client tag, the first
    30 characters of its text and its panel, each with the rule that found it (the stock
    template's hook or a named fallback) or "missing"; a touch post also names the rule that
    found the post itself. It ends with a summary to paste into a
    bug report. Exit 3 when a page is not a Discuz! thread page (it says what it saw), 2 when
    a file cannot be read.
    """
    asking = Asking(timeout, user_agent, proxy, ignore_robots)
    reports = list(check_pages(pages, asking, site))
    if json_out:
        typer.echo(json.dumps(as_json(reports, __version__), ensure_ascii=False, indent=1))
    else:
        for report in reports:
            typer.echo("\n".join(render_page(report)))
        typer.echo("\n".join(summary(reports, __version__)))
    for report in reports:
        if report.error is not None:
            say(f"error: {report.source}: {report.error}")
    code = next((r.exit_code for r in reports if r.exit_code), 0)
    if code:
        raise typer.Exit(code=code)

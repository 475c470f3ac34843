"""Options shared by the commands, defined once: each validated by type and range (a usage
error, exit 2), with a metavar or its choices in the help, never a Python type.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Literal

import typer

from archiver.cli.console import say, verbose_callback
from archiver.errors import ArchiverError, InputError
from archiver.urls import site_root

Source = Literal["auto", "desktop", "api", "archiver"]
Format = Literal["markdown", "json", "html"]
MAX_JOBS = 256
MAX_ID = 2**63 - 1  # SQLite's largest integer: a tid beyond it cannot be in the archive


def _url_option(name: str, schemes: tuple[str, ...]) -> typer.models.OptionInfo:
    def check(value: str | None) -> str | None:
        if value is not None and not value.startswith(schemes):
            raise typer.BadParameter(f"{value!r} is not a URL starting {' or '.join(schemes)}")
        return value

    option: typer.models.OptionInfo = typer.Option(
        name, callback=check, metavar="URL",
        help="Send every request through this proxy (http://, https:// or socks5://host:port).",
    )  # fmt: skip
    return option


def _text(value: str | None) -> str | None:
    if value is not None and (not value.strip() or any(c in value for c in "\r\n\0")):
        raise typer.BadParameter("must be one line of text, not empty")
    return value


def _site(value: str | None) -> str | None:
    """A URL of the forum: checked here, so a mistake is a usage error before any work."""
    try:
        if value is not None:
            site_root(value)
    except InputError:
        raise typer.BadParameter(f"{value!r} is not a URL; give the forum's, like "
                                 "https://bbs.example.cn/bbs/") from None  # fmt: skip
    return value


def _db_option(help: str) -> typer.models.OptionInfo:
    option: typer.models.OptionInfo = typer.Option(
        "--db", envvar="DISCUZ_ARCHIVER_DB", metavar="FILE", show_default=True, help=help
    )
    return option


DbOption = Annotated[str, _db_option("The SQLite database file (created if missing).")]
ReadDbOption = Annotated[str, _db_option("The archive to read (it must exist).")]
Verbose = Annotated[
    int,
    typer.Option(
        "--verbose", "-v", count=True, expose_value=False, metavar="", show_default=False,
        callback=verbose_callback, help="More logging: -v for info, -vv for debug.",
    ),
]  # fmt: skip
SourceOption = Annotated[
    Source,
    typer.Option(
        "--source", show_default=True,
        help="auto: the mobile JSON API where the site's module=check answers (exact times, no "
        "author panels), else the desktop pages, and the Archiver text view when nothing else "
        "is readable; or force desktop, api or archiver.",
    ),
]  # fmt: skip
WithAuthors = Annotated[
    bool,
    typer.Option(
        "--with-authors", metavar="",
        help="When the API was used, fetch one desktop page per author to fill in their panel "
        "(group, rank, counts).",
    ),
]  # fmt: skip
Timezone = Annotated[
    str | None,
    typer.Option(metavar="±HH:MM",
                 help="The site's UTC offset, e.g. +08:00, when the pages' footer is wrong."),
]  # fmt: skip
SiteOption = Annotated[
    str | None,
    typer.Option(
        "--site", metavar="URL", callback=_site,
        help="For saved files that do not say their site (a mobile API answer saved without "
        "its URL): the forum's URL; its host and path are the site. A page's own <base href> "
        "or saved-from URL wins.",
    ),
]  # fmt: skip
JsonFlag = Annotated[bool, typer.Option("--json", metavar="", help="Print a JSON summary.")]
Delay = Annotated[
    float, typer.Option(min=0, max=3600, metavar="SECONDS",
                        help="Seconds between requests to one host.")
]  # fmt: skip
Retries = Annotated[
    int, typer.Option(min=0, max=20, metavar="N",
                      help="Retries for 429, 5xx, timeouts and dropped connections.")
]  # fmt: skip
Timeout = Annotated[
    float, typer.Option(min=0.1, max=3600, metavar="SECONDS",
                        help="Seconds to wait for a response.")
]  # fmt: skip
IgnoreRobots = Annotated[
    bool, typer.Option("--ignore-robots", metavar="", help="Do not honour robots.txt.")
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", metavar="", help="No progress display.")]
Full = Annotated[
    bool, typer.Option("--full", metavar="", help="Fetch every page, not only new ones.")
]
CookiesFile = Annotated[
    Path | None,
    typer.Option(metavar="FILE", help="A Netscape cookies.txt exported from your browser."),
]
CookieHeader = Annotated[
    str | None,
    typer.Option(metavar="HEADER", callback=_text,
                 help='A cookie header, "name=value; name2=value2".'),
]  # fmt: skip
SaveHtml = Annotated[
    Path | None,
    typer.Option(metavar="DIR", help="Also write each fetched page into this folder."),
]
Proxy = Annotated[str | None, _url_option("--proxy", ("http://", "https://", "socks5://"))]
UserAgent = Annotated[
    str | None,
    typer.Option(metavar="TEXT", callback=_text,
                 help="Send this User-Agent instead of the tool's name and version."),
]  # fmt: skip


def check_date(text: str | None, option: str) -> str | None:
    """A date (2024-10-01) or a date and time; anything else is a usage error."""
    if text is None:
        return None
    try:
        dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date; use a form like 2024-10-01",
                                 param_hint=f"'{option}'") from None  # fmt: skip
    return text.strip()


def fail(error: ArchiverError) -> typer.Exit:
    """Print an error as one line on stderr and give the exit to raise."""
    say(f"error: {error}")
    return typer.Exit(code=error.exit_code)


WarcOption = Annotated[
    Path | None,
    typer.Option(
        "--warc",
        help="Also write every request and response as WARC 1.1 records into this file "
        "(.warc.gz: gzip per record). Cookies are left out and pages scrubbed as stored; an "
        "existing file is never appended to: the run writes NAME-1.warc.gz and so on.",
    ),
]

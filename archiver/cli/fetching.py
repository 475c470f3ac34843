"""The options every fetching command takes, declared once: `@fetching` adds them to a
command's signature (so typer shows and checks them) and hands the command one `Fetching`.

A new fetching option is one field here and one alias in options.py; `archive`, `refresh`
and `archive-board` all get it.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from archiver.archive import WebOptions
from archiver.cli import media as m
from archiver.cli import options as o
from archiver.cli.media import media_options
from archiver.errors import InputError
from archiver.times import parse_offset


@dataclass(frozen=True)
class Fetching:
    """What the shared options said, as the command receives it."""

    timezone: str | None = None
    cookies: Path | None = None
    cookie: str | None = None
    delay: float = 1.0
    retries: int = 4
    timeout: float = 30.0
    ignore_robots: bool = False
    save_html: Path | None = None
    quiet: bool = False
    as_json: bool = False
    source: str = "auto"
    with_authors: bool = False
    proxy: str | None = None
    user_agent: str | None = None
    media: bool | None = None
    media_dir: Path | None = None
    max_media_size: str = "50M"
    media_budget: str | None = None
    avatars: bool = False
    warc: Path | None = None

    def web(self, *, full: bool) -> WebOptions:
        """The composer's options; media is kept unless --no-media."""
        kept = media_options(self.media, self.media_dir, self.max_media_size,
                             self.media_budget, self.avatars)  # fmt: skip
        return WebOptions(
            self.cookies, self.cookie, self.delay, self.retries, self.timeout,
            self.ignore_robots, full, self.save_html, self.source, self.with_authors,
            self.proxy, self.user_agent, kept, self.warc,
        )  # fmt: skip

    def tz(self) -> dt.tzinfo | None:
        """--timezone as an offset; a usage mistake raises InputError."""
        if self.timezone is None:
            return None
        tz = parse_offset(self.timezone)
        if tz is None:
            raise InputError("not a UTC offset; use a form like +08:00", source=self.timezone)
        return tz


_ALIASES: dict[str, Any] = {
    "timezone": o.Timezone, "cookies": o.CookiesFile, "cookie": o.CookieHeader,
    "delay": o.Delay, "retries": o.Retries, "timeout": o.Timeout,
    "ignore_robots": o.IgnoreRobots, "save_html": o.SaveHtml, "quiet": o.Quiet,
    "as_json": o.JsonFlag, "source": o.SourceOption, "with_authors": o.WithAuthors,
    "proxy": o.Proxy, "user_agent": o.UserAgent, "media": m.MediaSwitch,
    "media_dir": m.MediaDir, "max_media_size": m.MaxMediaSize, "media_budget": m.MediaBudget,
    "avatars": m.Avatars, "warc": o.WarcOption,
}  # fmt: skip


def fetching(command: Callable[..., None]) -> Callable[..., None]:
    """Give `command(…, fetch: Fetching)` the shared options (and -v) as its own."""
    own = [p for p in inspect.signature(command, eval_str=True).parameters.values()
           if p.name != "fetch"]  # fmt: skip
    names = [f.name for f in fields(Fetching)]

    @functools.wraps(command)
    def run(**given: Any) -> None:
        shared = {name: given.pop(name) for name in names if name in given}
        given.pop("verbose", None)
        command(**given, fetch=Fetching(**shared))

    keyword = inspect.Parameter.KEYWORD_ONLY
    added = [inspect.Parameter(f.name, keyword, default=f.default, annotation=_ALIASES[f.name])
             for f in fields(Fetching)]  # fmt: skip
    added.append(inspect.Parameter("verbose", keyword, default=0, annotation=o.Verbose))
    params = [p.replace(kind=keyword) for p in own] + added
    run.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in params}
    del run.__wrapped__  # typer must read the new signature, not the command's
    return run

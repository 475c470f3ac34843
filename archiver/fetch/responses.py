"""What the fetcher does with an answer: read it under a size cap, judge its status and redirect."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import httpx

from archiver.errors import FetchError, HTTPStatusError
from archiver.fetch.retry import after
from archiver.sniff import BOT_CHECK_ADVICE, BOT_CHECK_PAGE, bot_check

# Discuz explains these in an HTML message page; the parser decides what they mean.
PAGE_STATUSES = frozenset({403, 404})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
TRY_LATER = "check the URL and the connection, or try again later"


@dataclass(frozen=True)
class Response:
    """A finished response, body read and connection released."""

    url: httpx.URL
    status: int
    headers: httpx.Headers
    charset: str | None
    content: bytes
    retries: int = 0
    fetched_at: dt.datetime | None = None  # when the body was read


def read_capped(response: httpx.Response, limit: int) -> bytes:
    """Read a streamed body, stopping as soon as the decoded size passes `limit`.

    Counting decoded bytes also stops decompression bombs; httpx inflates each network chunk
    at once, so memory can briefly reach the limit plus one inflated chunk.
    """
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(response, limit)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise _too_large(response, limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(response: httpx.Response, limit: int) -> FetchError:
    """The error for an oversized body."""
    return FetchError(
        f"the response is larger than {limit:,} bytes, which no thread page should be; "
        "check the URL (or raise the size limit)",
        source=str(response.url),
    )


def redirect_target(response: Response) -> httpx.URL:
    """Where a redirect points, resolved against the URL that answered it."""
    location = response.headers.get("location", "").strip()
    if not location:
        raise HTTPStatusError(
            f"HTTP {response.status} redirect without a Location; {TRY_LATER}",
            source=str(response.url),
            status=response.status,
        )
    try:
        target = response.url.join(location)
    except httpx.InvalidURL:
        raise FetchError(
            f"HTTP {response.status} redirect to an invalid URL", source=str(response.url)
        ) from None
    if target.scheme not in ("http", "https"):
        raise FetchError(
            f"HTTP {response.status} redirect to a non-HTTP URL", source=str(response.url)
        )
    return target


def same_site(current: httpx.URL, target: httpx.URL) -> bool:
    """Same scheme, host and port; or the same host upgraded from http to https."""
    if current.host != target.host:
        return False
    if current.scheme == target.scheme:
        return current.port == target.port
    upgrade = current.scheme == "http" and target.scheme == "https"
    return upgrade and current.port is None and target.port is None  # default ports only


def check_status(response: Response) -> None:
    """Accept 2xx and the statuses Discuz explains in a page; raise for the rest."""
    status = response.status
    if 200 <= status < 300 or status in PAGE_STATUSES:
        return
    reason = httpx.codes.get_reason_phrase(status)
    checker = bot_check(response.content)
    hint = _status_hint(status) if checker is None else BOT_CHECK_ADVICE
    shown = f" ({BOT_CHECK_PAGE.format(checker)})" if checker is not None else ""
    raise HTTPStatusError(
        f"HTTP {status} {reason}{shown}{after(response.retries)}; {hint}",
        source=str(response.url),
        status=status,
    )


def _status_hint(status: int) -> str:
    """What to try after an HTTP status."""
    if status == 429:
        return "the server is rate-limiting; wait a while and retry with a longer delay"
    if status >= 500:
        return "the server is failing; try again later"
    if status == 401:
        return "the site wants a login; pass your browser's cookies"
    if status == 410:
        return "the page is gone"
    if 300 <= status < 400:
        return "unexpected redirect status; open the URL in a browser to see where it goes"
    return "check the URL"

"""Everything up to bytes: pages read from disk or fetched politely over HTTP.

httpx is used here and nowhere else; every httpx exception becomes a FetchError at this boundary.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import importlib.metadata
import logging
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import httpx

from archiver.errors import FetchError, HTTPStatusError, InputError
from archiver.fetch.cookies import Cookies, load_cookies, no_cookies, parse_cookie_header
from archiver.fetch.robots import Robots, parse_robots
from archiver.model import Page

__all__ = [
    "Cookies",
    "Fetcher",
    "Page",
    "load_cookies",
    "make_client",
    "no_cookies",
    "parse_cookie_header",
    "read_page",
]

log = logging.getLogger(__name__)


def _version() -> str:
    """The installed distribution's version; "0.0.0" when running from a bare checkout."""
    try:
        return importlib.metadata.version("discuz-archiver")
    except importlib.metadata.PackageNotFoundError:
        return "0.0.0"


ROBOTS_AGENT = "discuz-archiver"
USER_AGENT = f"{ROBOTS_AGENT}/{_version()} (+https://github.com/discuz-archiver/discuz-archiver)"

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# Discuz explains these in an HTML message page; the parser decides what they mean.
PAGE_STATUSES = frozenset({403, 404})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5
BACKOFF_BASE = 1.0
BACKOFF_FACTOR = 2.0
BACKOFF_CAP = 60.0
RETRY_AFTER_CAP = 300.0
_PRIVATE_HEADERS = frozenset({"set-cookie", "set-cookie2", "cookie"})
# Worth another try; a LocalProtocolError or UnsupportedProtocol would only fail again.
_RETRYABLE = (
    httpx.TimeoutException,
    httpx.NetworkError,
    httpx.RemoteProtocolError,
    httpx.ProxyError,
)


def read_page(path: Path) -> Page:
    """Read a saved page; its time is the file's modification time."""
    try:
        content = path.read_bytes()
        mtime = path.stat().st_mtime
    except OSError as e:
        raise InputError(f"cannot read the file ({e.strerror})", source=str(path)) from None
    fetched_at = dt.datetime.fromtimestamp(mtime, dt.timezone.utc)
    return Page(source=str(path), content=content, fetched_at=fetched_at)


def make_client(
    *,
    cookies: httpx.Cookies | None = None,
    timeout: float = 30.0,
    transport: httpx.BaseTransport | None = None,
) -> httpx.Client:
    """One keep-alive client for a run; redirects are left to Fetcher so it can refuse hosts."""
    return httpx.Client(
        headers={"User-Agent": USER_AGENT},
        cookies=cookies,
        timeout=timeout,
        transport=transport,
        follow_redirects=False,
    )


@dataclass(frozen=True)
class _Response:
    """A finished response, body read and connection released."""

    url: httpx.URL
    status: int
    headers: httpx.Headers
    charset: str | None
    content: bytes
    retries: int = 0


class Fetcher:
    """Fetch pages one at a time, politely: delay per host, robots.txt, retries, size cap.

    Meant for one sequential archiver: it keeps per-host state and is not thread-safe.
    """

    def __init__(
        self,
        client: httpx.Client,
        *,
        delay: float = 1.0,
        retries: int = 4,
        max_bytes: int = 20 * 2**20,
        ignore_robots: bool = False,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        rng: Callable[[], float] = random.random,
    ) -> None:
        if delay < 0 or retries < 0 or max_bytes < 1:
            raise ValueError("delay and retries must be >= 0 and max_bytes >= 1")
        self._client = client
        self._delay = delay
        self._retries = retries
        self._max_bytes = max_bytes
        self._ignore_robots = ignore_robots
        self._sleep = sleep
        self._clock = clock
        self._rng = rng
        self._last_request: dict[str, float] = {}  # host -> clock() when its last request ended
        self._robots: dict[str, Robots | None] = {}  # None: allow all
        self._with_login = len(client.cookies.jar) > 0  # the user's cookies, before any reply

    def fetch(self, url: str) -> Page:
        """Fetch one page; 403 and 404 come back as pages (the parser reads Discuz's message).

        :raises FetchError: network failure, robots.txt refusal, off-site redirect, too large.
        :raises HTTPStatusError: any other 4xx/5xx, or 429/5xx that retries did not cure.
        """
        try:
            response = self._follow(_http_url(url))
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as e:  # not mapped nearer
            raise FetchError(f"{_describe(e)}; {_TRY_LATER}", source=url) from None
        _check_status(response)
        return Page(
            source=url,
            content=response.content,
            fetched_at=dt.datetime.now(dt.timezone.utc),
            charset=response.charset,
            status=response.status,
            headers={k: v for k, v in response.headers.items() if k not in _PRIVATE_HEADERS},
            url=str(response.url),
            with_login=self._with_login,
        )

    def _follow(self, url: httpx.URL, *, robots_txt: bool = False) -> _Response:
        """GET a URL, following up to MAX_REDIRECTS redirects within its site.

        robots.txt itself may redirect anywhere (RFC 9309) and is not checked against itself.
        """
        seen = {str(url)}
        for _ in range(MAX_REDIRECTS + 1):
            if not (robots_txt or self._ignore_robots):
                self._check_robots(url)
            response = self._request(url)
            if response.status not in REDIRECT_STATUSES:
                return response
            target = _redirect_target(response)
            if not (robots_txt or _same_site(url, target)):
                raise FetchError(
                    f"redirected to another site ({target}); not following it. "
                    "Archive that URL instead if it is the same forum",
                    source=str(url),
                )
            if str(target) in seen:
                raise FetchError(f"redirect loop back to {target}; {_TRY_LATER}", source=str(url))
            seen.add(str(target))
            url = target
        raise FetchError(f"more than {MAX_REDIRECTS} redirects; {_TRY_LATER}", source=str(url))

    def _request(self, url: httpx.URL) -> _Response:
        """One GET with retries for 429/5xx and network failures, waiting between them."""
        for attempt in range(self._retries + 1):
            outcome = self._attempt(url)
            last = attempt == self._retries
            if isinstance(outcome, _Response):
                if outcome.status not in RETRY_STATUSES or last:
                    return replace(outcome, retries=attempt)
                wait = _retry_after(outcome.headers)
                reason = f"HTTP {outcome.status}"
            elif last:
                raise FetchError(
                    f"{_describe(outcome)}{_after(attempt)}; {_TRY_LATER}", source=str(url)
                ) from outcome
            else:
                wait, reason = None, _describe(outcome)
            self._pause(url, reason, attempt, self._backoff(attempt) if wait is None else wait)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _attempt(self, url: httpx.URL) -> _Response | httpx.TransportError:
        """Wait for our turn at the host, then send; a retryable failure is returned, not raised."""
        self._wait(url.host)
        try:
            return self._send(url)
        except _RETRYABLE as e:
            return e
        finally:
            self._last_request[url.host] = self._clock()

    def _send(self, url: httpx.URL) -> _Response:
        """Send one request and read its body, refusing bodies over max_bytes once decoded."""
        request = self._client.build_request("GET", url)
        response = self._client.send(request, stream=True)
        try:
            content = _read_capped(response, self._max_bytes)
        except httpx.DecodingError:
            raise FetchError(
                "could not decompress the response; the server sent a broken "
                f"{response.headers.get('content-encoding', '')} body. {_TRY_LATER}",
                source=str(url),
            ) from None
        finally:
            response.close()
        charset = response.charset_encoding
        return _Response(url, response.status_code, response.headers, charset, content)

    def _wait(self, host: str) -> None:
        """Sleep until `delay` has passed since the last request to this host ended."""
        last = self._last_request.get(host)
        if last is not None:
            wait = self._delay - (self._clock() - last)
            if wait > 0:
                self._sleep(wait)

    def _backoff(self, attempt: int) -> float:
        """Exponential backoff with up to a second of jitter, never above BACKOFF_CAP."""
        exponential = BACKOFF_BASE * BACKOFF_FACTOR**attempt
        return min(BACKOFF_CAP, exponential + self._rng() * BACKOFF_BASE)

    def _pause(self, url: httpx.URL, reason: str, attempt: int, wait: float) -> None:
        """Log a retry and sleep before it."""
        log.warning(
            "%s: %s; retry %d of %d in %.1f s", url, reason, attempt + 1, self._retries, wait
        )
        self._sleep(wait)

    def _check_robots(self, url: httpx.URL) -> None:
        """Refuse a URL the site's robots.txt disallows for us (read once per origin)."""
        origin = f"{url.scheme}://{url.netloc.decode('ascii')}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(httpx.URL(origin + "/robots.txt"))
        robots = self._robots[origin]
        if robots is not None and not robots.allows(str(url)):
            raise FetchError(
                f"robots.txt forbids {ROBOTS_AGENT} to fetch this URL; "
                "use --ignore-robots if you may archive it anyway",
                source=str(url),
            )

    def _read_robots(self, url: httpx.URL) -> Robots | None:
        """Parse robots.txt; a missing one (any 4xx but 429) allows everything (RFC 9309)."""
        response = self._follow(url, robots_txt=True)
        if 400 <= response.status < 500 and response.status != 429:
            return None
        if not 200 <= response.status < 300:
            raise HTTPStatusError(
                f"cannot read robots.txt (HTTP {response.status}); "
                "try again later, or use --ignore-robots",
                source=str(url),
                status=response.status,
            )
        return parse_robots(response.content.decode("utf-8", errors="replace"), ROBOTS_AGENT)


_TRY_LATER = "check the URL and the connection, or try again later"


def _http_url(url: str) -> httpx.URL:
    """Parse a URL that can be fetched."""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        raise FetchError("not a valid URL; check it", source=url) from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise FetchError("only http:// and https:// URLs can be fetched", source=url)
    return parsed


def _redirect_target(response: _Response) -> httpx.URL:
    """Where a redirect points, resolved against the URL that answered it."""
    location = response.headers.get("location", "").strip()
    if not location:
        raise HTTPStatusError(
            f"HTTP {response.status} redirect without a Location; {_TRY_LATER}",
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


def _same_site(current: httpx.URL, target: httpx.URL) -> bool:
    """Same scheme, host and port; or the same host upgraded from http to https."""
    if current.host != target.host:
        return False
    if current.scheme == target.scheme:
        return current.port == target.port
    upgrade = current.scheme == "http" and target.scheme == "https"
    return upgrade and current.port is None and target.port is None  # default ports only


def _read_capped(response: httpx.Response, limit: int) -> bytes:
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


def _retry_after(headers: httpx.Headers) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), capped."""
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.timezone.utc)
        seconds = (when - dt.datetime.now(dt.timezone.utc)).total_seconds()
    if math.isnan(seconds):
        return None
    return min(max(seconds, 0.0), RETRY_AFTER_CAP)


def _check_status(response: _Response) -> None:
    """Accept 2xx and the statuses Discuz explains in a page; raise for the rest."""
    status = response.status
    if 200 <= status < 300 or status in PAGE_STATUSES:
        return
    reason = httpx.codes.get_reason_phrase(status)
    raise HTTPStatusError(
        f"HTTP {status} {reason}{_after(response.retries)}; {_status_hint(status)}",
        source=str(response.url),
        status=status,
    )


def _after(retries: int) -> str:
    """Say how many retries were spent, if any."""
    return f" (after {retries} {'retry' if retries == 1 else 'retries'})" if retries else ""


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


def _describe(error: Exception) -> str:
    """Name a network failure without quoting httpx (its text may echo request headers)."""
    if isinstance(error, httpx.TimeoutException):
        return "timed out"
    if isinstance(error, httpx.ConnectError):
        detail = " ".join(str(error).split())
        return f"could not connect ({detail})" if detail else "could not connect"
    if isinstance(error, httpx.RemoteProtocolError):
        return "the server dropped the connection or answered garbage"
    if isinstance(error, httpx.NetworkError):
        return "the connection failed"
    if isinstance(error, httpx.ProxyError):
        return "the proxy failed"
    return f"the request failed ({type(error).__name__})"

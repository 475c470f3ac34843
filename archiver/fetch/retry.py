"""When to try a request again and how long to wait: backoff with jitter, or Retry-After.

No library fits: httpx retries only connect errors, and tenacity has no Retry-After wait.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import math
from collections.abc import Callable

import httpx

from archiver.sniff import bot_check

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
BACKOFF_BASE = 1.0
BACKOFF_FACTOR = 2.0
BACKOFF_CAP = 60.0
RETRY_AFTER_CAP = 300.0
# Worth another try; a LocalProtocolError or UnsupportedProtocol would only fail again.
RETRYABLE = (
    httpx.TimeoutException,
    httpx.NetworkError,
    httpx.RemoteProtocolError,
    httpx.ProxyError,
)


def worth_retrying(status: int, content: bytes) -> bool:
    """A status worth another try, unless the body is a bot check: asking again only repeats it."""
    return status in RETRY_STATUSES and bot_check(content) is None


def backoff(attempt: int, rng: Callable[[], float]) -> float:
    """Exponential backoff with up to a second of jitter, never above BACKOFF_CAP."""
    exponential = BACKOFF_BASE * BACKOFF_FACTOR**attempt
    return min(BACKOFF_CAP, exponential + rng() * BACKOFF_BASE)


def retry_after(headers: httpx.Headers) -> float | None:
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


_UNREACHABLE = (
    "refused", "name or service", "nodename nor servname", "name resolution", "no address",
    "errno -2]", "errno -3]", "errno -5]", "getaddrinfo",
)  # fmt: skip


def unreachable(error: Exception) -> bool:
    """Connection refused or a host name that does not resolve: not worth a retry."""
    text = str(error).lower()
    return isinstance(error, httpx.ConnectError) and any(w in text for w in _UNREACHABLE)


def after(retries: int) -> str:
    """Say how many retries were spent, if any."""
    return f" (after {retries} {'retry' if retries == 1 else 'retries'})" if retries else ""


def describe(error: Exception) -> str:
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

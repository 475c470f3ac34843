"""Fetching one picture or attached file through the run's Fetcher.

Media requests share the page fetcher's per-host delay, robots.txt cache and retries (a media
host is a host too). What differs from pages: redirects may cross hosts (image hosts and CDNs
do that), but never to a non-HTTP URL nor, from a public forum, to a loopback or private
address; the size cap is --max-media-size, counted while streaming; and the user's cookies go
only to the forum's own scheme, host and port: any other host is asked through a client that
holds no cookies at all, so nothing it sets reaches the forum either (it keeps the run's proxy
and User-Agent: a user hiding behind --proxy stays behind it for every host).
"""

from __future__ import annotations

import datetime as dt
import functools
import ipaddress
import socket
from dataclasses import dataclass, replace

import httpx

from archiver.errors import FetchError, HTTPStatusError
from archiver.fetch.client import make_client
from archiver.fetch.http import MAX_REDIRECTS, Fetcher
from archiver.fetch.responses import REDIRECT_STATUSES, Response, read_capped
from archiver.fetch.retry import describe

MISSING_STATUSES = frozenset({404, 410})
MEDIA_RETRIES = 1  # a failed file is asked for again on the next run: no need to insist now


@dataclass(frozen=True)
class MediaAnswer:
    """What one media URL gave: bytes, or the status word saying why not (vocabulary)."""

    url: str
    status: str | None  # None: bytes came back (the composer judges them); else why not
    final_url: str | None = None
    http_status: int | None = None
    content: bytes | None = None
    declared_type: str | None = None
    note: str | None = None
    fetched_at: dt.datetime | None = None  # when the answer came (its WARC-Date with --warc)


class _TooLarge(Exception):
    def __init__(self, url: httpx.URL, status: int) -> None:
        super().__init__(str(url))
        self.url, self.status = url, status


class MediaFetcher:
    """The run's Fetcher for media, with a cookie-less client for every other origin."""

    def __init__(
        self, fetcher: Fetcher, *, max_bytes: int = 50 * 2**20, proxy: str | None = None
    ) -> None:
        if max_bytes < 1:
            raise ValueError("max_bytes must be >= 1")
        self.fetcher = fetcher
        self.max_bytes = max_bytes
        self.proxy = proxy  # the run's --proxy: other hosts are asked through it too
        self._bare: httpx.Client | None = None
        self.retries = min(MEDIA_RETRIES, fetcher.retries)
        self._unreachable: dict[str, str] = {}  # origin -> why, for the rest of this run

    def close(self) -> None:
        if self._bare is not None:
            self._bare.close()

    def fetch(self, url: str, forum: str, limit: int | None = None) -> MediaAnswer:
        """Fetch a media URL shown on a page of `forum` (any URL of that forum).

        `limit` lowers the cap for this file (what is left of the run's budget).
        """
        cap = self.max_bytes if limit is None else min(limit, self.max_bytes)
        try:
            start = httpx.URL(url)
        except httpx.InvalidURL:
            return MediaAnswer(url, "failed", note="not a valid URL")
        home = httpx.URL(forum)
        origin = _origin(start)
        if origin in self._unreachable:
            return MediaAnswer(url, "failed", note=self._unreachable[origin])
        try:
            return self._follow(url, start, home, cap)
        except _TooLarge as e:
            note = f"larger than {cap:,} bytes"
            return MediaAnswer(url, "too-large", str(e.url), e.status, note=note)
        except HTTPStatusError as e:  # robots.txt could not be read
            return MediaAnswer(url, "failed", http_status=e.status or None, note=str(e))
        except FetchError as e:
            if isinstance(e.__cause__, httpx.TransportError):  # retried already: give up on it
                self._unreachable[_origin(httpx.URL(e.source or url))] = f"unreachable: {e}"
            word = "not-allowed" if "robots.txt forbids" in str(e) else "failed"
            return MediaAnswer(url, word, note=str(e))
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as e:
            return MediaAnswer(url, "failed", note=describe(e))

    def _follow(self, url: str, target: httpx.URL, home: httpx.URL, cap: int) -> MediaAnswer:
        seen: set[str] = set()
        for _ in range(MAX_REDIRECTS + 1):
            refusal = _refuse(target, home)
            if refusal is not None:
                return MediaAnswer(url, "not-allowed", final_url=str(target), note=refusal)
            seen.add(str(target))
            sender = lambda u: self._send(u, home, cap)  # noqa: E731
            robots = lambda u: self._send(u, home, 2**20)  # noqa: E731 (cookies: the forum only)
            response = self.fetcher.request(target, sender, self.retries, robots)
            if response.status not in REDIRECT_STATUSES:
                return replace(_answer(url, response), fetched_at=response.fetched_at)
            location = response.headers.get("location", "").strip()
            if not location:
                return MediaAnswer(url, "failed", http_status=response.status, note="no Location")
            target = response.url.join(location)
            if str(target) in seen:
                return MediaAnswer(url, "failed", final_url=str(target), note="redirect loop")
        return MediaAnswer(url, "failed", final_url=str(target), note="too many redirects")

    def _send(self, url: httpx.URL, home: httpx.URL, cap: int) -> Response:
        client = self.fetcher.client if _same_origin(url, home) else self._bare_client()
        request = client.build_request("GET", url)
        response = client.send(request, stream=True)
        try:
            if response.status_code in REDIRECT_STATUSES or response.status_code >= 400:
                content = response.read()[:65536] if response.status_code >= 400 else b""
            else:
                content = read_capped(response, cap)
        except FetchError:
            raise _TooLarge(url, response.status_code) from None
        except httpx.DecodingError:
            raise FetchError("could not decompress the response", source=str(url)) from None
        finally:
            response.close()
            if client is not self.fetcher.client:
                client.cookies.clear()  # no host but the forum gets a cookie, not even its own
        when = self.fetcher.stamp(request, response, content)  # --warc: media answers go in too
        return Response(url, response.status_code, response.headers, None, content, 0, when)

    def _bare_client(self) -> httpx.Client:
        if self._bare is None:
            own = self.fetcher.client
            self._bare = make_client(
                timeout=own.timeout.read or 30.0,
                transport=_transport(own),
                proxy=self.proxy,
                user_agent=own.headers.get("User-Agent"),  # --user-agent, as for the forum
            )
        return self._bare


def _transport(client: httpx.Client) -> httpx.BaseTransport | None:
    """The client's transport when a test injected one (MockTransport), else httpx's default."""
    transport = client._transport
    return transport if isinstance(transport, httpx.MockTransport) else None


def _answer(url: str, response: Response) -> MediaAnswer:
    final = str(response.url)
    declared = response.headers.get("content-type")
    if response.status in MISSING_STATUSES:
        return MediaAnswer(url, "missing", final, response.status, declared_type=declared)
    if response.status in (401, 403):
        # Discuz may explain a 403 in a page: the composer reads it
        return MediaAnswer(url, None, final, response.status, response.content, declared)
    if not 200 <= response.status < 300:
        note = f"HTTP {response.status}"
        return MediaAnswer(url, "failed", final, response.status, declared_type=declared, note=note)
    return MediaAnswer(url, None, final, response.status, response.content, declared)


def _origin(url: httpx.URL) -> str:
    return f"{url.scheme}://{url.netloc.decode('ascii')}"


def _same_origin(a: httpx.URL, b: httpx.URL) -> bool:
    return (a.scheme, a.host, a.port) == (b.scheme, b.host, b.port)


def _refuse(target: httpx.URL, home: httpx.URL) -> str | None:
    """Why a media URL may not be fetched from this forum's pages, or None."""
    if target.scheme not in ("http", "https") or not target.host:
        return f"not an http(s) URL: {target.scheme}:"
    if not _private(home.host) and _private(target.host):
        return "a loopback or private address, linked from a public forum"
    return None


@functools.lru_cache(maxsize=1024)
def _private(host: str) -> bool:
    """A loopback, private or link-local address, localhost, or a name resolving to one."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        addresses = [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        try:  # a public-looking name may point inside; a name that does not resolve cannot
            found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError):
            return False
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in found]
    return any(a.is_loopback or a.is_private or a.is_link_local for a in addresses)

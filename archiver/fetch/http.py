"""The polite fetcher: one keep-alive client, a delay per host, robots.txt, retries, a size cap.

Every httpx exception becomes a FetchError here, at the fetch boundary."""

from __future__ import annotations

import datetime as dt
import logging
import random
import time
from collections.abc import Callable
from dataclasses import replace

import httpx

from archiver.errors import FetchError, HTTPStatusError, Unreachable
from archiver.fetch.client import ROBOTS_AGENT
from archiver.fetch.responses import (
    REDIRECT_STATUSES,
    TRY_LATER,
    Response,
    check_status,
    read_capped,
    redirect_target,
    same_site,
)
from archiver.fetch.retry import (
    RETRYABLE,
    after,
    backoff,
    describe,
    retry_after,
    unreachable,
    worth_retrying,
)
from archiver.fetch.robots import Robots, RobotsCache, parse_robots
from archiver.fetch.warc_write import WarcRecorder
from archiver.model import Page

log = logging.getLogger(__name__)
MAX_REDIRECTS = 5
Sender = Callable[[httpx.URL], Response]
_PRIVATE_HEADERS = frozenset({"set-cookie", "set-cookie2", "cookie"})


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
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc),
        recorder: WarcRecorder | None = None,
    ) -> None:
        if delay < 0 or retries < 0 or max_bytes < 1:
            raise ValueError("delay and retries must be >= 0 and max_bytes >= 1")
        self.client = client  # the user's cookies, timeout, proxy: media asks the forum with it
        self._delay = delay
        self.retries = retries
        self._max_bytes = max_bytes
        self._ignore_robots = ignore_robots
        self._sleep = sleep
        self._clock = clock
        self._rng = rng
        self._now = now  # the fetch time a page keeps (and its WARC-Date)
        self._recorder = recorder  # --warc: every request and response into a WARC file
        self._last_request: dict[str, float] = {}  # host -> clock() when its last request ended
        self._robots = RobotsCache(clock)
        # the hosts the user's own cookies are for, before any reply adds the forum's
        self._login_domains = {c.domain.lstrip(".").lower() for c in client.cookies.jar}

    def request(self, url: httpx.URL, send: Sender, retries: int, robots: Sender) -> Response:
        """One polite GET through another sender (media: other clients, another size cap).

        robots.txt first (read once an origin, through `robots`), then the host's delay and
        `retries`; a redirect comes back as it is, for the caller to judge.
        """
        if not self._ignore_robots:
            self._check_robots(url, robots, retries)
        return self._request(url, send, retries)

    def stamp(
        self, request: httpx.Request, response: httpx.Response, content: bytes
    ) -> dt.datetime:
        """When an answer (any client's) came; with --warc its request and response recorded."""
        when = self._now()
        if self._recorder is not None:
            self._recorder.record(request, response, content, when)
        return when

    def fetch(self, url: str) -> Page:
        """Fetch one page; 403 and 404 come back as pages (the parser reads Discuz's message).

        :raises FetchError: network failure, robots.txt refusal, off-site redirect, too large.
        :raises HTTPStatusError: any other 4xx/5xx, or 429/5xx that retries did not cure.
        """
        try:
            response = self._follow(_http_url(url))
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as e:  # not mapped nearer
            raise FetchError(f"{describe(e)}; {TRY_LATER}", source=url) from None
        check_status(response)
        return Page(
            source=url,
            content=response.content,
            fetched_at=response.fetched_at or self._now(),
            charset=response.charset,
            status=response.status,
            headers={k: v for k, v in response.headers.items() if k not in _PRIVATE_HEADERS},
            url=str(response.url),
            with_login=self._carries_login(response.url.host),
        )

    def locate(self, url: str) -> str:
        """Where a URL that Discuz answers with a redirect (findpost by pid) points, unfetched.

        :raises FetchError: no redirect came back, or it points at another site.
        """
        try:
            start = _http_url(url)
            if not self._ignore_robots:
                self._check_robots(start)
            response = self._request(start)
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as e:
            raise FetchError(f"{describe(e)}; {TRY_LATER}", source=url) from None
        if response.status not in REDIRECT_STATUSES:
            check_status(response)
            raise FetchError(
                "the forum did not redirect this link to a thread (a deleted post, or a login "
                "needed?); open it in a browser and archive the thread's URL",
                source=url,
            )
        target = redirect_target(response)
        if not same_site(start, target):
            raise FetchError(f"redirected to another site ({target}); not following it", source=url)
        return str(target)

    def _carries_login(self, host: str) -> bool:
        host = host.lower()
        return any(host == d or host.endswith("." + d) for d in self._login_domains)

    def _follow(
        self,
        url: httpx.URL,
        *,
        robots_txt: bool = False,
        send: Sender | None = None,
        retries: int | None = None,
    ) -> Response:
        """GET a URL, following up to MAX_REDIRECTS redirects within its site.

        robots.txt itself may redirect anywhere (RFC 9309) and is not checked against itself.
        """
        seen = {str(url)}
        for _ in range(MAX_REDIRECTS + 1):
            if not (robots_txt or self._ignore_robots):
                self._check_robots(url)
            response = self._request(url, send, retries)
            if response.status not in REDIRECT_STATUSES:
                return response
            target = redirect_target(response)
            if not (robots_txt or same_site(url, target)):
                raise FetchError(
                    f"redirected to another site ({target}); not following it. "
                    "Archive that URL instead if it is the same forum",
                    source=str(url),
                )
            if str(target) in seen:
                raise FetchError(f"redirect loop back to {target}; {TRY_LATER}", source=str(url))
            seen.add(str(target))
            url = target
        raise FetchError(f"more than {MAX_REDIRECTS} redirects; {TRY_LATER}", source=str(url))

    def _request(
        self, url: httpx.URL, send: Sender | None = None, retries: int | None = None
    ) -> Response:
        """One GET with retries for 429/5xx and network failures, waiting between them.

        `send` replaces the page sender and `retries` the count (media: another client,
        another size cap, fewer retries since a failed file is asked for again next run).
        """
        retries = self.retries if retries is None else retries
        for attempt in range(retries):
            outcome = self._attempt(url, send)
            if isinstance(outcome, Response):
                if not worth_retrying(outcome.status, outcome.content):
                    return replace(outcome, retries=attempt)
                wait = retry_after(outcome.headers)
                reason = f"HTTP {outcome.status}"
            else:
                wait, reason = None, describe(outcome)
            wait = backoff(attempt, self._rng) if wait is None else wait
            self._pause(url, reason, attempt, retries, wait)
        outcome = self._attempt(url, send)  # the last try: whatever it brings is the answer
        if isinstance(outcome, Response):
            return replace(outcome, retries=retries)
        raise FetchError(
            f"{describe(outcome)}{after(retries)}; {TRY_LATER}", source=str(url)
        ) from outcome

    def _attempt(self, url: httpx.URL, send: Sender | None) -> Response | httpx.TransportError:
        """Wait for our turn at the host, then send; a retryable failure is returned, not raised."""
        self._wait(url.host)
        try:
            return (send or self._send)(url)
        except RETRYABLE as e:
            if unreachable(e):
                raise Unreachable(
                    f"{describe(e)}: {url.host} cannot be reached; check the address, "
                    "your network and that the forum is up",
                    source=str(url),
                ) from None
            return e
        finally:
            self._last_request[url.host] = self._clock()

    def _send(self, url: httpx.URL) -> Response:
        """Send one request and read its body, refusing bodies over max_bytes once decoded."""
        request = self.client.build_request("GET", url)
        response = self.client.send(request, stream=True)
        try:
            content = read_capped(response, self._max_bytes)
        except httpx.DecodingError:
            raise FetchError(
                "could not decompress the response; the server sent a broken "
                f"{response.headers.get('content-encoding', '')} body. {TRY_LATER}",
                source=str(url),
            ) from None
        finally:
            response.close()
        charset, when = response.charset_encoding, self.stamp(request, response, content)
        return Response(url, response.status_code, response.headers, charset, content, 0, when)

    def _wait(self, host: str) -> None:
        """Sleep until `delay` has passed since the last request to this host ended."""
        last = self._last_request.get(host)
        if last is not None:
            wait = self._delay - (self._clock() - last)
            if wait > 0:
                self._sleep(wait)

    def _pause(self, url: httpx.URL, reason: str, attempt: int, retries: int, wait: float) -> None:
        """Log a retry and sleep before it."""
        log.warning("%s: %s; retry %d of %d in %.1f s", url, reason, attempt + 1, retries, wait)
        self._sleep(wait)

    def _check_robots(
        self, url: httpx.URL, send: Sender | None = None, retries: int | None = None
    ) -> None:
        """Refuse a URL the site's robots.txt disallows for us (read once per origin and run)."""
        origin = f"{url.scheme}://{url.netloc.decode('ascii')}"
        robots = self._robots.get(
            origin, lambda: self._read_robots(httpx.URL(origin + "/robots.txt"), send, retries)
        )
        if robots is not None and not robots.allows(str(url)):
            raise FetchError(
                f"robots.txt forbids {ROBOTS_AGENT} to fetch this URL; "
                "use --ignore-robots if you may archive it anyway",
                source=str(url),
            )

    def _read_robots(
        self, url: httpx.URL, send: Sender | None = None, retries: int | None = None
    ) -> Robots | None:
        """Parse robots.txt; a missing one (any 4xx but 429) allows everything (RFC 9309)."""
        response = self._follow(url, robots_txt=True, send=send, retries=retries)
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


def _http_url(url: str) -> httpx.URL:
    """Parse a URL that can be fetched."""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        raise FetchError("not a valid URL; check it", source=url) from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise FetchError("only http:// and https:// URLs can be fetched", source=url)
    return parsed

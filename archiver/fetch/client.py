"""The one httpx client a run keeps: its User-Agent, timeout, proxy and the user's cookies."""

from __future__ import annotations

import httpx

from archiver import __version__

ROBOTS_AGENT = "discuz-archiver"
USER_AGENT = f"{ROBOTS_AGENT}/{__version__} (+https://github.com/discuz-archiver/discuz-archiver)"


def make_client(
    *,
    cookies: httpx.Cookies | None = None,
    timeout: float = 30.0,
    transport: httpx.BaseTransport | None = None,
    proxy: str | None = None,
    user_agent: str | None = None,
) -> httpx.Client:
    """One keep-alive client for a run; redirects are left to Fetcher so it can refuse hosts."""
    return httpx.Client(
        headers={"User-Agent": user_agent or USER_AGENT},
        proxy=proxy,
        cookies=cookies,
        timeout=timeout,
        transport=transport,
        follow_redirects=False,
    )

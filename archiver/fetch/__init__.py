"""Everything up to bytes: pages read from disk or fetched politely over HTTP.

httpx is used in this package and nowhere else; every httpx exception becomes a FetchError at
this boundary. `client` makes the run's one httpx client, `http` holds the Fetcher (`media` asks
through it), `retry` the backoff, `responses` what an answer means, `robots` robots.txt,
`cookies` and `auth` the user's login, `files` saved pages.
"""

from archiver.fetch.client import ROBOTS_AGENT, USER_AGENT, make_client
from archiver.fetch.cookies import Cookies, load_cookies, no_cookies, parse_cookie_header
from archiver.fetch.files import read_page
from archiver.fetch.http import MAX_REDIRECTS, Fetcher
from archiver.fetch.responses import PAGE_STATUSES, REDIRECT_STATUSES
from archiver.fetch.retry import (
    BACKOFF_BASE,
    BACKOFF_CAP,
    BACKOFF_FACTOR,
    RETRY_AFTER_CAP,
    RETRY_STATUSES,
)
from archiver.model import Page

__all__ = [
    "BACKOFF_BASE",
    "BACKOFF_CAP",
    "BACKOFF_FACTOR",
    "MAX_REDIRECTS",
    "PAGE_STATUSES",
    "REDIRECT_STATUSES",
    "RETRY_AFTER_CAP",
    "RETRY_STATUSES",
    "ROBOTS_AGENT",
    "USER_AGENT",
    "Cookies",
    "Fetcher",
    "Page",
    "load_cookies",
    "make_client",
    "no_cookies",
    "parse_cookie_header",
    "read_page",
]

"""Login cookies for the fetch layer: a browser's cookies.txt or a pasted Cookie header.

Files must be readable by their owner only; messages name line numbers, never values.
No library fits: MozillaCookieJar wants a magic header line and quotes cookie values in errors.
"""

from __future__ import annotations

import http.cookiejar
import logging
import os
import stat
from pathlib import Path

import httpx

from archiver.errors import InputError

log = logging.getLogger(__name__)

Cookies = httpx.Cookies
_HTTP_ONLY = "#HttpOnly_"
_NETSCAPE_FIELDS = "domain, subdomains, path, secure, expiry, name, value"


def no_cookies() -> httpx.Cookies:
    """An empty jar, for callers that must not import httpx themselves."""
    return httpx.Cookies()


def load_cookies(path: Path) -> httpx.Cookies:
    """Read a Netscape cookies.txt, the format browser extensions export.

    :raises InputError: unreadable, readable by other users, or not in that format. Messages
        name line numbers, never cookie values.
    """
    _check_private(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        why = e.strerror if isinstance(e, OSError) else "not UTF-8 text"
        raise InputError(f"cannot read the cookies file ({why})", source=str(path)) from None
    cookies = httpx.Cookies()
    for number, line in enumerate(text.splitlines(), start=1):
        cookie = _netscape_cookie(line, number, path)
        if cookie is not None:
            cookies.jar.set_cookie(cookie)
    if not cookies.jar:
        raise InputError("no cookies found; export them as Netscape cookies.txt", source=str(path))
    expired = sum(1 for cookie in cookies.jar if cookie.is_expired())
    if expired:
        log.warning("%s: %d of %d cookies have expired", path, expired, len(cookies.jar))
    return cookies


def _check_private(path: Path) -> None:
    """A folder or an unreadable file is refused; a file others can read is read, with a
    warning, as browser extensions save cookies.txt at mode 644."""
    if path.is_dir():
        raise InputError(
            "is a folder, not a cookies file; give the cookies.txt file inside it",
            source=str(path),
        )
    try:
        mode = path.stat().st_mode
    except OSError as e:
        raise InputError(f"cannot read the cookies file ({e.strerror})", source=str(path)) from None
    if not os.access(path, os.R_OK):
        raise InputError(
            "cannot read the cookies file (permission denied); check its owner and mode",
            source=str(path),
        )
    if os.name == "posix" and mode & (stat.S_IRGRP | stat.S_IROTH):
        log.warning(
            "%s: the cookies file is readable by other users; run: chmod 600 %s", path, path
        )


def _netscape_cookie(line: str, number: int, path: Path) -> http.cookiejar.Cookie | None:
    """One cookies.txt line as a cookie; None for comments and blank lines."""
    http_only = line.startswith(_HTTP_ONLY)
    if http_only:
        line = line[len(_HTTP_ONLY) :]
    elif not line.strip() or line.lstrip().startswith("#"):
        return None
    fields = line.split("\t")
    if len(fields) == 6:  # some exporters drop an empty value's tab
        fields.append("")
    if len(fields) != 7:
        raise InputError(
            f"line {number}: expected 7 tab-separated fields ({_NETSCAPE_FIELDS}), "
            f"found {len(fields)}; export the cookies as Netscape cookies.txt",
            source=str(path),
        )
    domain, subdomains, cookie_path, secure, expiry, name, value = fields
    try:
        expires = int(float(expiry))
    except (ValueError, OverflowError):
        raise InputError(f"line {number}: the expiry is not a number", source=str(path)) from None
    return _cookie(
        name,
        value,
        domain=domain,
        path=cookie_path or "/",
        subdomains=subdomains.upper() == "TRUE",
        secure=secure.upper() == "TRUE",
        expires=expires or None,  # 0 marks a session cookie
        http_only=http_only,
    )


def _cookie(
    name: str,
    value: str,
    *,
    domain: str,
    path: str = "/",
    subdomains: bool = False,
    secure: bool = False,
    expires: int | None = None,
    http_only: bool = False,
) -> http.cookiejar.Cookie:
    """A cookie for the jar; http.cookiejar wants every field spelled out."""
    return http.cookiejar.Cookie(
        version=0,
        name=name,
        value=value,
        port=None,
        port_specified=False,
        domain=domain,
        domain_specified=subdomains,
        domain_initial_dot=domain.startswith("."),
        path=path,
        path_specified=True,
        secure=secure,
        expires=expires,
        discard=expires is None,
        comment=None,
        comment_url=None,
        rest={"HttpOnly": ""} if http_only else {},
    )


def parse_cookie_header(s: str, domain: str) -> httpx.Cookies:
    """Cookies from a `--cookie "a=b; c=d"` string (as copied from a browser), for one host.

    `domain` may be a host, host:port or a site key ("bbs.example.cn/bbs").

    :raises InputError: an item is not name=value. Messages never quote values.
    """
    host = _cookie_host(domain)
    text = s.strip()
    if text[:7].lower() == "cookie:":  # pasted with the header name
        text = text[7:]
    cookies = httpx.Cookies()
    for index, item in enumerate(text.split(";"), start=1):
        if not item.strip():
            continue
        name, equals, value = item.strip().partition("=")
        if not equals or not name.strip():
            raise InputError(f'--cookie: item {index} is not name=value; use "a=1; b=2"')
        cookies.jar.set_cookie(_cookie(name.strip(), value.strip(), domain=host))
    if not cookies.jar:
        raise InputError('--cookie: no name=value pairs found; use "a=1; b=2"')
    return cookies


def _cookie_host(domain: str) -> str:
    """The bare, lowercased host of a host, host:port or site key."""
    host = domain.strip().lower().split("/", 1)[0]
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host

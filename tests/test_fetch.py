import datetime as dt
import email.utils
import gzip
import http.cookiejar
import logging
import os
import re
from pathlib import Path

import httpx
import pytest

from archiver.errors import FetchError, HTTPStatusError, InputError, Unreachable
from archiver.fetch import (
    USER_AGENT,
    Fetcher,
    load_cookies,
    make_client,
    parse_cookie_header,
)
from archiver.fetch.responses import Response
from archiver.fetch.robots import RETRY_FAILED_AFTER

from .discuz_server import Reply, drop, page, redirect, slow, start_server

THREAD = "/bbs/forum.php?mod=viewthread&tid=1&page=1"
THREAD_2 = "/bbs/forum.php?mod=viewthread&tid=1&page=2"
HTML = "<html><body><div id='postlist'></div></body></html>"
SECRET = "s3cr3t-cookie-value"
TEXT = "text/plain"


class FakeTime:
    """A clock that only moves when the fetcher sleeps, so waits are exact."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


@pytest.fixture
def serve():
    servers = []

    def _serve(routes):
        server = start_server(routes)
        servers.append(server)
        return server

    yield _serve
    for server in servers:
        server.stop()


@pytest.fixture
def fake_time():
    return FakeTime()


@pytest.fixture
def client():
    with make_client(timeout=5.0) as c:
        yield c


@pytest.fixture
def fetcher(client, fake_time):
    """A fetcher with a fake clock and no jitter; robots.txt off unless a test turns it on."""

    def _fetcher(http=None, **kwargs):
        kwargs.setdefault("ignore_robots", True)
        kwargs.setdefault("rng", lambda: 0.0)
        return Fetcher(http or client, sleep=fake_time.sleep, clock=fake_time.clock, **kwargs)

    return _fetcher


def gets(*paths: str) -> list[tuple[str, str]]:
    return [("GET", path) for path in paths]


# --- client ---------------------------------------------------------------------------------


def test_make_client_settings():
    with make_client(timeout=12.0) as c:
        assert c.headers["user-agent"] == USER_AGENT
        assert USER_AGENT.startswith("discuz-archiver/")
        assert "gzip" in c.headers["accept-encoding"]
        assert c.follow_redirects is False
        assert c.timeout.read == 12.0


def test_user_agent_and_cookies_sent(serve, fetcher):
    server = serve({THREAD: HTML})
    cookies = parse_cookie_header(f"auth={SECRET}; lang=zh", "127.0.0.1")
    with make_client(cookies=cookies, timeout=5.0) as c:
        fetcher(c).fetch(server.url(THREAD))
    headers = server.request_headers[0]
    assert headers["user-agent"] == USER_AGENT
    assert headers["cookie"] == f"auth={SECRET}; lang=zh"


def test_make_client_with_transport(fetcher):
    def handler(request):
        return httpx.Response(200, content=b"mocked", headers={"content-type": "text/html"})

    with make_client(transport=httpx.MockTransport(handler)) as c:
        got = fetcher(c).fetch("https://bbs.example.cn/forum.php?mod=viewthread&tid=1")
    assert got.content == b"mocked"


# --- pages ----------------------------------------------------------------------------------


def test_fetch_returns_page(serve, fetcher):
    body = "<html>中文</html>".encode("gbk")
    server = serve(
        {THREAD: page(body, content_type="text/html; charset=gbk", headers={"X-Test": "1"})}
    )
    before = dt.datetime.now(dt.timezone.utc)
    got = fetcher().fetch(server.url(THREAD))
    assert got.source == server.url(THREAD)
    assert got.url == server.url(THREAD)
    assert got.content == body
    assert got.status == 200
    assert got.charset == "gbk"
    assert got.headers["content-type"] == "text/html; charset=gbk"
    assert got.headers["x-test"] == "1"
    assert before <= got.fetched_at <= dt.datetime.now(dt.timezone.utc)
    assert server.requests == gets(THREAD)


def test_no_charset_is_none(serve, fetcher):
    server = serve({THREAD: page(HTML, content_type="text/html")})
    assert fetcher().fetch(server.url(THREAD)).charset is None


def test_set_cookie_not_in_headers(serve, fetcher):
    cookie_headers = [("Set-Cookie", f"saltkey={SECRET}; path=/"), ("Set-Cookie", "b=2")]
    server = serve({THREAD: page(HTML, headers=cookie_headers)})
    got = fetcher().fetch(server.url(THREAD))
    assert "set-cookie" not in got.headers
    assert SECRET not in repr(got.headers)
    assert got.headers["content-length"] == str(len(HTML))


@pytest.mark.parametrize("status", [403, 404])
def test_discuz_message_statuses_are_pages(serve, fetcher, status):
    body = "<div id='messagetext'>抱歉，指定的主题不存在或已被删除或正在被审核</div>"
    server = serve({THREAD: page(body, status=status)})
    got = fetcher().fetch(server.url(THREAD))
    assert got.status == status
    assert got.content == body.encode()
    assert server.requests == gets(THREAD)


@pytest.mark.parametrize("status", [400, 401, 405, 410, 501])
def test_other_errors_raise_without_retry(serve, fetcher, fake_time, status):
    server = serve({THREAD: page("no", status=status)})
    with pytest.raises(HTTPStatusError) as info:
        fetcher().fetch(server.url(THREAD))
    assert info.value.status == status
    assert info.value.exit_code == 7
    message = str(info.value)
    assert message.startswith(f"{server.url(THREAD)}: HTTP {status} ")
    assert "\n" not in message
    assert server.requests == gets(THREAD)
    assert fake_time.sleeps == []


def test_gzip_body_is_decoded(serve, fetcher):
    server = serve(
        {THREAD: page(gzip.compress(HTML.encode()), headers={"Content-Encoding": "gzip"})}
    )
    assert fetcher().fetch(server.url(THREAD)).content == HTML.encode()


def test_broken_gzip_raises_fetch_error(serve, fetcher):
    server = serve({THREAD: page(b"not gzip at all", headers={"Content-Encoding": "gzip"})})
    with pytest.raises(FetchError, match="decompress"):
        fetcher().fetch(server.url(THREAD))


# --- retries --------------------------------------------------------------------------------


def test_503_then_200_retries_once(serve, fetcher, fake_time, caplog):
    server = serve({THREAD: [page("busy", status=503), page(HTML)]})
    with caplog.at_level(logging.WARNING, logger="archiver.fetch"):
        got = fetcher().fetch(server.url(THREAD))
    assert got.status == 200
    assert got.content == HTML.encode()
    assert server.requests == gets(THREAD, THREAD)
    assert fake_time.sleeps == [1.0]  # backoff; the politeness delay had passed by then
    [record] = caplog.records
    assert record.levelno == logging.WARNING
    assert "HTTP 503" in record.getMessage()
    assert "retry 1 of 4" in record.getMessage()


def test_429_retry_after_seconds(serve, fetcher, fake_time):
    server = serve(
        {THREAD: [page("slow down", status=429, headers={"Retry-After": "7"}), page(HTML)]}
    )
    assert fetcher().fetch(server.url(THREAD)).status == 200
    assert fake_time.sleeps == [7.0]
    assert server.count(THREAD) == 2


def test_retry_after_http_date(serve, fetcher, fake_time):
    when = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=30)
    retry_after = email.utils.format_datetime(when, usegmt=True)
    server = serve({THREAD: [page("busy", status=503, headers={"Retry-After": retry_after}), HTML]})
    fetcher().fetch(server.url(THREAD))
    [wait] = fake_time.sleeps
    assert 27 <= wait <= 30


@pytest.mark.parametrize(
    ("value", "expected"),
    [("100000", 300.0), ("inf", 300.0), ("0", 1.0), ("-5", 1.0), ("soon", 1.0), ("nan", 1.0)],
)
def test_retry_after_capped_or_ignored(serve, fetcher, fake_time, value, expected):
    """Capped at 300 s; 0 and negative leave the 1 s politeness delay, junk the 1 s backoff."""
    server = serve({THREAD: [page("", status=429, headers={"Retry-After": value}), HTML]})
    fetcher().fetch(server.url(THREAD))
    assert sum(fake_time.sleeps) == expected


def test_retries_exhausted_raise_http_status_error(serve, fetcher, fake_time):
    server = serve({THREAD: page("busy", status=503)})
    with pytest.raises(HTTPStatusError) as info:
        fetcher(retries=3).fetch(server.url(THREAD))
    assert info.value.status == 503
    assert "after 3 retries" in str(info.value)
    assert "try again later" in str(info.value)
    assert server.requests == gets(THREAD, THREAD, THREAD, THREAD)
    assert fake_time.sleeps == [1.0, 2.0, 4.0]


def test_backoff_grows_to_cap_with_jitter(serve, fetcher, fake_time):
    server = serve({THREAD: page("", status=502)})
    with pytest.raises(HTTPStatusError):
        fetcher(retries=7, rng=lambda: 0.5).fetch(server.url(THREAD))
    assert fake_time.sleeps == [1.5, 2.5, 4.5, 8.5, 16.5, 32.5, 60.0]
    assert server.count(THREAD) == 8


def test_no_retries(serve, fetcher, fake_time):
    server = serve({THREAD: page("", status=500)})
    with pytest.raises(HTTPStatusError) as info:
        fetcher(retries=0).fetch(server.url(THREAD))
    assert "retr" not in str(info.value)
    assert server.count(THREAD) == 1
    assert fake_time.sleeps == []


def test_dropped_connection_is_retried(serve, fetcher, fake_time):
    server = serve({THREAD: [drop(), page(HTML)]})
    assert fetcher().fetch(server.url(THREAD)).content == HTML.encode()
    assert server.requests == gets(THREAD, THREAD)
    assert fake_time.sleeps == [1.0]


def test_slow_response_retried_then_fetch_error(serve, fetcher, fake_time):
    server = serve({THREAD: slow(5.0)})
    with make_client(timeout=0.2) as c:
        with pytest.raises(FetchError) as info:
            fetcher(c, retries=1).fetch(server.url(THREAD))
    assert not isinstance(info.value, HTTPStatusError)
    assert "timed out (after 1 retry)" in str(info.value)
    assert server.requests == gets(THREAD, THREAD)
    assert fake_time.sleeps == [1.0]


def test_slow_then_fast_succeeds(serve, fetcher):
    server = serve({THREAD: [slow(5.0), page(HTML)]})
    with make_client(timeout=0.2) as c:
        assert fetcher(c).fetch(server.url(THREAD)).content == HTML.encode()
    assert server.count(THREAD) == 2


def test_connection_refused_is_not_retried(fetcher, fake_time):
    server = start_server({})
    url = server.url(THREAD)
    server.stop()  # nothing listens on that port any more
    with pytest.raises(Unreachable, match="could not connect") as info:
        fetcher(retries=2).fetch(url)
    assert "\n" not in str(info.value) and "cannot be reached" in str(info.value)
    assert fake_time.sleeps == []  # refused is an answer, not a hiccup: no backoff


def test_dns_failure_is_not_retried(fetcher, fake_time):
    def no_such_host(request: httpx.Request) -> httpx.Response:  # as httpcore reports it
        raise httpx.ConnectError("[Errno -2] Name or service not known", request=request)

    with make_client(transport=httpx.MockTransport(no_such_host)) as client:
        with pytest.raises(Unreachable, match="cannot be reached"):
            fetcher(client, retries=2).fetch("http://bbs.example.cn/thread-1-1-1.html")
    assert fake_time.sleeps == []


def test_a_connect_timeout_is_still_retried(fetcher, fake_time):
    def busy(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 110] Connection timed out", request=request)

    with make_client(transport=httpx.MockTransport(busy)) as client:
        with pytest.raises(FetchError, match="after 2 retries"):
            fetcher(client, retries=2).fetch("http://bbs.example.cn/thread-1-1-1.html")
    assert fake_time.sleeps == [1.0, 2.0]


# --- politeness -----------------------------------------------------------------------------


def test_delay_between_fetches_to_one_host(serve, fetcher, fake_time):
    server = serve({THREAD: HTML, THREAD_2: HTML})
    f = fetcher(delay=2.5)
    f.fetch(server.url(THREAD))
    assert fake_time.sleeps == []
    f.fetch(server.url(THREAD_2))
    assert fake_time.sleeps == [2.5]
    fake_time.now += 1.0  # the caller spent a second on parsing
    f.fetch(server.url(THREAD))
    assert fake_time.sleeps == [2.5, 1.5]


def test_delay_is_per_host(serve, fetcher, fake_time):
    first, second = serve({THREAD: HTML}), serve({THREAD: HTML})
    f = fetcher(delay=3.0)
    f.fetch(first.url(THREAD))
    f.fetch(second.url(THREAD))  # same host, another port: still one machine to be nice to
    assert fake_time.sleeps == [3.0]


def test_delay_not_shared_between_hosts(fetcher, fake_time):
    mock = httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(200)))
    with mock:
        f = fetcher(mock, delay=3.0)
        f.fetch("https://a.example.cn/forum.php")
        f.fetch("https://b.example.cn/forum.php")
        f.fetch("https://a.example.cn/forum.php")
    assert fake_time.sleeps == [3.0]


# --- robots.txt -----------------------------------------------------------------------------


def robots(text: str) -> Reply:
    return page(text, content_type=TEXT)


def test_robots_disallow_refuses(serve, fetcher):
    server = serve(
        {"/robots.txt": robots("User-agent: *\nDisallow: /bbs/forum.php\n"), THREAD: HTML}
    )
    f = fetcher(ignore_robots=False)
    for _ in range(2):
        with pytest.raises(FetchError) as info:
            f.fetch(server.url(THREAD))
        assert "robots.txt forbids" in str(info.value)
        assert "--ignore-robots" in str(info.value)
    assert server.requests == gets("/robots.txt")  # read once per host, page never asked for


def test_robots_rule_for_our_agent(serve, fetcher):
    rules = "User-agent: discuz-archiver\nDisallow: /\n\nUser-agent: *\nDisallow:\n"
    server = serve({"/robots.txt": robots(rules), THREAD: HTML})
    with pytest.raises(FetchError, match="robots.txt forbids"):
        fetcher(ignore_robots=False).fetch(server.url(THREAD))


def test_robots_allows_other_paths(serve, fetcher, fake_time):
    rules = "User-agent: *\nDisallow: /bbs/forum.php?mod=redirect\nDisallow: /admin.php\n"
    server = serve({"/robots.txt": robots(rules), THREAD: HTML, THREAD_2: HTML})
    f = fetcher(ignore_robots=False)
    f.fetch(server.url(THREAD))
    f.fetch(server.url(THREAD_2))
    assert server.requests == gets("/robots.txt", THREAD, THREAD_2)
    assert fake_time.sleeps == [1.0, 1.0]  # robots.txt is a request to the host too


def test_ignore_robots_never_reads_it(serve, fetcher):
    server = serve({"/robots.txt": robots("User-agent: *\nDisallow: /\n"), THREAD: HTML})
    assert fetcher(ignore_robots=True).fetch(server.url(THREAD)).status == 200
    assert server.requests == gets(THREAD)


@pytest.mark.parametrize("status", [404, 403, 401, 410])
def test_missing_robots_allows_everything(serve, fetcher, status):
    server = serve({"/robots.txt": page("", status=status), THREAD: HTML})
    assert fetcher(ignore_robots=False).fetch(server.url(THREAD)).status == 200
    assert server.requests == gets("/robots.txt", THREAD)


def test_robots_404_without_route(serve, fetcher):
    server = serve({THREAD: HTML})
    assert fetcher(ignore_robots=False).fetch(server.url(THREAD)).status == 200
    assert server.requests == gets("/robots.txt", THREAD)


def test_robots_server_error_refuses(serve, fetcher):
    server = serve({"/robots.txt": page("", status=500), THREAD: HTML})
    with pytest.raises(HTTPStatusError, match="cannot read robots.txt.*--ignore-robots"):
        fetcher(ignore_robots=False, retries=1).fetch(server.url(THREAD))
    assert server.requests == gets("/robots.txt", "/robots.txt")


def test_robots_that_cannot_be_read_is_not_asked_again_for_a_while(serve, fetcher, fake_time):
    """RFC 9309: unreachable means disallow. One run asks again only after RETRY_FAILED_AFTER,
    not once per URL of the host (a thread's every picture used to ask it again)."""
    server = serve({"/robots.txt": page("", status=503), THREAD: HTML, THREAD_2: HTML})
    f = fetcher(ignore_robots=False, retries=1)
    for url in (THREAD, THREAD_2, THREAD):
        with pytest.raises(HTTPStatusError, match="cannot read robots.txt.*HTTP 503") as info:
            f.fetch(server.url(url))
        assert info.value.source == server.url("/robots.txt")
        assert info.value.status == 503
    assert server.requests == gets("/robots.txt", "/robots.txt")  # the first read and its retry
    fake_time.now += RETRY_FAILED_AFTER
    with pytest.raises(HTTPStatusError, match="cannot read robots.txt"):
        f.fetch(server.url(THREAD_2))
    assert server.requests == gets(*["/robots.txt"] * 4)  # asked again, with its retry


def test_robots_read_after_a_failure_is_kept(fetcher, fake_time):
    answers = iter([503, 200])
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.path)
        if request.url.path == "/robots.txt":
            status = next(answers)
            return httpx.Response(status, text="User-agent: *\nDisallow: /no/\n")
        return httpx.Response(200, text=HTML)

    with httpx.Client(transport=httpx.MockTransport(handler)) as mock:
        f = fetcher(mock, ignore_robots=False, retries=0)
        with pytest.raises(HTTPStatusError):
            f.fetch("https://a.example.cn/forum.php")
        fake_time.now += RETRY_FAILED_AFTER
        assert f.fetch("https://a.example.cn/forum.php").status == 200
        with pytest.raises(FetchError, match="robots.txt forbids"):
            f.fetch("https://a.example.cn/no/x.php")
        fake_time.now += 10 * RETRY_FAILED_AFTER  # rules read are kept for the run
        assert f.fetch("https://a.example.cn/forum.php?x=2").status == 200
    assert asked == ["/robots.txt", "/robots.txt", "/forum.php", "/forum.php"]


def test_robots_checked_after_redirect(serve, fetcher):
    rules = "User-agent: *\nDisallow: /bbs/forum.php?mod=viewthread&tid=2\n"
    tid2 = "/bbs/forum.php?mod=viewthread&tid=2&page=1"
    server = serve({"/robots.txt": robots(rules), THREAD: redirect(tid2), tid2: HTML})
    with pytest.raises(FetchError, match="robots.txt forbids"):
        fetcher(ignore_robots=False).fetch(server.url(THREAD))
    assert server.requests == gets("/robots.txt", THREAD)


# --- redirects ------------------------------------------------------------------------------


def test_redirect_within_site_followed(serve, fetcher):
    rewritten = "/bbs/thread-1-1-1.html"
    server = serve({rewritten: redirect(THREAD, 301), THREAD: HTML})
    got = fetcher().fetch(server.url(rewritten))
    assert got.source == server.url(rewritten)
    assert got.url == server.url(THREAD)
    assert got.content == HTML.encode()
    assert server.requests == gets(rewritten, THREAD)


def test_relative_redirect_chain(serve, fetcher):
    server = serve(
        {
            "/bbs/a": redirect("b", 302),
            "/bbs/b": redirect("/bbs/c", 307),
            "/bbs/c": redirect(THREAD, 308),
            THREAD: HTML,
        }
    )
    got = fetcher().fetch(server.url("/bbs/a"))
    assert got.url == server.url(THREAD)
    assert server.requests == gets("/bbs/a", "/bbs/b", "/bbs/c", THREAD)


def test_redirect_to_other_host_refused(serve, fetcher):
    server = serve({THREAD: redirect("http://other.invalid/forum.php?mod=viewthread&tid=1")})
    with pytest.raises(FetchError) as info:
        fetcher().fetch(server.url(THREAD))
    assert "another site" in str(info.value)
    assert "other.invalid" in str(info.value)
    assert server.requests == gets(THREAD)


def test_redirect_to_other_port_refused(serve, fetcher):
    other = serve({THREAD: HTML})
    server = serve({THREAD: redirect(other.url(THREAD))})
    with pytest.raises(FetchError, match="another site"):
        fetcher().fetch(server.url(THREAD))
    assert other.requests == []


def test_redirect_loop_refused(serve, fetcher):
    server = serve({"/bbs/a": redirect("/bbs/b"), "/bbs/b": redirect("/bbs/a")})
    with pytest.raises(FetchError, match="redirect loop"):
        fetcher().fetch(server.url("/bbs/a"))
    assert server.requests == gets("/bbs/a", "/bbs/b")


def test_too_many_redirects_refused(serve, fetcher):
    routes = {f"/r{n}": redirect(f"/r{n + 1}") for n in range(10)}
    server = serve(routes)
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetcher().fetch(server.url("/r0"))
    assert server.requests == gets(*(f"/r{n}" for n in range(6)))


def test_redirect_without_location(serve, fetcher):
    server = serve({THREAD: page("", status=302)})
    with pytest.raises(HTTPStatusError, match="without a Location"):
        fetcher().fetch(server.url(THREAD))


def test_https_upgrade_allowed(fetcher):
    def handler(request):
        if request.url.scheme == "http":
            return httpx.Response(301, headers={"Location": "https://bbs.example.cn/x"})
        return httpx.Response(200, content=b"secure")

    with make_client(transport=httpx.MockTransport(handler)) as c:
        got = fetcher(c).fetch("http://bbs.example.cn/x")
    assert (got.url, got.content) == ("https://bbs.example.cn/x", b"secure")


# --- size cap -------------------------------------------------------------------------------


def test_response_over_max_bytes_refused(serve, fetcher):
    server = serve({THREAD: page(b"x" * 2000)})
    with pytest.raises(FetchError, match="larger than 1,000 bytes"):
        fetcher(max_bytes=1000).fetch(server.url(THREAD))
    assert server.count(THREAD) == 1  # not retried


def test_chunked_response_over_max_bytes_refused(serve, fetcher):
    server = serve({THREAD: page(b"x" * 20_000, chunked=True)})
    with pytest.raises(FetchError, match="larger than 10,000 bytes"):
        fetcher(max_bytes=10_000).fetch(server.url(THREAD))


def test_response_at_max_bytes_accepted(serve, fetcher):
    server = serve({THREAD: page(b"x" * 1000, chunked=True)})
    assert len(fetcher(max_bytes=1000).fetch(server.url(THREAD)).content) == 1000


def test_gzip_bomb_refused(serve, fetcher):
    bomb = gzip.compress(b"\0" * 5_000_000)
    assert len(bomb) < 100_000
    server = serve({THREAD: page(bomb, headers={"Content-Encoding": "gzip"})})
    with pytest.raises(FetchError, match="larger than 100,000 bytes"):
        fetcher(max_bytes=100_000).fetch(server.url(THREAD))


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["ftp://bbs.example.cn/x", "bbs.example.cn/x", "http://"])
def test_unfetchable_urls(fetcher, url):
    with pytest.raises(FetchError):
        fetcher().fetch(url)


@pytest.mark.parametrize(
    "kwargs", [{"delay": -1.0}, {"retries": -1}, {"max_bytes": 0}], ids=["delay", "retries", "max"]
)
def test_fetcher_rejects_bad_settings(client, kwargs):
    with pytest.raises(ValueError):
        Fetcher(client, **kwargs)


# --- cookies --------------------------------------------------------------------------------

COOKIES_TXT = f"""# Netscape HTTP Cookie File
# https://curl.se/docs/http-cookies.html

.example.cn\tTRUE\t/\tFALSE\t4102444800\tcdb_auth\t{SECRET}
#HttpOnly_bbs.example.cn\tFALSE\t/\tTRUE\t0\tcdb_sid\tabc123
bbs.example.cn\tFALSE\t/bbs/\tFALSE\t0\tempty\t
"""


def write_private(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


def by_name(cookies: httpx.Cookies) -> dict[str, http.cookiejar.Cookie]:
    return {cookie.name: cookie for cookie in cookies.jar}


def test_load_cookies(tmp_path):
    cookies = load_cookies(write_private(tmp_path / "cookies.txt", COOKIES_TXT))
    found = by_name(cookies)
    assert set(found) == {"cdb_auth", "cdb_sid", "empty"}
    auth, sid, empty = found["cdb_auth"], found["cdb_sid"], found["empty"]
    assert (auth.domain, auth.path, auth.value, auth.secure) == (".example.cn", "/", SECRET, False)
    assert auth.expires == 4102444800
    assert (sid.domain, sid.value, sid.secure, sid.expires) == (
        "bbs.example.cn",
        "abc123",
        True,
        None,
    )
    assert sid.has_nonstandard_attr("HttpOnly")
    assert (empty.path, empty.value) == ("/bbs/", "")


def test_loaded_cookies_are_sent(serve, fetcher, tmp_path):
    server = serve({THREAD: HTML})
    txt = (
        f"127.0.0.1\tFALSE\t/\tFALSE\t0\tauth\t{SECRET}\n"
        "#HttpOnly_127.0.0.1\tFALSE\t/\tFALSE\t0\tsid\tx\n"
    )
    cookies = load_cookies(write_private(tmp_path / "cookies.txt", txt))
    with make_client(cookies=cookies, timeout=5.0) as c:
        fetcher(c).fetch(server.url(THREAD))
    sent = sorted(server.request_headers[0]["cookie"].split("; "))
    assert sent == [f"auth={SECRET}", "sid=x"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604])
def test_load_cookies_reads_readable_file_with_a_warning(tmp_path, mode, caplog):
    path = write_private(tmp_path / "cookies.txt", COOKIES_TXT)
    path.chmod(mode)  # as browser extensions save it
    assert len(load_cookies(path).jar) > 0
    [warning] = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert "readable by other users" in warning and "chmod 600" in warning
    assert SECRET not in warning


def test_load_cookies_folder_and_unreadable_file(tmp_path):
    with pytest.raises(InputError, match="is a folder, not a cookies file"):
        load_cookies(tmp_path)
    path = write_private(tmp_path / "cookies.txt", COOKIES_TXT)
    path.chmod(0)
    if os.access(path, os.R_OK):
        pytest.skip("running as root: every file is readable")
    with pytest.raises(InputError, match="permission denied"):
        load_cookies(path)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        (f"example.cn\tTRUE\t/\tFALSE\t{SECRET}\n", "line 1: expected 7 tab-separated fields"),
        (f"# c\nexample.cn\tTRUE\t/\tFALSE\tnever\tauth\t{SECRET}\n", "line 2: the expiry"),
        (f"example.cn TRUE / FALSE 0 auth {SECRET}\n", "line 1: expected 7"),
        ("# Netscape HTTP Cookie File\n\n", "no cookies found"),
    ],
)
def test_load_cookies_rejects_bad_files(tmp_path, text, match):
    path = write_private(tmp_path / "cookies.txt", text)
    with pytest.raises(InputError, match=match) as info:
        load_cookies(path)
    assert SECRET not in str(info.value)
    assert "\n" not in str(info.value)


def test_load_cookies_missing_file(tmp_path):
    with pytest.raises(InputError, match="cannot read the cookies file"):
        load_cookies(tmp_path / "nope.txt")


def test_load_cookies_warns_when_expired(tmp_path, caplog):
    path = write_private(tmp_path / "c.txt", f"example.cn\tTRUE\t/\tFALSE\t1000\tauth\t{SECRET}\n")
    load_cookies(path)
    assert "1 of 1 cookies have expired" in caplog.text
    assert SECRET not in caplog.text


@pytest.mark.parametrize(
    ("header", "domain", "expected"),
    [
        ("a=b; c=d", "bbs.example.cn", {"a": "b", "c": "d"}),
        (" a = b ;; c=d=e; ", "bbs.example.cn", {"a": "b", "c": "d=e"}),
        ("Cookie: a=b", "bbs.example.cn", {"a": "b"}),
        ("a=", "bbs.example.cn", {"a": ""}),
    ],
)
def test_parse_cookie_header(header, domain, expected):
    cookies = parse_cookie_header(header, domain)
    assert {cookie.name: cookie.value for cookie in cookies.jar} == expected
    assert {cookie.domain for cookie in cookies.jar} == {"bbs.example.cn"}


@pytest.mark.parametrize(
    ("domain", "host"),
    [
        ("BBS.Example.CN", "bbs.example.cn"),
        ("bbs.example.cn:8080", "bbs.example.cn"),
        ("bbs.example.cn/bbs", "bbs.example.cn"),
        ("[::1]:8080", "::1"),
    ],
)
def test_parse_cookie_header_domain(domain, host):
    [cookie] = parse_cookie_header("a=b", domain).jar
    assert cookie.domain == host


@pytest.mark.parametrize("header", [f"auth{SECRET}", f"a=b; {SECRET}", "", " ; ", f"={SECRET}"])
def test_parse_cookie_header_rejects(header):
    with pytest.raises(InputError, match="--cookie") as info:
        parse_cookie_header(header, "bbs.example.cn")
    assert SECRET not in str(info.value)


def test_cookie_values_never_in_errors_or_logs(serve, fetcher, caplog):
    server = serve(
        {
            "/robots.txt": robots("User-agent: *\nDisallow: /bbs/private\n"),
            "/bbs/private": HTML,
            "/bbs/busy": page("", status=503),
            "/bbs/away": redirect("http://other.invalid/"),
            "/bbs/big": page(b"x" * 2000),
        }
    )
    cookies = parse_cookie_header(f"auth={SECRET}", "127.0.0.1")
    messages = []
    with make_client(cookies=cookies, timeout=5.0) as c, caplog.at_level(logging.DEBUG):
        f = fetcher(c, ignore_robots=False, retries=1, max_bytes=1000)
        for path in ("/bbs/private", "/bbs/busy", "/bbs/away", "/bbs/big"):
            with pytest.raises(FetchError) as info:
                f.fetch(server.url(path))
            messages.append(str(info.value))
    assert all(SECRET not in message for message in messages)
    assert SECRET not in caplog.text
    assert server.request_headers[1]["cookie"] == f"auth={SECRET}"  # it was sent, though


def test_bad_cookie_value_error_does_not_leak(serve, fetcher):
    server = serve({THREAD: HTML})
    cookies = parse_cookie_header(f"auth={SECRET}\r\nX-Injected: 1", "127.0.0.1")
    with make_client(cookies=cookies, timeout=5.0) as c:
        with pytest.raises(FetchError) as info:
            fetcher(c).fetch(server.url(THREAD))
    assert SECRET not in str(info.value)
    assert info.value.__cause__ is None and info.value.__suppress_context__
    assert server.requests == []


# --- what other senders (media) ask through the fetcher -------------------------------------


def test_a_request_through_another_sender_is_polite_and_asks_robots_through_its_own(
    fetcher, fake_time
):
    """Fetcher.request: robots.txt once an origin, read by the `robots` sender; the host's
    delay; a redirect handed back unfollowed."""
    sent: list[tuple[str, str]] = []

    def sender(name, status=200, body=b""):
        def send(url):
            sent.append((name, str(url)))
            headers = httpx.Headers({"location": "/elsewhere"} if status == 302 else {})
            return Response(url, status, headers, None, body, 0, None)

        return send

    robots = sender("robots", body=b"User-agent: *\nDisallow: /private/\n")
    polite = fetcher(ignore_robots=False, delay=2.0)
    got = polite.request(httpx.URL("http://h.example/a.png"), sender("media"), 0, robots)
    assert got.status == 200
    again = polite.request(httpx.URL("http://h.example/b.png"), sender("media", 302), 0, robots)
    assert (again.status, again.headers["location"]) == (302, "/elsewhere")
    with pytest.raises(FetchError, match="robots.txt forbids"):
        polite.request(httpx.URL("http://h.example/private/c.png"), sender("media"), 0, robots)
    assert sent == [
        ("robots", "http://h.example/robots.txt"),
        ("media", "http://h.example/a.png"),
        ("media", "http://h.example/b.png"),
    ]
    assert fake_time.sleeps == [2.0, 2.0]  # the host's delay before each after the first


def test_stamp_gives_the_answer_time_and_records_it_with_warc(fetcher):
    when = dt.datetime(2026, 12, 5, 4, 0, tzinfo=dt.timezone.utc)
    records = []

    class Recorder:
        def record(self, request, response, content, at):
            records.append((str(request.url), response.status_code, content, at))

    request = httpx.Request("GET", "http://h.example/a.png")
    response = httpx.Response(200, request=request)
    assert fetcher(now=lambda: when).stamp(request, response, b"png") == when
    assert records == []
    assert fetcher(now=lambda: when, recorder=Recorder()).stamp(request, response, b"png") == when
    assert records == [("http://h.example/a.png", 200, b"png", when)]


def test_media_asks_through_the_fetchers_public_parts_only():
    """fetch/media.py uses no private attribute of the Fetcher (`fetcher._…`)."""
    source = (Path(__file__).parent.parent / "archiver" / "fetch" / "media.py").read_text()
    assert re.findall(r"fetcher\._\w+", source) == []

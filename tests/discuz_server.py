"""A small Discuz-like HTTP server for tests: canned replies per path, in a background thread.

    server = start_server({
        "/robots.txt": page("User-agent: *\\nDisallow: /admin.php\\n", content_type="text/plain"),
        "/bbs/forum.php?mod=viewthread&tid=1&page=1": [page("busy", status=503), page(html)],
        "/bbs/thread-1-1-1.html": redirect("/bbs/forum.php?mod=viewthread&tid=1&page=1"),
    })
    try:
        ... server.url("/bbs/thread-1-1-1.html") ...
        assert server.count("/bbs/forum.php?mod=viewthread&tid=1&page=1") == 2
    finally:
        server.stop()

Routes match the request's path and query exactly (query order as given). A route is a Reply,
bytes or str (a 200 HTML page), or a list of those served one per request, the last one
repeating. Unknown paths, robots.txt included, get a 404. It listens on 127.0.0.1 only.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Reply:
    """One canned answer; `action` is "respond", "drop" (close unanswered) or "slow"."""

    body: bytes = b""
    status: int = 200
    content_type: str = HTML
    headers: tuple[tuple[str, str], ...] = ()
    action: str = "respond"
    seconds: float = 0.0  # how long "slow" waits before answering
    chunked: bool = False  # send without Content-Length


@dataclass(frozen=True)
class Gate:
    """Serve `members` to a request whose Cookie header holds `cookie`, else `guests`."""

    cookie: str
    members: Reply | bytes | str
    guests: Reply | bytes | str


Route = Reply | bytes | str | Gate | Sequence[Reply | bytes | str]


def page(
    body: bytes | str = b"",
    *,
    status: int = 200,
    content_type: str = HTML,
    headers: Mapping[str, str] | Sequence[tuple[str, str]] = (),
    chunked: bool = False,
) -> Reply:
    """A normal answer; str bodies are sent as UTF-8."""
    data = body.encode() if isinstance(body, str) else body
    pairs = tuple(headers.items()) if isinstance(headers, Mapping) else tuple(headers)
    return Reply(data, status, content_type, pairs, chunked=chunked)


def drop() -> Reply:
    """Read the request, then close the connection without answering."""
    return Reply(action="drop")


def slow(seconds: float, then: Reply | None = None) -> Reply:
    """Wait `seconds` (longer than the client's timeout) before answering with `then`."""
    reply = then or page("<html>late</html>")
    return replace(reply, action="slow", seconds=seconds)


def redirect(location: str, status: int = 302) -> Reply:
    """A redirect to `location` (relative or absolute)."""
    return page(b"", status=status, headers={"Location": location})


NOT_FOUND = page("<html>404 Not Found</html>", status=404)


class _Route:
    """The replies of one path, handed out one per request; the last one repeats."""

    def __init__(self, spec: Route) -> None:
        self._gate = spec if isinstance(spec, Gate) else None
        items = [spec] if isinstance(spec, (Reply, bytes, str, Gate)) else list(spec)
        self._replies = [
            item if isinstance(item, Reply) else page(item)
            for item in items
            if not isinstance(item, Gate)
        ]
        if not self._replies and self._gate is None:
            raise ValueError("a route needs at least one reply")

    def next(self, headers: dict[str, str]) -> Reply:
        if self._gate is not None:
            member = self._gate.cookie in headers.get("cookie", "")
            chosen = self._gate.members if member else self._gate.guests
            return chosen if isinstance(chosen, Reply) else page(chosen)
        return self._replies.pop(0) if len(self._replies) > 1 else self._replies[0]


class DiscuzServer:
    """The running server: its base URL, the requests it saw, and stop()."""

    def __init__(self, routes: Mapping[str, Route]) -> None:
        self._routes = {path: _Route(spec) for path, spec in routes.items()}
        self._lock = threading.Lock()
        self.stopping = threading.Event()
        self.requests: list[tuple[str, str]] = []  # (method, path with query)
        self.request_headers: list[dict[str, str]] = []  # lowercased names, same order
        self.request_times: list[float] = []  # time.monotonic() on arrival, same order
        self._httpd = _HTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.app = self
        self.base_url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self._thread.start()

    def route(self, path: str, spec: Route) -> None:
        """Add or replace a route while serving (a thread that grows between runs)."""
        with self._lock:
            self._routes[path] = _Route(spec)

    def url(self, path: str) -> str:
        """The absolute URL of a path on this server."""
        return self.base_url + path

    def count(self, path: str, method: str = "GET") -> int:
        """How many requests this path (with query) received."""
        with self._lock:
            return self.requests.count((method, path))

    def reply_for(self, method: str, path: str, headers: dict[str, str]) -> Reply:
        """Record a request and pick its reply."""
        with self._lock:
            self.requests.append((method, path))
            self.request_headers.append(headers)
            self.request_times.append(time.monotonic())
            route = self._routes.get(path)
            return route.next(headers) if route else NOT_FOUND

    def stop(self) -> None:
        """Stop serving and release slow handlers; idempotent."""
        if self.stopping.is_set():
            return
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> DiscuzServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_server(routes: Mapping[str, Route]) -> DiscuzServer:
    """Start a server for `routes` on an ephemeral port of 127.0.0.1."""
    return DiscuzServer(routes)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    app: DiscuzServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet when a client hangs up (timeouts, drops); report anything else."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real forums do
    timeout = 10  # idle keep-alive connections end by themselves
    server: _HTTPServer

    def do_GET(self) -> None:
        self._answer()

    def do_HEAD(self) -> None:
        self._answer()

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output clean."""

    def _answer(self) -> None:
        app = self.server.app
        headers = {name.lower(): value for name, value in self.headers.items()}
        reply = app.reply_for(self.command, self.path, headers)
        if reply.action == "drop":
            self.close_connection = True
            return
        if reply.action == "slow" and app.stopping.wait(reply.seconds):
            self.close_connection = True
            return
        self._send(reply)

    def _send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        for name, value in reply.headers:
            self.send_header(name, value)
        if reply.chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if self.command == "HEAD":
            return
        if not reply.chunked:
            self.wfile.write(reply.body)
            return
        for start in range(0, len(reply.body), 4096):
            chunk = reply.body[start : start + 4096]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        self.wfile.write(b"0\r\n\r\n")

"""An anti-bot service's check page instead of the thread: named, not retried, and the advice is
the browser's cookies and User-Agent (the pages here are written for these tests)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from archiver.cli.main import app
from archiver.sniff import bot_check

from .discuz_server import page, start_server
from .pagegen import thread_page

CLOUDFLARE = """<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
<meta http-equiv="refresh" content="390"></head><body><div class="main-wrapper" role="main">
<noscript>Enable JavaScript and cookies to continue</noscript></div>
<script>(function(){window._cf_chl_opt={cvId: '3',cType: 'managed'};var a=document.createElement(
'script');a.src='/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1';document.head.
appendChild(a);}());</script></body></html>"""
YUNSUO = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>
<body><script type="text/javascript">function YunSuoAutoJump(){ var width =screen.width;
var height=screen.height; var screendate = width + "," + height; var curlocation =
window.location.href; if(-1 == curlocation.indexOf("security_verify_")) { document.cookie=
"srcurl=" + stringToHex(window.location.href) + ";path=/;"; } self.location =
"/forum.php?security_verify_data=" + stringToHex(screendate); }</script>
<script>setTimeout("YunSuoAutoJump()", 50);</script></body></html>"""
runner = CliRunner()


@pytest.mark.parametrize(
    "body, name",
    [(CLOUDFLARE, "Cloudflare"), (YUNSUO, "云锁 (Yunsuo)"), (YUNSUO.encode(), "云锁 (Yunsuo)")],
)
def test_bot_check_pages_are_named(body, name):
    assert bot_check(body) == name


def test_a_discuz_page_is_no_bot_check():
    assert bot_check(thread_page(tid=1, page=1, pages=1, posts_per_page=5)) is None


def test_a_503_bot_check_is_named_and_not_asked_again(tmp_path):
    path = "/forum.php?mod=viewthread&tid=5&page=1"
    with start_server({path: page(CLOUDFLARE, status=503)}) as server:
        args = ["archive", server.url(path), "--db", str(tmp_path / "a.db"), "--delay", "0"]
        result = runner.invoke(app, args)
        asked = server.count(path)
    assert result.exit_code == 7, result.stderr
    assert "HTTP 503 Service Unavailable (the site answered with Cloudflare's bot check" in (
        result.stderr
    )
    assert "--cookies" in result.stderr and "--user-agent" in result.stderr
    assert asked == 1  # retrying would only be shown the check again


def test_a_saved_bot_check_page_says_so(tmp_path):
    saved = tmp_path / "thread.html"
    saved.write_text(YUNSUO, "utf-8")
    result = runner.invoke(app, ["archive", str(saved), "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 3, result.stderr
    assert "the site answered with 云锁 (Yunsuo)'s bot check, not the page" in result.stderr


def test_a_403_bot_check_is_named_too(tmp_path):
    """A 403 is a status Discuz explains in a page; a bot check's 403 is not Discuz's."""
    path = "/forum.php?mod=viewthread&tid=6&page=1"
    with start_server({path: page(CLOUDFLARE, status=403)}) as server:
        args = ["archive", server.url(path), "--db", str(tmp_path / "a.db"), "--delay", "0"]
        result = runner.invoke(app, args)
    assert result.exit_code == 7, result.stderr
    assert "HTTP 403: the site answered with Cloudflare's bot check, not the page;" in (
        result.stderr
    )

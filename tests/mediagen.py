"""A thread whose posts carry every kind of media, served by two local servers.

    forum, cdn = start_server({}), start_server({})
    thread = MediaThread(forum, cdn)   # adds the routes to both servers
    thread.url                          # page 1 of tid 900 on the forum

The forum shows, post by post (floor: what):
 1 PNG attachment image behind none.gif (zoomfile / file), the shared image, a smiley
 2 JPEG attachment image, the shared image
 3 GIF attachment image, the shared image, the same smiley
 4 an external [img] on the second host (the CDN server)
 5 an attachment image the forum answers 404 for
 6 an attachment file link (forum.php?mod=attachment) answered by a Discuz login page
 7 an attachment image larger than the cap the tests set (--max-media-size 4K)
 8 an attachment image that redirects to the CDN server
"""

from __future__ import annotations

import re
from pathlib import Path

from .discuz_server import DiscuzServer, page, redirect, slow
from .pagegen import thread_page

MEDIA = Path(__file__).resolve().parent.parent / "fixtures" / "media"
TID = 900
CAP = "4K"
BIG = bytes(MEDIA.joinpath("photo.png").read_bytes()[:33]) + b"\x00" * 6000  # a PNG over 4K

_ATTACH = "data/attachment/forum/202503/15/"
SMILEY = "static/image/smiley/default/smile.gif"
LOGIN_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>提示信息 - 测试论坛 -  Powered by Discuz!</title></head><body>
<div id="ct" class="wp cl w"><div class="nfl" id="main_message"><div class="f_c altw">
<div id="messagetext" class="alert_info"><p>抱歉，您尚未登录，无法进行此操作</p></div>
<div id="messagelogin"></div></div></div></div></body></html>"""


def attachment_image(aid: int, path: str, name: str) -> str:
    """An [attach] image as X3.4 renders it for a guest: none.gif until zoom loads `file`."""
    return (
        f'<ignore_js_op><img id="aimg_{aid}" aid="{aid}" src="static/image/common/none.gif" '
        f'zoomfile="{path}" file="{path}" class="zoom" width="300" inpost="1" '
        f'alt="{name}" title="{name}" /></ignore_js_op>'
    )


def smiley() -> str:
    return f'<img src="{SMILEY}" smilieid="1" border="0" alt="" />'


class MediaThread:
    """The thread's routes on a forum server and a CDN server, and the bytes each serves."""

    def __init__(
        self, forum: DiscuzServer, cdn: DiscuzServer, *, extra: int = 0, wait: float = 0.0
    ) -> None:
        """`extra` more posts with a picture each (a media-heavy thread); media answers
        after `wait` seconds each."""
        self.forum, self.cdn = forum, cdn
        base = forum.url("/")
        self.url = forum.url(f"/forum.php?mod=viewthread&tid={TID}&page=1")
        files = {
            "png": _ATTACH + "a1.png", "jpg": _ATTACH + "a2.jpg", "gif": _ATTACH + "a3.gif",
            "shared": _ATTACH + "shared.png", "gone": _ATTACH + "gone.jpg",
            "big": _ATTACH + "big.png", "moved": _ATTACH + "moved.jpg",
        }  # fmt: skip
        self.external = cdn.url("/img/external.png")
        self.moved_to = cdn.url("/cdn/moved.jpg")
        self.attachment = base + "forum.php?mod=attachment&aid=QUlEfDk5OQ"
        self.bytes = {  # URL as shown -> what the servers answer with
            base + files["png"]: MEDIA.joinpath("photo.png").read_bytes(),
            base + files["jpg"]: MEDIA.joinpath("photo.jpg").read_bytes(),
            base + files["gif"]: MEDIA.joinpath("anim.gif").read_bytes(),
            base + files["shared"]: MEDIA.joinpath("shared.png").read_bytes(),
            base + SMILEY: MEDIA.joinpath("smile.gif").read_bytes(),
            self.external: MEDIA.joinpath("external.png").read_bytes(),
            base + files["moved"]: MEDIA.joinpath("moved.jpg").read_bytes(),
        }  # fmt: skip
        self.missing = base + files["gone"]
        self.big = base + files["big"]
        self.moved = base + files["moved"]
        shared = attachment_image(10, files["shared"], "shared.png")
        bodies = [
            f"PNG {attachment_image(1, files['png'], 'a1.png')} {shared} {smiley()}",
            f"JPEG {attachment_image(2, files['jpg'], 'a2.jpg')} {shared}",
            f"GIF {attachment_image(3, files['gif'], 'a3.gif')} {shared} {smiley()}",
            f'外链 <img src="{self.external}" border="0" alt="" />',
            f"404 {attachment_image(5, files['gone'], 'gone.jpg')}",
            '附件 <ignore_js_op><span id="attach_6"><a href="forum.php?mod=attachment&amp;'
            'aid=QUlEfDk5OQ" target="_blank">notes.zip</a></span>'
            '<em class="xg1">(1.2 KB, 下载次数: 3)</em></ignore_js_op>',
            f"大图 {attachment_image(7, files['big'], 'big.png')}",
            f"跳转 {attachment_image(8, files['moved'], 'moved.jpg')}",
        ]
        photo = MEDIA.joinpath("photo.png").read_bytes()
        for number in range(extra):  # distinct bytes: a valid PNG with a few trailing bytes
            path = f"{_ATTACH}x{number}.png"
            self.bytes[base + path] = photo + f"#{number}".encode()
            bodies.append(f"第 {number} 张 {attachment_image(100 + number, path, 'x.png')}")
        html = thread_page(tid=TID, page=1, pages=1, posts_per_page=len(bodies), base=base)
        self.html = _with_bodies(html.decode("utf-8"), bodies).encode("utf-8")
        self.path = f"/forum.php?mod=viewthread&tid={TID}&page=1"
        forum.route(self.path, page(self.html))
        answer = (lambda reply: slow(wait, then=reply)) if wait else (lambda reply: reply)
        for url, data in self.bytes.items():
            if url != base + files["moved"] and url.startswith(base):
                reply = page(data, content_type="image/x-anything")
                forum.route("/" + url[len(base) :], answer(reply))
        forum.route("/" + files["moved"], redirect(self.moved_to))
        forum.route("/" + files["big"], page(BIG, content_type="image/png"))
        forum.route("/forum.php?mod=attachment&aid=QUlEfDk5OQ", page(LOGIN_PAGE))
        cdn.route("/img/external.png", page(self.bytes[self.external], content_type="image/png"))
        cdn.route("/cdn/moved.jpg", page(self.bytes[self.moved], content_type="image/jpeg"))

    def media_paths(self) -> set[str]:
        """Every path either server serves for media (not pages, not robots.txt)."""
        return {
            "/" + url.split("/", 3)[3]
            for url in [*self.bytes, self.missing, self.big, self.attachment, self.moved_to]
        }

    def media_requests(self) -> list[tuple[str, float, str]]:
        """(server, time, path) of every media request either server saw, in time order."""
        paths = self.media_paths()
        seen = []
        for name, server in (("forum", self.forum), ("cdn", self.cdn)):
            for (_, path), at in zip(server.requests, server.request_times, strict=True):
                if path in paths:
                    seen.append((name, at, path))
        return sorted(seen, key=lambda item: item[1])


_MESSAGE = re.compile(r'(<td class="t_f" id="postmessage_\d+">)(.*?)(</td>)', re.S)


def _with_bodies(html: str, bodies: list[str]) -> str:
    """The page with each post's message replaced by the next body, in order."""
    replacements = iter(bodies)
    return _MESSAGE.sub(lambda m: m.group(1) + "\n" + next(replacements) + m.group(3), html)

"""Mirrored saves built from fixture pages, with what each tool really adds or rewrites.

- `httrack`: HTTrack 3.x's copy: the `Mirrored from HOST/PATH by HTTrack Website Copier/3.x
  [XR&CO'2014], DATE` comment and its own `<!-- Added by HTTrack -->` content-type meta right
  after `<html>` (so the page has two content-type metas), and the site's scripts and
  stylesheets renamed to local files (`common.js?Ab9` -> `common4f2a.js`) as it mirrors them;
- `singlefile_inlined`: the SingleFile extension's default save: one UTF-8 file, its comment
  after the doctype, scripts removed, stylesheets inlined as `<style>`, the template's images as
  `data:` URIs, the charset meta rewritten to utf-8;
- `save_complete`: a browser's "Save Page As, Webpage, complete": NAME.html with the mark of the
  web `<!-- saved from url=(LEN)URL -->`, and its stylesheets, scripts and the template's
  images copied into NAME_files/ with the links rewritten to them.

Pictures of rows (avatars, attachments, smilies in messages) stay as the forum linked them:
a copy that inlines or renames those keeps no trace of their forum URL, so no reader could
give the original rows back.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from email.utils import format_datetime
from pathlib import Path

from .webarchives import singlefile

GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
_HTML_TAG = re.compile(rb"<html[^>]*>", re.I)
_ASSET = re.compile(rb'(href|src)="((?:data/cache|static/js)/[^"?]+?)\.(css|js)(?:\?[^"]*)?"')
_TEMPLATE_IMAGE = re.compile(rb'src="(static/+image/common/[^"]+)"')
_SCRIPT = re.compile(rb"<script\b.*?</script>", re.S | re.I)
_STYLESHEET = re.compile(rb"<link\b[^>]*rel=\"stylesheet\"[^>]*/?>", re.I)
_CHARSET_META = re.compile(rb"<meta http-equiv=\"Content-Type\"[^>]*>", re.I)


def httrack(url: str, html: bytes, date: dt.datetime, charset: str) -> bytes:
    """The page as HTTrack 3.x mirrors it (`charset`: what the server's header said)."""
    stamp = format_datetime(date.astimezone(dt.timezone.utc), usegmt=True)
    added = (
        f"\n\n<!-- Mirrored from {url.split('://', 1)[1]} by HTTrack Website Copier/3.x "
        f'[XR&CO\'2014], {stamp} -->\n<!-- Added by HTTrack --><meta http-equiv="content-type" '
        f'content="text/html;charset={charset}" /><!-- /Added by HTTrack -->\n'
    ).encode()
    renamed = _ASSET.sub(rb'\1="\g<2>4f2a.\3"', html)
    tag = _HTML_TAG.search(renamed)
    assert tag is not None
    return renamed[: tag.end()] + added + renamed[tag.end() :]


def singlefile_inlined(url: str, html: bytes, date: dt.datetime, charset: str) -> bytes:
    """SingleFile's default save of the page (given in `charset`), as UTF-8."""
    text = html.decode(charset).encode("utf-8")
    text = _SCRIPT.sub(b"", text)
    text = _STYLESHEET.sub(b"<style>.wp{margin:0 auto}.pls{width:160px}</style>", text)
    gif = b'src="data:image/gif;base64,' + base64.b64encode(GIF) + b'"'
    text = _TEMPLATE_IMAGE.sub(lambda _m: gif, text)
    text = _CHARSET_META.sub(b'<meta charset="utf-8">', text, count=1)
    return singlefile(url, text, date)


def save_complete(folder: Path, name: str, url: str, html: bytes) -> Path:
    """NAME.html and NAME_files/ as a browser writes them; returns the page's path."""
    files = folder / f"{name}_files"
    files.mkdir(parents=True)

    def local(match: re.Match[bytes]) -> bytes:
        target = Path(match.group(2).decode() + "." + match.group(3).decode()).name
        (files / target).write_bytes(b"/* saved */\n")
        return match.group(1) + f'="./{name}_files/{target}"'.encode()

    def image(match: re.Match[bytes]) -> bytes:
        target = Path(match.group(1).decode()).name
        (files / target).write_bytes(GIF)
        return f'src="./{name}_files/{target}"'.encode()

    text = _TEMPLATE_IMAGE.sub(image, _ASSET.sub(local, html))
    (files / "saved_resource.html").write_bytes(b"<html><body>an iframe</body></html>\n")
    mark = f"\r\n<!-- saved from url=({len(url):04d}){url} -->".encode()
    doctype, sep, rest = text.partition(b">")
    page = folder / f"{name}.html"
    page.write_bytes(doctype + sep + mark + rest)
    return page

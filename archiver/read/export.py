"""A thread as Markdown, JSON or one standalone HTML file that cannot run anything."""

from __future__ import annotations

import html
import json
from typing import Any

import nh3

from archiver.read.media import embed_images, file_href
from archiver.read.parts import LOADERS
from archiver.read.search import ThreadDoc
from archiver.read.shown import (
    edit_words,
    html_with_code,
    markdown_body,
    md_escape,
    reply_words,
    starter_badge,
    state_words,
    warning_words,
    when,
)
from archiver.read.specials import shown_subject, special_blocks, thread_marks

FORMAT = "discuz-archiver/thread"
VERSION = 1

# What archived HTML may keep (nh3's allowlist): other tags are unwrapped, their text kept;
# active content is removed whole; event handlers and non-HTTP URLs never pass.
_ALLOWED_TAGS = frozenset(
    "a abbr b blockquote br code del div em font h1 h2 h3 h4 h5 h6 hr i img li ol p pre q s "
    "small span strike strong sub sup table tbody td tfoot th thead tr u ul".split()
)
_DANGEROUS = frozenset(
    "script style iframe frame frameset object embed applet form input button textarea select "
    "option link meta base svg math template noscript audio video".split()
)
_ALLOWED_ATTRS = frozenset(
    "href src alt title width height colspan rowspan align color size face".split()
)
_SAFE_SCHEMES = frozenset({"http", "https"})  # relative URLs pass too
_LINK_REL = "nofollow noopener noreferrer"
_PARTS = tuple(LOADERS)  # poll, reward, … reply_reward, rush: ThreadDoc's fields of those names


def to_json(doc: ThreadDoc) -> str:
    """The thread, its posts and their authors as one document with stable field names."""
    return json.dumps(
        {
            "format": FORMAT,
            "version": VERSION,
            "thread": doc.thread,
            **{part: getattr(doc, part) for part in _PARTS},
            "posts": doc.posts,
            "text_posts": doc.text_posts,
        },  # fmt: skip
        ensure_ascii=False,
        indent=2,
    )


def to_markdown(doc: ThreadDoc) -> str:
    """Readable Markdown: a heading per floor, quotes as block quotes, images as links."""
    thread = doc.thread
    lines = [f"# {md_escape(shown_subject(thread))}", ""]
    path = " › ".join(md_escape(p) for p in thread.get("forum_path") or [])
    site, marks = md_escape(thread["site"]), md_escape(thread_marks(thread))
    lines.append(f"{site} · tid {thread['tid']}" + (f" · {path}" if path else "") + marks)
    if thread.get("views") is not None:
        lines.append(f"查看 {thread['views']} · 回复 {thread['replies']}")
    for _, block in special_blocks(doc):
        lines += ["", *(f"> {md_escape(line)}" for line in block)]
    for post in doc.posts:
        lines += ["", _post_heading(post), ""]
        for quote in post["quotes"]:
            who = md_escape(quote["quoted_author"] or "")
            lines.append(f"> {who} 发表于 {md_escape(quote['quoted_time_text'] or '')}".rstrip())
            lines += [f"> {md_escape(line)}" for line in (quote["text"] or "").splitlines()]
            lines.append("")
        words = state_words(post["state"])
        if words and not (post["body_text"] or "").strip():
            lines.append(f"*{md_escape(words)}*")
        lines += markdown_body(post["body_text"], post["body_html"])
        for item in post["attachments"]:
            lines.append(_markdown_item(item, doc))
    for post in doc.text_posts:
        lines += ["", _text_heading(post), ""]
        lines += [md_escape(line) for line in (post["body_text"] or "").splitlines()]
    return "\n".join(lines).rstrip() + "\n"


def _md_url(url: str | None) -> str:
    """A link target that can only be a web address (or nothing)."""
    text = (url or "").strip()
    if not text.lower().startswith(("http://", "https://")):
        return ""
    return text.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")


def _markdown_item(item: dict[str, Any], doc: ThreadDoc) -> str:
    """An image or file: the copy beside the Markdown file, else the URL (and why no copy)."""
    url = item["url"] or ""
    label = md_escape(item["filename"] or url)
    prefix = "!" if item["kind"] == "image" else ""
    if url in doc.media_paths:  # a relative path we wrote ourselves
        return f"{prefix}[{label}](<{doc.media_paths[url]}>)"
    row = doc.media.get(url)
    why = f" ({row['status']}: not in the archive)" if row and row["status"] != "saved" else ""
    return f"{prefix}[{label}](<{_md_url(url)}>){md_escape(why)}"


def text_author(post: dict[str, Any]) -> str:
    """A text-view post's author as shown: its name, (匿名) or (无作者)."""
    return post["author"] or ("(匿名)" if post["author_kind"] == "anonymous" else "(无作者)")


def _text_heading(post: dict[str, Any]) -> str:
    """A post read from the Archiver text view: floor, author, time, and where it came from."""
    parts = [
        f"## {post['floor'] or ''}",
        md_escape(text_author(post)),
        when(post),
        "(Archiver text view)",
        md_escape(state_words(post["state"])),
    ]
    return " · ".join(p for p in parts if p)


def _post_heading(post: dict[str, Any]) -> str:
    panel = post.get("author_panel") or {}
    label = str(post["floor_label"] or post["floor"] or "")
    parts = [f"## {md_escape(label)}", md_escape(post["author"] or "(无作者)")]
    if starter_badge(post, label):
        parts.append("楼主")
    if panel.get("group_title"):
        parts.append(md_escape(panel["group_title"]))
    if panel.get("rank") is not None:
        parts.append(f"Rank {panel['rank']}")
    parts.append(when(post))
    if post["client_tag"]:
        parts.append(md_escape(post["client_tag"]))
    parts.append(md_escape(edit_words(post)))
    parts.append(md_escape(state_words(post["state"])))
    parts.append(warning_words(post))
    parts.append(md_escape(reply_words(post)))
    return " · ".join(p for p in parts if p)


def sanitize(fragment: str) -> str:
    """Archived post HTML with no way to run code: nh3 with an allowlist of tags and attributes."""
    return nh3.clean(
        fragment,
        tags=set(_ALLOWED_TAGS),
        clean_content_tags=set(_DANGEROUS),
        attributes={"*": set(_ALLOWED_ATTRS)},
        url_schemes=set(_SAFE_SCHEMES),
        link_rel=_LINK_REL,
    )


_CSS = """
body{font:16px/1.7 -apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;
max-width:960px;margin:2em auto;padding:0 1em;color:#222;background:#f7f7f5}
header h1{font-size:1.5em;margin:.2em 0}.meta{color:#777;font-size:.9em}
article{display:flex;gap:1.2em;background:#fff;border:1px solid #e3e3e0;border-radius:6px;
margin:1em 0;padding:1em}
aside{flex:0 0 150px;font-size:.85em;color:#555;border-right:1px solid #eee;padding-right:1em}
aside .name{font-weight:bold;color:#225;font-size:1.05em}aside dl{margin:.4em 0}
aside dt{float:left;clear:left;color:#888}aside dd{margin-left:4em}
.post{flex:1;min-width:0}.floor{float:right;color:#999}.when{color:#888;font-size:.85em}
.badge{background:#e8f0fe;color:#1a4fb4;border-radius:3px;padding:0 .3em;font-size:.8em}
.state{background:#fdecea;color:#a31515;border-radius:3px;padding:0 .3em;font-size:.8em}
blockquote{border-left:3px solid #ccd;margin:.6em 0;padding:.2em .8em;color:#556;
background:#f4f5fa}.body img{max-width:100%;height:auto}.body{word-wrap:break-word}
ul.files{font-size:.9em}footer{color:#999;font-size:.8em;text-align:center}
.body,.meta,aside{overflow-wrap:anywhere}.body pre{overflow-x:auto;background:#f4f4f0;
padding:.5em;white-space:pre}.body table{display:block;max-width:100%;overflow-x:auto}
.placeholder{color:#a31515}time{white-space:nowrap}
.media-missing{display:inline-block;border:1px dashed #c88;color:#a33;background:#fff6f6;
padding:.2em .5em;font-size:.85em;word-break:break-all}
@media (max-width:640px){body{margin:.5em auto;padding:0 .5em}
article{flex-direction:column;gap:.4em;padding:.7em}
aside{flex:none;border-right:0;border-bottom:1px solid #eee;padding:0 0 .4em}
aside dl{display:flex;flex-wrap:wrap;gap:0 1em;margin:.2em 0}aside dt{float:none}
aside dd{margin:0 0 0 .3em}}
"""


def to_html(doc: ThreadDoc) -> str:
    """One standalone page: no scripts, no external styles; kept images inline, others linked."""
    thread = doc.thread
    esc = html.escape
    title = esc(shown_subject(thread) or f"tid {thread['tid']}")
    path = " › ".join(esc(p) for p in thread.get("forum_path") or [])
    counters = (
        f" · 查看 {thread['views']} · 回复 {thread['replies']}"
        if thread.get("views") is not None
        else ""
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "img-src http: https: data:; style-src 'unsafe-inline'\">",
        f"<title>{title}</title><style>{_CSS}</style></head><body>",
        f"<header><h1>{title}</h1><div class='meta'>{esc(thread['site'])} · tid "
        f"{thread['tid']}{' · ' + path if path else ''}{counters}"
        f"{esc(thread_marks(thread))}</div></header>",
    ]
    for name, block in special_blocks(doc):  # plain text, escaped: none of it is markup
        parts.append(f"<section class='{name}'>" + "<br>".join(map(esc, block)) + "</section>")
    parts += [_post_html(post, doc.media) for post in doc.posts]
    parts += [_text_post_html(post) for post in doc.text_posts]
    parts.append(
        f"<footer>archived by discuz-archiver · {esc(thread.get('last_archived_at') or '')}"
        "</footer></body></html>"
    )
    return "\n".join(parts) + "\n"


def _post_html(post: dict[str, Any], media: dict[str, dict[str, Any]]) -> str:
    esc = html.escape
    panel = post.get("author_panel") or {}
    rows = [
        (label, panel.get(key))
        for label, key in (("主题", "thread_count"), ("帖子", "post_count"),
                           ("回帖", "reply_count"), ("积分", "credits"))
        if panel.get(key) is not None
    ]  # fmt: skip
    aside = [f"<div class='name'>{esc(post['author'] or '(无作者)')}</div>"]
    if panel.get("group_title"):
        aside.append(f"<div>{esc(panel['group_title'])}</div>")
    if panel.get("rank") is not None:
        aside.append(f"<div>Rank: {panel['rank']}</div>")
    if rows:
        cells = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in rows)
        aside.append(f"<dl>{cells}</dl>")
    badges = []
    label = esc(str(post["floor_label"] or post["floor"] or ""))
    if starter_badge(post, label):
        badges.append("<span class='badge'>楼主</span>")
    if post["client_tag"]:
        badges.append(f"<span class='badge'>{esc(post['client_tag'])}</span>")
    if edit_words(post):
        badges.append(f"<span class='edited'>{esc(edit_words(post))}</span>")
    marks = (warning_words(post), reply_words(post))  # 受到警告, 回帖奖励 +5 金钱
    badges += [f"<span class='badge'>{esc(mark)}</span>" for mark in marks if mark]
    words = state_words(post["state"])
    if words and (post["body_html"] or "").strip():  # an empty post shows them as its body
        badges.append(f"<span class='state'>{esc(words)}</span>")
    files = [_file_html(a, media) for a in post["attachments"] if a["kind"] == "file"]
    body = embed_images(sanitize(html_with_code(post["body_html"] or "")), media)
    if words and not body.strip():
        body = f"<p class='placeholder'>{esc(words)}</p>"
    return (
        f"<article id='pid{post['pid']}'><aside>{''.join(aside)}</aside><div class='post'>"
        f"<span class='floor'>{label}</span><div class='when'>{_time(post)} {' '.join(badges)}"
        f"</div><div class='body'>{body}</div>"
        + (f"<ul class='files'>{''.join(files)}</ul>" if files else "")
        + "</div></article>"
    )


def _file_html(item: dict[str, Any], media: dict[str, dict[str, Any]]) -> str:
    esc = html.escape
    href, note = file_href(item["url"] or "", media)
    name = esc(item["filename"] or item["url"] or "")
    saved = href.startswith("data:")
    attrs = f" download='{name}'" if saved else " rel='nofollow noopener noreferrer'"
    extra = f" <span class='media-note'>{esc(note)}</span>" if note else ""
    return f"<li><a href='{esc(href)}'{attrs}>{name}</a> {esc(item['size_text'] or '')}{extra}</li>"


def _text_post_html(post: dict[str, Any]) -> str:
    """Plain text only: the Archiver view keeps no markup, so nothing here is HTML."""
    esc = html.escape
    name = text_author(post)
    words = state_words(post["state"])
    state = f" <span class='state'>{esc(words)}</span>" if words else ""
    body = "<br>".join(esc(line) for line in (post["body_text"] or "").splitlines())
    return (
        f"<article><aside><div class='name'>{esc(name)}</div><div>Archiver text view</div>"
        f"</aside><div class='post'><span class='floor'>{post['floor'] or ''}</span>"
        f"<div class='when'>{_time(post)}{state}</div>"
        f"<div class='body'>{body}</div></div></article>"
    )


def _time(post: dict[str, Any]) -> str:
    """The time as the forum shows it; the exact ISO time one hover away."""
    shown = html.escape(when(post))
    if not post.get("posted_at"):
        return shown
    iso = html.escape(post["posted_at"], quote=True)
    return f"<time datetime='{iso}' title='{iso}'>{shown}</time>"

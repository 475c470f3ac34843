"""What a reader sees of a post, shared by `show`, Markdown and HTML: its time as the forum
shows it, its state in the forum's words, code blocks kept as code, Markdown made inert.
"""

from __future__ import annotations

import html
import re
from typing import Any

from archiver.model import ReplyCredit
from archiver.times import shown_time
from archiver.vocabulary import RUSH_FLOOR_WORDS, STATE_WORDS, WARNED_WORDS

_BLOCKCODE = re.compile(
    r'<div class="blockcode">\s*<div[^>]*>\s*<ol>(.*?)</ol>\s*</div>\s*</div>', re.S
)
_ITEM = re.compile(r"<li>(.*?)</li>", re.S)
_TAG = re.compile(r"<[^>]+>")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|!~])")
_MD_LEADING = re.compile(r"^(\s*|\s*\d+)((?<=\d)[.)]|(?<!\d)[-+=#])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")


def when(post: dict[str, Any]) -> str:
    """The post's time as the forum shows it, else the text it showed."""
    return shown_time(post.get("posted_at"), post.get("posted_precision")) or (
        post.get("posted_text") or ""
    )


def edit_words(post: dict[str, Any]) -> str:
    """The edit note the forum put above the message (本帖最后由 X 于 T 编辑), shortened: the
    parser took it out of the text, so a reader sees it here."""
    if not post.get("edited_by") and not post.get("edited_at"):
        return ""
    at = shown_time(post.get("edited_at"))
    return " ".join(p for p in (post.get("edited_by") or "", "编辑于", at) if p)


def starter_badge(post: dict[str, Any], label: str) -> bool:
    """楼主 beside the name, unless the floor's own label already says it (楼主, 樓主)."""
    return bool(post["is_thread_author"]) and label not in ("楼主", "樓主")


def warning_words(post: dict[str, Any]) -> str:
    """受到警告 while the latest page that showed the post still showed the warning."""
    warned = post.get("warned_last_seen_at")
    return WARNED_WORDS if warned is not None and warned == post.get("last_seen_at") else ""


def reply_words(post: dict[str, Any]) -> str:
    """抢中本楼 on a 抢楼 thread's rewarded floor, 回帖奖励 +5 金钱 as desktop heads a rewarded
    reply, and its 支持 / 反对 votes where any: `回帖奖励 +5 金钱 · 支持 25 · 反对 1`; empty for
    the rest."""
    credits = post.get("reply_credit")
    words = [RUSH_FLOOR_WORDS] if post.get("rush_floor") else []
    words += [str(ReplyCredit(credits, post.get("reply_credit_name")))] if credits else []
    words += [f"{name} {post[key]}" for key, name in _VOTES if post.get(key)]
    return " · ".join(words)


_VOTES = (("support", "支持"), ("against", "反对"))


def state_words(state: str | None) -> str:
    """A post state in the forum's words; empty for a normal post."""
    if not state or state == "normal":
        return ""
    return STATE_WORDS.get(state, state)


def _code_lines(inner: str) -> str:
    items = _ITEM.findall(inner)
    lines = [html.unescape(_TAG.sub("", item.replace("<br>", ""))).rstrip("\n") for item in items]
    return "\n".join(lines)


def code_blocks(body_html: str | None) -> list[str]:
    """The text of each [code] block of a post, line by line."""
    return [_code_lines(m) for m in _BLOCKCODE.findall(body_html or "")]


def html_with_code(body_html: str) -> str:
    """Discuz's numbered-list code blocks as <pre><code>, so code stays code."""
    return _BLOCKCODE.sub(
        lambda m: f"<pre><code>{html.escape(_code_lines(m.group(1)))}</code></pre>", body_html
    )


def md_escape(line: str) -> str:
    """A line of post text that Markdown shows as text: no markup, links, HTML or headings."""
    line = _MD_ENTITY.sub("&amp;", _MD_SPECIAL.sub(r"\\\1", line))
    return _MD_LEADING.sub(r"\1\\\2", line)


def markdown_body(body_text: str | None, body_html: str | None) -> list[str]:
    """A post's text as Markdown lines: text escaped, each [code] block fenced."""
    lines = (body_text or "").splitlines()
    out: list[str] = []
    i = 0
    for block in code_blocks(body_html):
        code = [c for c in block.splitlines() if c.strip()]
        start = _find(lines, code, i)
        if start is None:
            continue
        out += [md_escape(line) for line in lines[i:start]]
        end = start
        for wanted in code:  # the text has the code's lines, blank lines between
            while lines[end].strip() != wanted.strip():
                end += 1
            end += 1
        fence = "````" if "```" in block else "```"
        out += [fence, *block.splitlines(), fence]
        i = end
    out += [md_escape(line) for line in lines[i:]]
    return out


def _find(lines: list[str], code: list[str], start: int) -> int | None:
    if not code:
        return None
    for n in range(start, len(lines)):
        if lines[n].strip() == code[0].strip():
            rest = [line.strip() for line in lines[n:] if line.strip()][: len(code)]
            if rest == [c.strip() for c in code]:
                return n
    return None

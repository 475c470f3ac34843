"""A thread in the terminal, floor by floor: times as the forum shows them, states in its words."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel

from archiver.read.export import text_author
from archiver.read.search import ThreadDoc
from archiver.read.shown import (
    edit_words,
    reply_words,
    starter_badge,
    state_words,
    warning_words,
    when,
)
from archiver.read.specials import SPECIAL_TITLES, shown_subject, special_blocks, thread_marks


def render(console: Console, doc: ThreadDoc) -> None:
    thread = doc.thread
    console.print(f"[bold]{escape(shown_subject(thread))}[/bold]")
    marks = escape(thread_marks(thread))
    console.print(f"[dim]{escape(thread['site'])} · tid {thread['tid']}{marks}[/dim]")
    for kind, lines in special_blocks(doc):
        console.print(Panel("\n".join(escape(line) for line in lines), title=SPECIAL_TITLES[kind]))
    for post in doc.posts:
        console.print(Panel("\n".join(_body(post)), title=_head(post), title_align="left"))
    for post in doc.text_posts:
        head = [f"[bold]{post['floor'] or ''}[/bold]", f"[cyan]{escape(text_author(post))}[/cyan]"]
        if when(post):
            head.append(f"[dim]{escape(when(post))}[/dim]")
        head.append("[dim](Archiver text view)[/dim]")
        if state_words(post["state"]):
            head.append(f"[red]{escape(state_words(post['state']))}[/red]")
        text = escape(post["body_text"] or "")
        console.print(Panel(text, title=" · ".join(head), title_align="left"))


def _head(post: dict[str, Any]) -> str:
    panel = post.get("author_panel") or {}
    label = str(post["floor_label"] or post["floor"] or "")
    head = [f"[bold]{escape(label)}[/bold]", f"[cyan]{escape(post['author'] or '(无作者)')}[/cyan]"]
    if starter_badge(post, label):
        head.append("[yellow]楼主[/yellow]")
    for key, fmt in (("group_title", "{}"), ("rank", "Rank {}")):
        if panel.get(key) is not None:
            head.append(escape(fmt.format(panel[key])))
    if when(post):
        head.append(f"[dim]{escape(when(post))}[/dim]")
    if post["client_tag"]:
        head.append(f"[green]{escape(post['client_tag'])}[/green]")
    if state_words(post["state"]):
        head.append(f"[red]{escape(state_words(post['state']))}[/red]")
    if warning_words(post):
        head.append(f"[red]{warning_words(post)}[/red]")
    if reply_words(post):
        head.append(f"[magenta]{escape(reply_words(post))}[/magenta]")
    return " · ".join(head)


def _body(post: dict[str, Any]) -> list[str]:
    # the edit note first, where the forum put it above the message
    body = [f"[dim]{escape(edit_words(post))}[/dim]"] if edit_words(post) else []
    body += [
        f"[dim]> {escape(q['quoted_author'] or '')}: {escape(q['text'] or '')}[/dim]"
        for q in post["quotes"]
    ]
    text = post["body_text"] or ""
    if not text.strip() and state_words(post["state"]):
        body.append(f"[red]{escape(state_words(post['state']))}[/red]")
    body.append(escape(text))
    body += [f"[blue]{escape(a['kind'])}: {escape(a['url'] or '')}[/blue]"
             for a in post["attachments"]]  # fmt: skip
    return body

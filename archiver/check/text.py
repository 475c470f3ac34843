"""`check`'s report as text for people (one block per page, then a summary to paste into a bug
report) and as JSON for scripts."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

from archiver.check.report import FIELDS, PageCheck

MISSING = "missing"
_LABELS = {"client_tag": "client tag"}


def render_page(report: PageCheck) -> list[str]:
    """The lines for one page: what it is, then each post's fields and rules."""
    lines = [f"page {report.source}"]
    saved = f", saved as {report.saved_as}" if report.saved_as != "page" else ""
    if report.charset is not None:  # None: nothing was read
        lines.append(f"  charset {report.charset} (declared {report.declared_charset}){saved}")
    if report.url:
        lines.append(f"  url {report.url}")
    if report.error is not None:
        return lines + _unread(report)
    lines.append(
        f"  rendering {report.rendering}, Discuz! {report.version or MISSING}; "
        f"{report.site} tid {report.tid}, page {report.page} of {report.pages}, "
        f"{len(report.posts)} posts; views {_shown(report.views)}, "
        f"replies {_shown(report.replies)}"
    )
    if report.poll is not None:
        lines.append(f"  poll {report.poll}")
    if report.reward is not None:
        lines.append(f"  reward {report.reward}")
    if report.activity is not None:
        lines.append(f"  activity {report.activity}")
    if report.debate is not None:
        lines.append(f"  debate {report.debate}")
    lines += [f"  goods {line}" for line in report.goods]
    for post in report.posts:
        lines.append(f"  post {post.pid}" + (f"  [{post.rule}]" if post.rule else ""))
        for item in post.fields:
            name = _LABELS.get(item.name, item.name)
            if item.value is None:
                lines.append(f"    {name:<10} {MISSING}")
            else:
                lines.append(f"    {name:<10} {item.value}  [{item.rule}]")
        if post.marks:
            lines.append(f"    {'marks':<10} {' · '.join(post.marks)}")
    return lines


def _unread(report: PageCheck) -> list[str]:
    return [f"  not read: {report.error}"] + ([f"  seen: {_seen(report)}"] if report.size else [])


def _seen(report: PageCheck) -> str:
    """What a page that is no thread showed: enough to tell what it is, no more."""
    return (
        f"title {_quoted(report.title)}, generator {_quoted(report.generator)}, {report.size} bytes"
    )


def _shown(value: int | None) -> str:
    return MISSING if value is None else str(value)


def _quoted(text: str | None) -> str:
    if text is None:
        return "none"
    return f'"{text[:80]}…"' if len(text) > 80 else f'"{text}"'


def summary(reports: list[PageCheck], version: str) -> list[str]:
    """Lines a user can paste into a bug report: versions, and per page what was found how."""
    lines = [f"--- discuz-archiver {version} check: {len(reports)} page(s) ---"]
    for report in reports:
        url = report.source.startswith(("http://", "https://"))
        name = report.source if url else Path(report.source).name
        if report.error is not None:
            seen = f"; {_seen(report)}" if report.size else ""
            lines.append(f"{name}: not read (exit {report.exit_code}): {report.error}{seen}")
            continue
        lines.append(
            f"{name}: {report.rendering}, Discuz! {report.version or MISSING}, "
            f"{report.charset}, saved as {report.saved_as}, {len(report.posts)} posts"
        )
        lines.append("  found: " + ", ".join(_counts(report)))
        lines += [f"  {rule}: {n}" for rule, n in _fallbacks(report)]
    return lines


def _counts(report: PageCheck) -> list[str]:
    total = len(report.posts)
    found = Counter(f.name for p in report.posts for f in p.fields if f.value is not None)
    return [f"{_LABELS.get(name, name)} {found[name]}/{total}" for name in FIELDS]


def _fallbacks(report: PageCheck) -> list[tuple[str, int]]:
    """How often each field, and the post itself, came from a fallback rule: (rule, posts)."""
    rules = [(_LABELS.get(f.name, f.name), f.rule) for p in report.posts for f in p.fields]
    rules += [("post", p.rule) for p in report.posts]
    used = Counter(
        f"{name} <- {rule}" for name, rule in rules if rule and not rule.startswith("stock")
    )
    return sorted(used.items())


def as_json(reports: list[PageCheck], version: str) -> dict[str, Any]:
    """Every page's report, and the summary lines, as JSON data."""
    return {
        "version": version,
        "pages": [asdict(report) for report in reports],
        "summary": summary(reports, version),
    }

"""`discuz-archiver check`: what the parser makes of saved pages, field by field, with the rule
that found each one; nothing is archived and no database is opened.

May import fetch (to read files), decode and parse; never store, read, archive or cli.
"""

from archiver.check.report import FieldCheck, PageCheck, PostCheck, check_page, check_pages
from archiver.check.text import as_json, render_page, summary

__all__ = [
    "FieldCheck",
    "PageCheck",
    "PostCheck",
    "as_json",
    "check_page",
    "check_pages",
    "render_page",
    "summary",
]

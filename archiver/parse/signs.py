"""What a page shows of itself, for a report on a page the parser could not read."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from archiver.parse import knowledge as S


def page_signs(html: str) -> tuple[str | None, str | None]:
    """The page's `<title>` and its generator meta, each None when absent."""
    tree = LexborHTMLParser(html)
    title = tree.css_first(S.TITLE)
    generator = tree.css_first(S.GENERATOR)
    content = generator.attributes.get("content") if generator is not None else None
    shown = " ".join(title.text().split()) if title is not None else ""
    return shown or None, (content or "").strip() or None

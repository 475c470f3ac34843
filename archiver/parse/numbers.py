"""Whole numbers as pages show them, read safely."""

from __future__ import annotations


def to_int(text: str | None) -> int | None:
    """`2,698` -> 2698; anything that is not a whole number SQLite can hold -> None."""
    if text is None:
        return None
    text = text.replace(",", "").replace("\xa0", " ").strip()
    # ASCII digits only (isdigit() is True for ² and ①), and at most 18 of them (< 2**63)
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


def as_int(value: object) -> int | None:
    """A number sent as a value (the API sends every scalar as a string), signed:
    `"-2"` -> -2 (a displayorder in moderation); anything else to_int refuses -> None."""
    text = str(value).strip() if value is not None else ""
    number = to_int(text.removeprefix("-"))
    return None if number is None else -number if text.startswith("-") else number

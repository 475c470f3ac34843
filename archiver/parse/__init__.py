"""Pure parsing: the text of one Discuz! page (desktop, touch, Archiver text or mobile API JSON)
plus its URL to dataclasses. No I/O, no clock: whatever the page does not say stays None.
"""

from archiver.parse.dispatch import parse_page

__all__ = ["parse_page"]

"""Migration 16: where a page read from a web archive (WARC, WACZ, MHTML, SingleFile) sat in it."""

from sqlite_utils import Database


def m016_add_page_provenance(db: Database) -> None:
    """pages.capture_file, capture_record_id, capture_offset: a page's place in a web archive."""
    # capture_file: the web archive the page was read from (for a WACZ, `x.wacz#archive/…`);
    # capture_record_id: its WARC-Record-ID (or an MHTML part's Content-ID);
    # capture_offset: the byte offset of its record in the (inner) WARC file.
    # pages.url keeps the record's WARC-Target-URI and pages.fetched_at its WARC-Date.
    db.execute("ALTER TABLE pages ADD COLUMN capture_file TEXT")
    db.execute("ALTER TABLE pages ADD COLUMN capture_record_id TEXT")
    db.execute("ALTER TABLE pages ADD COLUMN capture_offset INTEGER")


STEPS = (m016_add_page_provenance,)

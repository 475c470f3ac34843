"""Migration 23: each post's [code] blocks, so an API page (which leaves them out) is compared
exactly with the page that showed them."""

import json

from sqlite_utils import Database


def m023_add_post_code_blocks(db: Database) -> None:
    """posts.code_blocks: a JSON list of each [code] block's text, filled for archived posts."""
    # Read from the archive's own body_html (the parser's output, where a block is
    # div.blockcode), with the parser's own text rule, so a block reads as body_text has it;
    # imported when it runs, so the module stays importable by `sqlite-utils migrate` alone.
    from selectolax.lexbor import LexborHTMLParser

    from archiver.parse.text import node_text

    db.execute("ALTER TABLE posts ADD COLUMN code_blocks TEXT")
    db.execute("UPDATE posts SET code_blocks = '[]' WHERE body_html NOT LIKE '%blockcode%'")
    held = "SELECT site, pid, body_html FROM posts WHERE code_blocks IS NULL"
    for site, pid, html in list(db.execute(held).fetchall()):
        blocks = [node_text(b) for b in LexborHTMLParser(html or "").css("div.blockcode")]
        db.execute(
            "UPDATE posts SET code_blocks = ? WHERE site = ? AND pid = ?",
            [json.dumps(blocks, ensure_ascii=False), site, pid],
        )


STEPS = (m023_add_post_code_blocks,)

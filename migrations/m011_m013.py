"""Migrations 11 to 13: versioned post children, positions, pinned and recommended marks."""

import json
import re
import sqlite3
import zlib

from sqlite_utils import Database

_CHILD_COLUMNS = {
    "quotes": "quoted_pid INTEGER, quoted_author TEXT, quoted_time_text TEXT, quoted_at TEXT, "
    "text TEXT",
    "attachments": "aid INTEGER, kind TEXT NOT NULL, url TEXT, filename TEXT, size_text TEXT, "
    "inline INTEGER NOT NULL DEFAULT 1",
    "ratings": "rater TEXT, rater_uid INTEGER, credit TEXT NOT NULL, score INTEGER NOT NULL, "
    "reason TEXT",
    "comments": "author TEXT, uid INTEGER, text TEXT, posted_text TEXT, posted_at TEXT",
}


def m011_version_post_children(db: Database) -> None:
    """Quotes, attachments, ratings and comments keep every version, never deleted."""
    # A post that changed (a moderator hid it, its author edited out a quote) had its quotes,
    # attachments, ratings and comments deleted and written anew. Keep every version instead:
    # `version` counts the post's sets of children, `replaced_at` is set when a newer set
    # replaced this one (NULL: the current set). Rows already stored become version 1.
    # one statement at a time: executescript() would commit the migration's transaction
    for table, columns in _CHILD_COLUMNS.items():
        names = ", ".join(["site", "pid", "idx"] + [c.split()[0] for c in columns.split(", ")])
        body = ",\n    ".join(
            ["site TEXT NOT NULL", "pid INTEGER NOT NULL", "idx INTEGER NOT NULL"]
            + columns.split(", ")
            + ["version INTEGER NOT NULL DEFAULT 1", "replaced_at TEXT"]
            + ["PRIMARY KEY (site, pid, version, idx)"]
        )
        db.execute(f"CREATE TABLE {table}_versioned (\n    {body}\n)")
        db.execute(f"INSERT INTO {table}_versioned ({names}) SELECT {names} FROM {table}")
        db.execute(f"DROP TABLE {table}")
        db.execute(f"ALTER TABLE {table}_versioned RENAME TO {table}")
    db.execute("CREATE INDEX quotes_quoted ON quotes (site, quoted_pid)")


_M012 = """
ALTER TABLE posts ADD COLUMN position INTEGER;
UPDATE posts SET position = floor
WHERE floor IS NOT NULL AND (gone_at IS NOT NULL OR NOT EXISTS (
    SELECT 1 FROM posts o
    WHERE o.site = posts.site AND o.tid = posts.tid AND o.floor = posts.floor
      AND o.gone_at IS NULL AND o.pid != posts.pid
      AND (o.first_seen_at < posts.first_seen_at
           OR (o.first_seen_at = posts.first_seen_at AND o.pid < posts.pid))
));
CREATE INDEX posts_position ON posts (site, tid, position);
CREATE TABLE floor_changes (
    site TEXT NOT NULL,
    pid INTEGER NOT NULL,
    changed_at TEXT NOT NULL,
    floor INTEGER,
    floor_label TEXT,
    PRIMARY KEY (site, pid, changed_at)
);
"""


def m012_add_post_position_and_floor_changes(db: Database) -> None:
    """Each post's first-seen position, and the shown floors it left."""
    # A forum renumbers the floors it shows after a deletion (26 becomes 25#). `floor` stays the
    # floor as shown now; `position` is the floor a post had when first seen and never changes,
    # unique among a thread's live posts (NULL where an older live post held it); each shown
    # floor a post leaves is a row in floor_changes. Archives from before: position = floor,
    # the earliest-seen of live posts that share a floor keeps it.
    for statement in _M012.split(";"):
        if statement.strip():
            db.execute(statement)


# What a rendering can never show, as parse/knowledge.py's NEVER_SHOWN says: the unknown
# fields of posts and threads that were read only from it (m013 fills older rows from these).
_NEVER_SHOWN_POST = {"touch": ["ratings", "profile"], "api": ["ratings", "profile"]}
_NEVER_SHOWN_THREAD = {
    "touch": ["views", "replies", "forum_path", "discuz_version", "rendered_at", "page_count"],
    "api": ["forum", "forum_path", "discuz_version", "rendered_at", "page_count"],
}

_M013 = """
ALTER TABLE posts ADD COLUMN pinned_first_seen_at TEXT;
ALTER TABLE posts ADD COLUMN pinned_last_seen_at TEXT;
ALTER TABLE posts ADD COLUMN recommended_first_seen_at TEXT;
ALTER TABLE posts ADD COLUMN recommended_last_seen_at TEXT;
ALTER TABLE posts ADD COLUMN unknown_fields TEXT;
ALTER TABLE threads ADD COLUMN unknown_fields TEXT;
ALTER TABLE post_revisions ADD COLUMN rendering TEXT;
UPDATE posts SET pinned_first_seen_at = first_seen_at, pinned_last_seen_at = last_seen_at
WHERE is_sticky = 1;
UPDATE posts SET recommended_first_seen_at = first_seen_at,
                 recommended_last_seen_at = last_seen_at
WHERE is_hot = 1;
UPDATE post_revisions SET rendering = (
    SELECT pages.rendering FROM pages WHERE pages.id = post_revisions.page_id
);
"""


def m013_add_pinned_recommended_unknown_fields(db: Database) -> None:
    """Pinned and recommended as durable facts, the fields no rendering read could give."""
    # is_sticky / is_hot meant "so far seen only as a copy": a later page reset them. A post
    # seen as a copy has been pinned (recommended) since at least its first sighting.
    # A post read only from touch pages or the API has no ratings or panel known unless a
    # stored desktop page of its thread shows it; revisions take their page's rendering.
    for statement in _M013.split(";"):
        if statement.strip():
            db.execute(statement)
    _marks_from_stored_pages(db.conn)
    desktop = _desktop_pids(db.conn)
    for source, fields in _NEVER_SHOWN_POST.items():
        rows = db.execute("SELECT site, pid FROM posts WHERE source = ?", [source]).fetchall()
        for site, pid in rows:
            unknown = "[]" if (site, pid) in desktop else json.dumps(fields)
            db.execute(
                "UPDATE posts SET unknown_fields = ? WHERE site = ? AND pid = ?",
                [unknown, site, pid],
            )
    db.execute("UPDATE posts SET unknown_fields = '[]' WHERE unknown_fields IS NULL")
    db.execute("UPDATE threads SET unknown_fields = '[]'")
    for rendering, fields in _NEVER_SHOWN_THREAD.items():
        db.execute(
            "UPDATE threads SET unknown_fields = ? WHERE NOT EXISTS (SELECT 1 FROM pages "
            "WHERE pages.site = threads.site AND pages.tid = threads.tid "
            "AND pages.rendering != ?) AND EXISTS (SELECT 1 FROM pages WHERE "
            "pages.site = threads.site AND pages.tid = threads.tid AND pages.rendering = ?)",
            [json.dumps(fields), rendering, rendering],
        )


def _marks_from_stored_pages(conn: sqlite3.Connection) -> None:
    """Pinned and recommended copies on the stored first pages, read again by today's parser.

    Earlier releases reset is_sticky / is_hot when a later page showed the post in its place;
    the first pages they stored still show the copies. Like m010, it imports the package's
    parser when it runs.
    """
    from archiver.decode import decode
    from archiver.errors import ArchiverError
    from archiver.parse import parse_page

    rows = conn.execute(
        "SELECT site, url, source, archived_at, charset, content FROM pages "
        "WHERE page = 1 AND rendering IN ('desktop', 'touch') AND compression = 'zlib' "
        "ORDER BY archived_at"
    )
    for site, url, source, archived_at, charset, blob in rows.fetchall():
        text = decode(zlib.decompress(blob), charset).text
        if "置顶" not in text and "推荐" not in text:
            continue
        try:
            parsed = parse_page(text, url or source)
        except ArchiverError:
            continue
        for post in parsed.posts:
            mark = "pinned" if post.is_sticky else "recommended" if post.is_hot else None
            if mark is None:
                continue
            conn.execute(
                f"UPDATE posts SET {mark}_first_seen_at = min(coalesce({mark}_first_seen_at, "
                f"?1), ?1), {mark}_last_seen_at = max(coalesce({mark}_last_seen_at, ?1), ?1) "
                "WHERE site = ?2 AND pid = ?3",
                [archived_at, site, post.pid],
            )


def _desktop_pids(conn: sqlite3.Connection) -> set[tuple[str, int]]:
    """(site, pid) of every post some stored desktop page shows, read from its bytes."""
    shown: set[tuple[str, int]] = set()
    rows = conn.execute(
        "SELECT site, content FROM pages WHERE rendering = 'desktop' AND compression = 'zlib'"
    )
    for site, blob in rows:
        text = zlib.decompress(blob)
        shown.update((site, int(pid)) for pid in re.findall(rb'id="post_(\d+)"', text))
    return shown


STEPS = (
    m011_version_post_children,
    m012_add_post_position_and_floor_changes,
    m013_add_pinned_recommended_unknown_fields,
)

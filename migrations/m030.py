"""Migration 30: stored messages lose the random ids Discuz gives an [img] on every render."""

import re

from sqlite_utils import Database

# parseimg()'s `aimg_` + random(5) (an attachment's is `aimg_` + its aid, digits: kept); the
# parser now drops them, so a refreshed page of an archived post is not taken for an edit
# inside an <img> tag only: a quoted `id="aimg_…"` in a message's text is `&lt;img …` there
_RANDOM_ID = re.compile(r'(<img\b[^>]*?) id="aimg_(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]+"')


def m030_drop_random_image_ids(db: Database) -> None:
    """posts.body_html and post_revisions.body_html without `id="aimg_Ab3xY"`."""
    for table, key in (("posts", "pid"), ("post_revisions", "pid, revision")):
        held = f"SELECT site, {key}, body_html FROM {table} WHERE body_html LIKE '%aimg_%'"
        for row in list(db.execute(held).fetchall()):
            html = _RANDOM_ID.sub(r"\1", row[-1] or "")
            if html != row[-1]:
                where = " AND ".join(f"{k.strip()} = ?" for k in ("site", *key.split(",")))
                db.execute(f"UPDATE {table} SET body_html = ? WHERE {where}", [html, *row[:-1]])


STEPS = (m030_drop_random_image_ids,)

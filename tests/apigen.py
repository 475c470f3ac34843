"""Mobile API v4 viewthread answers for the threads tests/pagegen.py renders as desktop pages.

The same seed gives the same posts (pid, floor, author, time, text) in both renderings, so a
thread can be served both ways; the API pages by its own size (`ppp`, default 5 as on a
stock site), the desktop by `posts_per_page`.

    api_page(tid=7, page=2, pages=4)  # floors 6-10 of a 20-post thread
"""

from __future__ import annotations

import json

from .pagegen import default_subject, forum_of, page_posts, thread_starter


def api_page(*, tid: int, page: int, pages: int, ppp: int = 5, seed: int = 0) -> bytes:
    """One API page of a thread of `pages * ppp` posts, UTF-8 JSON."""
    posts = page_posts(tid=tid, page=page, pages=pages, posts_per_page=ppp, seed=seed)
    starter = thread_starter(tid, seed)
    rows = [
        {
            "pid": str(post.pid), "tid": str(tid), "first": "1" if post.floor == 1 else "0",
            "author": post.author.name, "authorid": str(post.author.uid),
            "dateline": post.posted_text, "dbdateline": str(int(post.posted_at.timestamp())),
            "message": "<br />\r\n".join(post.lines), "number": str(post.floor),
            "position": str(post.floor), "status": "8" if post.client_tag else "0",
            "groupid": str(post.author.gid),
        }
        for post in posts
    ]  # fmt: skip
    fid, _forum = forum_of(tid)
    thread = {
        "tid": str(tid), "fid": str(fid), "subject": default_subject(tid, seed),
        "author": starter.name, "authorid": str(starter.uid), "views": "1000",
        "replies": str(pages * ppp - 1),
    }  # fmt: skip
    body = {
        "Version": "4",
        "Charset": "UTF-8",
        "Variables": {"thread": thread, "fid": str(fid), "ppp": str(ppp), "postlist": rows},
    }
    return json.dumps(body, ensure_ascii=False).encode()

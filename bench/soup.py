"""The same fields extracted the way published Discuz! scrapers do it: BeautifulSoup.

find_all over `div#post_N`, then per post find() by id or class and get_text(); the hidden
image tips are dropped from the body. No dataclasses, no times resolved: plain dicts.
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup, Tag

POST_ID = re.compile(r"^post_(\d+)$")
UID = re.compile(r"uid=(\d+)")


def scrape(html: str, parser: str = "lxml") -> list[dict[str, Any]]:
    """pid, floor, author, uid, time, body text and panel numbers of every post."""
    soup = BeautifulSoup(html, parser)
    postlist = soup.find("div", id="postlist")
    if not isinstance(postlist, Tag):
        return []
    posts = []
    for div in postlist.find_all("div", id=POST_ID, recursive=False):
        pid = POST_ID.match(str(div["id"]))
        assert pid is not None
        posts.append(_post(div, pid.group(1)))
    return posts


def _post(div: Tag, pid: str) -> dict[str, Any]:
    author = div.find("a", class_="xw1")
    floor = div.find("a", id="postnum" + pid)
    em = floor.find("em") if isinstance(floor, Tag) else None
    posted = div.find("em", id="authorposton" + pid)
    span = posted.find("span", title=True) if isinstance(posted, Tag) else None
    body = div.find("td", id="postmessage_" + pid)
    numbers = {}
    tns = div.find("div", class_="tns")
    if isinstance(tns, Tag):
        for cell in tns.find_all(["th", "td"]):
            value = cell.find("p")
            if value is None:
                continue
            exact = value.find("span", title=True)
            shown = exact["title"] if isinstance(exact, Tag) else value.get_text(strip=True)
            numbers[cell.get_text(strip=True).replace(value.get_text(strip=True), "")] = shown
    if isinstance(body, Tag):
        for tip in body.find_all("div", class_="tip"):
            tip.decompose()
    uid = UID.search(str(author["href"])) if isinstance(author, Tag) else None
    return {
        "pid": int(pid),
        "floor": int(em.get_text()) if isinstance(em, Tag) else 1,
        "author": author.get_text(strip=True) if isinstance(author, Tag) else None,
        "uid": int(uid.group(1)) if uid else None,
        "time": (
            span["title"]
            if isinstance(span, Tag)
            else posted.get_text().replace("发表于", "").strip()
            if isinstance(posted, Tag)
            else None
        ),
        "body": body.get_text("\n", strip=True) if isinstance(body, Tag) else "",
        "numbers": numbers,
    }

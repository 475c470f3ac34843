"""Pure parsing: a debate thread's debate (辩论帖) from a desktop or touch page.

viewthread_debate.htm draws both sides (正方观点 (votes) and the point, 辩手:N), the end time
and the umpire, and once the umpire has ruled, the verdict (获胜 or 平局, 裁判观点, 最佳辩手).
Each reply on a desktop page carries its side (`label.pdbts pdbts_N`) and its 支持 count. The
mobile API sends `special_debate`: the `forum_debate` row with its times formatted; its
postlist gives no sides.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.model import Debate, Stand
from archiver.parse import knowledge as S
from archiver.parse.api_post import mapping
from archiver.parse.numbers import as_int
from archiver.parse.text import squeezed
from archiver.times import resolve


def read_debate(
    tree: LexborHTMLParser,
    html: str,
    tz: dt.tzinfo,
    anchor: dt.datetime | None,
    first_post: LexborNode | None = None,
    parts: frozenset[str] | None = None,
) -> Debate | None:
    """The debate a desktop or touch page shows, else None.

    :param first_post: a desktop page's first post, where the sides are drawn (only it is
        searched); without it (touch) a text search of the page says whether to look.
    :param parts: a desktop page's rare parts (PageIds.parts): whether any reply has a side.
    """
    stands = _stands(tree) if parts is not None and S.DEBATE_STAND in parts else []
    if first_post is None:  # touch: X3.5 shows each reply's side by its filter link
        stands = _touch_stands(tree) if S.TOUCH_STAND_MARK in html else []
        if not any(mark in html for mark in S.DEBATE_MARKS):
            return Debate(stands=stands) if stands else None
    scope = first_post or tree
    debate = _sides(scope)
    if debate is None:
        return Debate(stands=stands) if stands else None
    ends_text, umpire = _end(scope)
    winner, point, best = _verdict(scope)
    return replace(
        debate,
        ends_text=ends_text,
        ends_at=_minute(ends_text, tz, anchor),
        umpire=umpire,
        winner=winner,
        umpire_point=point,
        best_debater=best,
        stands=stands,
    )


def _minute(text: str | None, tz: dt.tzinfo, anchor: dt.datetime | None) -> str | None:
    """ISO 8601 where the text gives the minute (a relative day gives no time: None)."""
    found, precision = resolve(text, tz, anchor) if text else (None, None)
    return found if precision in ("minute", "second") else None


def stands_only(tree: LexborHTMLParser, parts: frozenset[str] | None) -> Debate | None:
    """A desktop page whose first post draws no debate: its replies' sides, if any."""
    stands = _stands(tree) if parts is not None and S.DEBATE_STAND in parts else []
    return Debate(stands=stands) if stands else None


def _sides(scope: LexborNode | LexborHTMLParser) -> Debate | None:
    """正方观点 (N) and 反方观点 (N), each with its point (the next `p`) and debaters."""
    found: dict[str, tuple[int | None, str | None, int | None]] = {}
    for head in scope.css(S.DEBATE_SIDES):
        shown = squeezed(head)
        side = next((v for k, v in S.DEBATE_SIDE_WORDS.items() if shown.startswith(k)), None)
        if side is None or side in found:
            continue
        votes = S.VOTES.search(shown)
        debaters = S.DEBATERS.search(shown)  # touch: in the same heading
        point = head.next
        while point is not None and point.tag != "p":
            point = point.next
        found[side] = (
            int(votes.group(1)) if votes else None,
            squeezed(point) or None,
            int(debaters.group(1)) if debaters else None,
        )
    if not found:
        return None
    counts = [S.DEBATERS.search(squeezed(h5)) for h5 in scope.css(S.DEBATE_DEBATERS)]  # desktop
    desktop = [int(m.group(1)) if m else None for m in counts] + [None, None]
    affirm, negate = found.get("affirm", (None,) * 3), found.get("negate", (None,) * 3)
    return Debate(
        affirm_point=affirm[1],
        negate_point=negate[1],
        affirm_votes=affirm[0],
        negate_votes=negate[0],
        affirm_debaters=affirm[2] if affirm[2] is not None else desktop[0],
        negate_debaters=negate[2] if negate[2] is not None else desktop[1],
    )


def _end(scope: LexborNode | LexborHTMLParser) -> tuple[str | None, str | None]:
    """`结束时间: TIME 裁判: NAME`: the time as shown and the umpire's name."""
    for line in scope.css(S.DEBATE_END):
        shown = squeezed(line)
        label = next((w for w in S.END_WORDS if shown.startswith(w)), None)
        if label is None:
            continue
        rest = shown[len(label) :].lstrip(":： ")
        umpire = None
        at = max(rest.find(S.UMPIRE_WORD + ":"), rest.find(S.UMPIRE_WORD + "："))
        if at >= 0:
            rest, umpire = rest[:at].strip(), rest[at + len(S.UMPIRE_WORD) + 1 :].strip() or None
        return rest or None, umpire
    return None, None


def _verdict(scope: LexborNode | LexborHTMLParser) -> tuple[str | None, str | None, str | None]:
    """The umpire's ruling: the winner, 裁判观点 and 最佳辩手, where the page shows one."""
    winner = point = best = None
    for line in scope.css(S.DEBATE_VERDICT_LINES):  # X3.5 touch: `裁判观点: TEXT`, no labels
        shown = squeezed(line)
        for words, found in ((S.UMPIRE_POINT_WORDS, "point"), (S.BEST_DEBATER_WORDS, "best")):
            label = next((w for w in words if shown.startswith(w)), None)
            if label is not None and found == "point":
                point = point or _after_label(line, label)
            elif label is not None:
                best = best or _after_label(line, label)
    for strong in scope.css(S.DEBATE_VERDICT):
        shown, parent = squeezed(strong), strong.parent
        if parent is None:
            continue
        won = next((w for w in S.WON_WORDS if shown.endswith(w)), None)
        if won is not None and shown.removesuffix(won) in S.WINNER_WORDS:
            winner = winner or S.WINNER_WORDS[shown.removesuffix(won)]
        elif parent.tag == "label" and shown in S.WINNER_WORDS:
            classes = (parent.attrs.get("class") or "").split()
            by_class = next((S.WINNER_CLASSES[c] for c in classes if c in S.WINNER_CLASSES), None)
            winner = winner or by_class or S.WINNER_WORDS[shown]
        elif shown in S.UMPIRE_POINT_WORDS:
            point = point or _after_label(parent, shown)
        elif shown in S.BEST_DEBATER_WORDS:
            best = best or _after_label(parent, shown)
    return winner, point, best


def _after_label(line: LexborNode, label: str) -> str | None:
    """`<p><strong>LABEL</strong>: TEXT</p>` -> TEXT."""
    return squeezed(line).removeprefix(label).lstrip(":： ") or None


def _stands(tree: LexborHTMLParser) -> list[Stand]:
    """Each reply's side, by the pid of the post around it (its 支持 link names it too); not a
    抢楼 thread's 恭喜 抢中本楼, drawn in the same label.pdbts pdbts_1."""
    found: dict[int, Stand] = {}
    for label in tree.css(S.DEBATE_STAND):
        classes = (label.attrs.get("class") or "").split()
        side = next((S.STAND_CLASSES[c] for c in classes if c in S.STAND_CLASSES), None)
        pid = _post_pid(label)
        if side is None or pid is None or pid in found or label.css_first(S.RUSH_HIT_LINK):
            continue
        votes = label.css_first(S.STAND_VOTES)
        count = S.SUPPORTERS.search(squeezed(votes)) if votes is not None else None
        found[pid] = Stand(pid, side, int(count.group(1)) if count else None)
    return list(found.values())


def _touch_stands(tree: LexborHTMLParser) -> list[Stand]:
    """X3.5 touch: each reply's filter link names its side, `a#voterdebate_PID` its 支持 N."""
    found: dict[int, Stand] = {}
    for link in tree.css(S.TOUCH_STAND_LINKS):
        side = S.STAND_IN_LINK.search(link.attrs.get("href") or "")
        pid = _post_pid(link)
        if side is None or pid is None or pid in found:
            continue
        votes = next((a for a in _after(link) if (a.id or "") == S.TOUCH_VOTES_ID + str(pid)), None)
        count = S.SUPPORTERS.search(squeezed(votes)) if votes is not None else None
        found[pid] = Stand(
            pid, S.STAND_NUMBERS[side.group(1)], int(count.group(1)) if count else None
        )
    return list(found.values())


def _after(link: LexborNode) -> list[LexborNode]:
    """The elements after the link's holder (`em.f_g`) in its line: where 支持 N sits."""
    holder = link.parent if link.parent is not None and link.parent.tag == "em" else link
    found: list[LexborNode] = []
    node = holder.next
    while node is not None and len(found) < 3:
        if node.tag == "a":
            found.append(node)
        node = node.next
    return found


def _post_pid(node: LexborNode) -> int | None:
    """The pid of the post an element belongs to: the nearest `post_PID` / `pidPID` id."""
    parent = node.parent
    while parent is not None:
        match = S.ANY_POST_ID.match(parent.attrs.get("id") or "") if parent.attrs else None
        if match:
            return int(match.group(1))
        parent = parent.parent
    return None


def api_debate(block: object, tz: dt.tzinfo, anchor: dt.datetime | None) -> Debate | None:
    """`Variables.special_debate` of a viewthread response (the row, times formatted), else None."""
    row = mapping(block)
    if not row:
        return None
    shown = str(row.get("endtime") or "").strip()
    ends = None if shown in ("", "0") else shown  # 0: no end time set

    def plain(key: str) -> str | None:  # discuzcode output: markup only where the point had some
        value = str(row.get(key) or "").strip()
        return squeezed(LexborHTMLParser(value).body) or None if "<" in value else value or None

    return Debate(
        affirm_point=plain("affirmpoint"),
        negate_point=plain("negapoint"),
        affirm_votes=as_int(row.get("affirmvotes")),
        negate_votes=as_int(row.get("negavotes")),
        affirm_debaters=as_int(row.get("affirmdebaters")),
        negate_debaters=as_int(row.get("negadebaters")),
        ends_text=ends,
        ends_at=_minute(ends, tz, anchor),
        umpire=plain("umpire"),
        winner=S.API_WINNERS.get(str(row.get("winner") or "")),
        best_debater=plain("bestdebater"),
        umpire_point=plain("umpirepoint"),
    )

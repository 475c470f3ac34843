"""Pure parsing: a reward thread's reward (悬赏帖) from a desktop or touch page, or the API.

viewthread_reward.htm draws the amount and state (desktop `div.rwd` around the first post's
message, touch `div.reward` before it) and, once solved, the best answer (`div.rwdbst`): its
author, a link to its pid and the start of its text (messagecutstr). The API sends
`Variables.special_reward`: `rewardprice` as `N CREDIT` and `bestpost`; the state is the sign
of the thread's `price` (< 0: solved).
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.model import Reward
from archiver.parse import knowledge as S
from archiver.parse.api_post import mapping
from archiver.parse.numbers import as_int, to_int
from archiver.parse.text import holds_any, squeezed


def read_reward(
    tree: LexborHTMLParser, html: str, first_post: LexborNode | None = None
) -> Reward | None:
    """The reward a desktop or touch page shows, else None.

    :param first_post: a desktop page's first post, where viewthread_reward.htm draws the
        reward: only it is searched. Without it a text search of the page says whether to look.
    """
    if first_post is None and not any(mark in html for mark in S.REWARD_MARKS):
        return None  # most pages: no search of the tree
    scope = first_post or tree
    box = next((b for b in scope.css(S.REWARD_BOX) if _is_reward_box(b)), None)
    if box is None:
        return None
    cite = box.css_first(S.REWARD_AMOUNT)
    state = _state(box)
    shown = squeezed(box)
    amount_text = squeezed(cite)
    after = shown.split(amount_text, 1)[1] if amount_text and amount_text in shown else ""
    credit = after.removesuffix(squeezed(state)).strip() if state is not None else after.strip()
    return _with_best(
        Reward(amount=to_int(amount_text), credit=credit or None, solved=_solved(box, state)),
        scope.css_first(S.REWARD_BEST),
    )


def _is_reward_box(box: LexborNode) -> bool:
    """The state's class (X3.4's 2019 desktop box says nothing else), or 悬赏 and an amount."""
    if {S.REWARD_SOLVED_CLASS, S.REWARD_OPEN_CLASS} & set((box.attrs.get("class") or "").split()):
        return True
    return holds_any(squeezed(box), S.REWARD_WORDS) and box.css_first(S.REWARD_AMOUNT) is not None


def _state(box: LexborNode) -> LexborNode | None:
    """The element saying 已解决 / 未解决 (not the amount's span in X3.4 GBK's touch box)."""
    words = (*S.REWARD_SOLVED_WORDS, *S.REWARD_OPEN_WORDS)
    return next((n for n in box.css(S.REWARD_STATE) if holds_any(squeezed(n), words)), None)


def _solved(box: LexborNode, state: LexborNode | None) -> bool | None:
    """The box's class first (rsld / rusld), then its words (已解决 / 未解决)."""
    classes = (box.attrs.get("class") or "").split()
    if S.REWARD_SOLVED_CLASS in classes:
        return True
    if S.REWARD_OPEN_CLASS in classes:
        return False
    words = squeezed(state)
    if any(word in words for word in S.REWARD_SOLVED_WORDS):
        return True
    return False if any(word in words for word in S.REWARD_OPEN_WORDS) else None


def _with_best(reward: Reward, block: LexborNode | None) -> Reward:
    """The best answer's author, pid and quoted text, when the page shows one."""
    if block is None or not any(word in squeezed(block) for word in S.REWARD_BEST_WORDS):
        return reward
    name = block.css_first(S.REWARD_BEST_AUTHOR)
    # the link to the answer (window.open(…findpost…pid=N)), not the name's beside it
    targets = [
        a.attrs.get("onclick") or a.attrs.get("href") or "" for a in block.css(S.REWARD_BEST_LINK)
    ]
    pid = next((m for t in targets if S.FINDPOST in t and (m := S.REWARD_PID.search(t))), None)
    uid = S.REWARD_UID.search((name.attrs.get("href") or "") if name is not None else "")
    return Reward(
        amount=reward.amount,
        credit=reward.credit,
        solved=True if reward.solved is None else reward.solved,
        best_pid=int(pid.group(1)) if pid else None,
        best_author=squeezed(name) or None,
        best_uid=int(uid.group(1)) if uid else None,
        best_text=squeezed(block.css_first(S.REWARD_BEST_MESSAGE)) or None,
    )


def api_reward(block: object, thread: object) -> Reward | None:
    """`Variables.special_reward` of a viewthread response, else None."""
    reward = mapping(block)
    price = S.REWARD_PRICE.match(str(reward.get("rewardprice") or ""))
    if price is None:
        return None
    best = mapping(reward.get("bestpost"))
    sign = as_int(mapping(thread).get("price"))
    solved = None if sign is None or sign == 0 else sign < 0
    message = str(best.get("message") or "")
    text = squeezed(LexborHTMLParser(message).body) if message.strip() else ""
    return Reward(
        amount=int(price.group(1)),
        credit=price.group(2) or None,
        solved=True if best and solved is None else solved,
        best_pid=as_int(best.get("pid")),
        best_author=str(best.get("author") or "") or None,
        best_uid=as_int(best.get("authorid")) or None,
        best_text=text or None,
    )

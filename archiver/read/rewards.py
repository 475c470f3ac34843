"""A thread's reward for people: as the export's JSON holds it, and as lines the forum would say."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from archiver.read.rows import flag, thread_rows


def load_reward(db: Database, site: str, tid: int) -> dict[str, Any] | None:
    """The reward with its earlier states, or None."""
    found = thread_rows(db, "rewards", site, tid)
    if not found:
        return None
    revisions = thread_rows(db, "reward_revisions", site, tid, "revision")
    return {
        **found[0],
        "solved": flag(found[0]["solved"]),
        "revisions": [{**row, "solved": flag(row["solved"])} for row in revisions],
    }


def reward_lines(reward: dict[str, Any]) -> list[str]:
    """The reward in the forum's words: 悬赏 N CREDIT, its state, then the best answer."""
    amount = "?" if reward["amount"] is None else str(reward["amount"])
    head = f"悬赏 {amount} {reward['credit'] or ''}".rstrip()
    if reward["solved"] is not None:
        head += " · " + ("已解决" if reward["solved"] else "未解决")
    lines = [head]
    if reward["best_pid"] is not None or reward["best_text"]:
        who = reward["best_author"] or "?"
        pid = "" if reward["best_pid"] is None else f" (pid {reward['best_pid']})"
        lines.append(f"最佳答案: {who}{pid}")
        if reward["best_text"]:
            lines.append(reward["best_text"])
    return lines


def load_reply_reward(db: Database, site: str, tid: int) -> dict[str, Any] | None:
    """The thread's 回帖奖励 terms as last seen, with their earlier states, or None."""
    found = thread_rows(db, "reply_rewards", site, tid)
    revisions = thread_rows(db, "reply_reward_revisions", site, tid, "revision")
    return {**found[0], "revisions": revisions} if found else None


def reply_reward_lines(terms: dict[str, Any]) -> list[str]:
    """回帖奖励 50 金钱, then 回复本帖可获得 5 … 每人限 1 次 (中奖概率 50%), as the box says it."""
    lines = [f"回帖奖励 {terms['pool']} {terms['credit'] or ''}".rstrip()]
    rule = [f"回复本帖可获得 {terms['per_reply']}"] if terms["per_reply"] else []
    rule += [f"每人限 {terms['per_member']} 次"] if terms["per_member"] else []
    rule += [f"中奖概率 {terms['chance']}%"] if terms["chance"] else []
    return lines + ([" · ".join(rule)] if rule else [])


def load_rush(db: Database, site: str, tid: int) -> dict[str, Any] | None:
    """The thread's 抢楼 terms as last seen, with their earlier states, or None."""
    found = thread_rows(db, "thread_rush", site, tid)
    revisions = thread_rows(db, "thread_rush_revisions", site, tid, "revision")
    return {**found[0], "revisions": revisions} if found else None


def rush_lines(terms: dict[str, Any]) -> list[str]:
    """本帖为抢楼帖 and each term set, in the words of the post form and the box above the
    first post: 抢楼时间 FROM ~ TO · 截止楼层：N · 奖励楼层: 3,5,*4 · 金钱大于 100 可以抢楼 ·
    每人回帖次数 1 (a term a page did not show is left out)."""
    times = [terms["starts_at"] or "", terms["ends_at"] or ""]
    rule = [f"抢楼时间: {times[0]} ~ {times[1]}".rstrip(" ~")] if any(times) else []
    rule += [f"截止楼层：{terms['stop_floor']}"] if terms["stop_floor"] else []
    rule += [f"奖励楼层: {terms['reward_floors']}"] if terms["reward_floors"] else []
    if terms["credit_limit"] is not None:
        rule.append(f"{terms['credit'] or '积分'}大于 {terms['credit_limit']} 可以抢楼")
    rule += [f"每人回帖次数 {terms['reply_limit']}"] if terms["reply_limit"] else []
    return ["本帖为抢楼帖"] + ([" · ".join(rule)] if rule else [])

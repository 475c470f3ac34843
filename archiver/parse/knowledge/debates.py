"""Selectors and phrases of a debate thread's debate (辩论帖: viewthread_debate.htm, both).

Labels are the language pack's (lang_template.php: debate_square_point, debate_opponent_point,
debater, endtime, debate_umpire, debate_square, debate_opponent, debate_draw, debate_winner,
debate_umpirepoint, debate_bestdebater), Traditional inferred. Desktop draws the sides in
`div.ds` and the debaters in `div.dr` after the first post's message, the verdict in
`#umpirepoint` before it, and each reply's side as `label.pdbts pdbts_N` (0 neutral,
1 正方, 2 反方); touch draws the sides in `div.mbn` blocks and no stands.
"""

from __future__ import annotations

import re

DEBATE_MARKS = ("正方观点", "正方觀點")  # a touch page without either has no debate
DEBATE_SIDES = "div.ds div.point > strong, div.mbn > div.mbn > strong, div.debate_box > strong"
DEBATE_SIDE_WORDS = {"正方观点": "affirm", "正方觀點": "affirm", "反方观点": "negate",
                     "反方觀點": "negate"}  # fmt: skip
DEBATE_DEBATERS = "div.dr h5"  # desktop: 辩手:N, the affirmative's first
DEBATERS = re.compile(r"(?:辩手|辯手)\s*[:：]\s*([0-9]{1,9})")
VOTES = re.compile(r"[(（]\s*([0-9]{1,9})\s*[)）]")
DEBATE_END = "p.dtm, div.mbn + div > p, div.debate div.endtime"
END_WORDS = ("结束时间", "結束時間")
UMPIRE_WORD = "裁判"  # the same in both scripts
DEBATE_VERDICT = "#umpirepoint strong, p > label > strong, p > strong"
WINNER_WORDS = {"正方": "affirm", "反方": "negate", "平局": "draw"}
WON_WORDS = ("获胜", "獲勝")  # X3.5 touch: <strong>反方获胜</strong>
# X3.5 touch writes the ruling as `<p>裁判观点: TEXT</p>`, no strong label
DEBATE_VERDICT_LINES = "div.debate_box > p"
WINNER_CLASSES = {"winner_1": "affirm", "winner_2": "negate", "winner_0": "draw"}
UMPIRE_POINT_WORDS = ("裁判观点", "裁判觀點")
BEST_DEBATER_WORDS = ("最佳辩手", "最佳辯手")
# a reply's side: DEBATE_STAND (label.pdbts, with the page's rare parts) pdbts_N, its 支持 N
# link `a.b#voterdebate_PID`
STAND_CLASSES = {"pdbts_0": "neutral", "pdbts_1": "affirm", "pdbts_2": "negate"}
STAND_VOTES = "a.b"
SUPPORTERS = re.compile(r"([0-9]{1,9})\s*$")
# X3.5 touch: each reply's `a[href*=filter=debate&stand=N]` (正方 / 反方 / 中立) and its 支持 N
# link `a#voterdebate_PID`
TOUCH_STAND_MARK = "filter=debate"  # a touch page without it shows no sides
TOUCH_STAND_LINKS = "a[href*='filter=debate']"
STAND_IN_LINK = re.compile(r"[?&](?:amp;)?stand=([0-2])(?![0-9])")
STAND_NUMBERS = {"0": "neutral", "1": "affirm", "2": "negate"}
TOUCH_VOTES_ID = "voterdebate_"
API_WINNERS = {"1": "affirm", "2": "negate", "3": "draw"}  # forum_debate.winner

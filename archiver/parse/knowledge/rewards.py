"""Selectors and phrases of a reward thread's reward (悬赏帖: viewthread_reward.htm, both).

Phrases are the language pack's (source/language/forum/lang_template.php: thread_reward,
reward_solved, unresolved, reward_bestanswer), Simplified (zh_CN) beside Traditional (the TC
builds). The state is also in the box's class: `rusld` while open (price > 0), `rsld` solved.
"""

from __future__ import annotations

import re

# a touch page without either has no reward: no search of the tree (a desktop page's reward,
# best answer included, is drawn in its first post: only that post is searched)
REWARD_MARKS = ('class="rwd', 'class="reward', "悬赏", "懸賞")  # X3.4 GBK's touch box has no class
# desktop: 悬赏<cite>N</cite>CREDIT<em>已解决</em>; touch: 悬赏<strong>N</strong>CREDIT <span>…
REWARD_BOX = "div.rwd > div.z, div.reward > div.reward_txt, div.message > div"  # the last: touch
REWARD_AMOUNT = "cite, strong"
REWARD_STATE = "em, span"
REWARD_OPEN_CLASS = "rusld"
REWARD_SOLVED_CLASS = "rsld"
REWARD_BEST = "div.rwdbst"
# the name link (desktop: the avatar's link comes first; touch: div.muser)
REWARD_BEST_AUTHOR = "div.psta a.xw1, div.muser a[href*='uid='], div.psti a.xw1"
# desktop onclick: window.open('…goto=findpost&ptid=T&pid=P'); touch: the h3's href
REWARD_BEST_LINK = "div.psti p.xi2 a, h3 a[href*='findpost']"
REWARD_BEST_MESSAGE = "div.psti div.mtn, div.mtxt"
FINDPOST = "findpost"  # the best answer's own link goes to redirect&goto=findpost
REWARD_PID = re.compile(r"[?&]pid=([0-9]{1,18})")
REWARD_UID = re.compile(r"[?&]uid=([0-9]{1,18})")

REWARD_WORDS = ("悬赏", "懸賞")
REWARD_SOLVED_WORDS = ("已解决", "已解決")
REWARD_OPEN_WORDS = ("未解决", "未解決")
REWARD_BEST_WORDS = ("最佳答案",)  # the same in both scripts
# the API's `rewardprice`: `N CREDIT` (the amount, a space, the credit's title)
REWARD_PRICE = re.compile(r"^\s*([0-9]{1,18})\s*(.*?)\s*$", re.S)

# 回帖奖励 (replycredit), not a 悬赏: a reply's `h3.psth` reads 回帖奖励 +N CREDIT (the credit's
# unit and title); h3.psth also heads the 评分 and 点评 boxes, so the words tell it
REPLY_CREDIT_TEXT = re.compile(r"(?:回帖奖励|回帖獎勵)\s*\+\s*([0-9]{1,9})\s*(.*?)\s*$", re.S)
# the thread's own 回帖奖励 terms (viewthread.htm's div#pl_top; lang thread_replycredit_tips1-3):
# `<strong>50 金钱</strong>` left in the pool, then
# 回复本帖可获得 5 金钱奖励! 每人限 1 次 (中奖概率 50%)
REPLY_REWARD_ID = "pl_top"
REPLY_REWARD_POOL = "td.pls strong"
REPLY_REWARD_POOL_TEXT = re.compile(r"^\s*([0-9]{1,9})\s*(.*?)\s*$", re.S)
REPLY_REWARD_PER = re.compile(r"回[复複]本帖可[获獲]得\s*([0-9]{1,9})")
REPLY_REWARD_MEMBER = re.compile(r"每人限\s*([0-9]{1,9})\s*次")
REPLY_REWARD_CHANCE = re.compile(r"中[奖獎]概率\s*([0-9]{1,3})\s*%")

# 抢楼 (rush reply; forum_threadrush): viewthread.htm draws its terms in the same div#pl_top, on
# every page, in the row whose icon is rushreply_s.png (lang_template.php: rushreply 抢楼,
# thread_rushreply 本帖为抢楼帖，欢迎抢楼!, thread_rushreply_limit
# 本帖为抢楼帖，CREDIT大于N可以抢楼, thread_rushreply_end 截止楼层：N, thread_rushreply_floor
# 奖励楼层: TERMS); its times only as a countdown from the page's moment (settimer(SECONDS)),
# its 每人回帖次数 never
RUSH_ICON = 'img[src*="rushreply_s"]'
RUSH_LABEL = "td.pls strong"  # X3.5 draws no icon, only <strong>抢楼</strong> (its row's label)
RUSH_WORDS = ("抢楼",)
RUSH_ROW = "tr"
RUSH_STOP = re.compile(r"截止楼层\s*[：:]\s*([0-9]{1,9})")
RUSH_FLOORS = re.compile(r"奖励楼层\s*[：:]\s*([0-9*,]+)")
RUSH_CREDIT_LIMIT = re.compile(r"本帖为抢楼帖\s*[，,]\s*(.*?)\s*大于\s*(-?[0-9]{1,9})\s*可以抢楼")
# a reply on a rewarded floor (viewthread_node.htm, `!$post['first'] && $post['rewardfloor']`):
# div.pdbt's 恭喜 (a.v) and 抢中本楼 (a.b) links, both to the thread's &checkrush=1 view
# (the label a debate reply's side is drawn in (label.pdbts pdbts_1 is 正方): parse/debate.py
# tells them apart by the link to the checkrush view)
RUSH_HIT = "div.pdbt a.b"
RUSH_HIT_WORDS = ("抢中本楼",)
RUSH_HIT_LINK = "a[href*='checkrush=1']"
# 查看抢中楼层: that view lists only the rewarded floors (its pager is its own)
CHECKRUSH_IN_URL = re.compile(r"[?&](?:amp;)?checkrush=1(?![0-9])")

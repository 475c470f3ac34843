"""Selectors and phrases of a thread's own state: 关闭, its 图章, 付费主题 and the API's levels.

Templates: forum/viewthread.htm (the `span.xg1` after `h1.ts`: X3.4's `img[src$=locked.gif]`
and X3.5's `i.fico-lock`, both titled 关闭, before the [复制链接] link, whose onclick is
copyThreadUrl), forum/viewthread_node.htm (`div#threadstamp > img[title]` above the first post),
forum/viewthread_node_body.htm (`付费主题, 价格: <strong>N 金钱`) and viewthread_pay.htm,
and the API's thread row (closed, digest, displayorder, price, readperm). Phrases are
lang_template.php's (close, pay_threads, pay_comment), Simplified beside Traditional.
"""

from __future__ import annotations

import re

COPY_LINK = "a[onclick*='copyThreadUrl']"  # the stock slot beside the subject: it is there
# A browser's MHTML (Chrome's "Save as MHTML", DevTools' captureSnapshot) keeps no on* attribute:
# there the slot is a link to the thread with no onclick at all that says [复制链接]
COPY_LINK_BARE = (
    "a:not([onclick])[href*='mod=viewthread'][href*='tid='], "
    "a:not([onclick])[href^='thread-'], a:not([onclick])[href*='/thread-']"
)
COPY_LINK_WORDS = ("复制链接", "複製鏈接")
CLOSED_MARKS = "[title='关闭'], [title='關閉'], img[src*='locked.gif'], i.fico-lock"
STAMP_ID = "threadstamp"
STAMP_IMAGE = "img[title]"
PAID_BOX = "div.locked"  # desktop: above the first post's message (a RARE_PARTS entry, LOCKED)
# a reader who paid (or its author) sees pay_threads; one who has not, viewthread_pay.htm's
# pay_comment (本主题需向作者支付 N 金钱 才能浏览), with a 购买主题 link
PAID_PRICE = re.compile(
    r"(?:付[费費]主[题題]\s*[,，]\s*[价價]格\s*[:：]|本主[题題]需向作者支付)\s*([0-9]{1,9})"
)
PAID_MARKS = ("付费主题", "付費主題", "需向作者支付")  # a page without any shows no price
# touch: `付费主题, 价格: <strong>5 金钱 </strong> <a …viewpayments>记录</a>` before every reply
PAY_RECORD = "a[href*='action=viewpayments']"
# a reply's 支持 / 反对 counts (viewthread_node.htm; X3.5's touch page too), empty for 0
REVIEW_IDS = ("review_support_", "review_against_")
REVIEW_COUNTS = "span[id^='review_support_'], span[id^='review_against_']"
# the last moderation under the first post (lang thread_mod_by): 本主题由 NAME 于 <span
# title=TIME>shown</span> ACTION, in div.modact's link
MOD_NOTE = "div.modact"
MOD_TIME = "span"
MOD_BY = re.compile(r"^\s*本主[题題]由\s*(.*?)\s*[于於]\s*$")
# the same note with its date printed bare (dgmdate 'u' past a week, or dateconvert off)
MOD_NOTE_TEXT = re.compile(
    r"^本主[题題]由\s*(.*?)\s*[于於]\s*([0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:\s+[0-9:]+)?)\s*(.*)$"
)

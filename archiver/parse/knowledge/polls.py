"""Selectors and phrases of a poll thread's poll (投票帖: viewthread_poll.htm, desktop and touch).

Phrases are the language pack's (source/language/forum/lang_template.php: poll_single,
poll_multiple, poll_more_than, poll_voterscount, poll_after_result, poll_count_down, poll_end,
days, poll_hour, poll_minute, debate_poll), Simplified (zh_CN) beside Traditional (the TC builds).
"""

from __future__ import annotations

import re

POLL_FORM_ID = "poll"  # form#poll, desktop and touch alike
POLL_FORM = "form#poll"
POLL_MARK = 'id="poll"'  # a page without it has no poll: no search of the tree
# the line with the kind and the voter count: desktop div.pinf, X3.4 touch the form's first
# div, X3.5 touch div.poll_txt
POLL_INFO = "div.pinf, div.poll_txt, form#poll > div"
# 距结束还有 … or 投票已经结束: desktop p.ptmr, X3.4 touch a p of the form, X3.5 a second div
POLL_EXPIRY = "p.ptmr, form#poll > p, div.poll_txt + div.poll_txt"
POLL_LABELS = "label[for^='option_']"  # a text poll's options: `K. &nbsp;TEXT`
POLL_CHOICE = "input#option_{}"  # value = polloptionid, shown only to a viewer who may vote
POLL_RESULT_BAR = "div.pbr"  # desktop: the row under an option when results are shown
POLL_IMAGE_CELLS = "td[id^='polloption_']"  # an image poll's options, id = polloptionid
POLL_IMAGE_CELL_ID = re.compile(r"^polloption_([0-9]{1,18})$")
POLL_IMAGE_TEXT = "p.mtn"
POLL_IMAGE_VOTES = "span.z"  # `N票`
POLL_IMAGE_PERCENT = "span.y"  # `P%`
POLL_IMAGE = "img[aid]"  # zoomfile: the full picture; src: the thumbnail
# a touch poll's form posts back with mobile=2; its message id is not a desktop message's
TOUCH_POLL_ACTION = "mobile=2"
TOUCH_POLL_MESSAGE = "div.postmessage[id^='postmessage_']"

MULTIPLE_WORDS = ("多选投票", "多選投票")
SINGLE_WORDS = ("单选投票", "單選投票")
RESULTS_HIDDEN_WORDS = ("投票后结果可见", "投票後結果可見")
POLL_ENDED_WORDS = ("投票已经结束", "投票已經結束")
POLL_MAX_CHOICES = re.compile(r"最多可[选選]\s*([0-9]{1,18})\s*[项項]")
POLL_VOTERS = re.compile(r"共有\s*([0-9]{1,18})\s*人[参參][与與]投票")
POLL_COUNTDOWN = re.compile(r"距[结結]束[还還]有\s*[:：]?\s*(.+?)\s*$", re.S)
POLL_REMAINING = re.compile(
    r"^(?:([0-9]{1,9})\s*天)?\s*(?:([0-9]{1,9})\s*小[时時])?\s*([0-9]{1,9})\s*分[钟鐘]$"
)
POLL_OPTION_NUMBER = re.compile(r"^\s*([0-9]{1,9})\.\s*")  # `2. &nbsp;` before the text
# `39.02% (16)`; X3.5's touch page adds the unit: `39.02% (16票)`
POLL_RESULT = re.compile(r"([0-9]{1,9}(?:\.[0-9]+)?)\s*%\s*\(\s*([0-9]{1,18})\s*票?\s*\)")
POLL_VOTES = re.compile(r"([0-9]{1,18})\s*票")
POLL_PERCENT = re.compile(r"([0-9]{1,9}(?:\.[0-9]+)?)\s*%")

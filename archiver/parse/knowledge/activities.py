"""Selectors and phrases of an activity thread's activity (活动帖: viewthread_activity.htm).

Labels are the language pack's (source/language/forum/lang_template.php: activity_type,
activity_starttime, activity_space, gender, activity_payment, activity_already,
activity_about_member, post_closing, activity_new_join, activity_new_signup,
activity_start_between), Simplified beside Traditional (the TC wordings are inferred from the
TC builds' habits, not read off a TC page). Desktop draws `div.act > div.spi` with `dt`/`dd`
pairs before the first post's message; touch draws `div.mbn > dl` with `dt` rows
(`活动类型: VALUE`) before it (X3.4), or `div.activity > dl` with `dt > span.mtit` labels after
it (X3.5). Both list applicants in tables after the message.
"""

from __future__ import annotations

import re

# a touch page without either has no activity: no search of the tree
ACTIVITY_MARKS = ("活动类型", "活動類型")
ACTIVITY_BOX = "div.act div.spi > dl, div.activity > dl, div.mbn > dl"
ACTIVITY_IMAGE = "div.spvimg img, div.activity > img, div.mbn > img"
# {IMGDIR}/nophoto.gif (activity), nophotosmall.gif (trade): the box has no picture
NO_PHOTO_IMAGES = ("nophoto.gif", "nophotosmall.gif")
ZOOM_FULL_SIZE = re.compile(r"zoom\(\s*this\s*,\s*'([^']+)'")  # desktop: the full-size picture
TOUCH_LABEL = "span.mtit"
LABEL_END = re.compile(r"[:：]")  # `活动类型: 朋友聚会`: a touch row's label ends at its colon
# label -> field of Activity
ACTIVITY_LABELS = {
    "活动类型": "kind",
    "活動類型": "kind",
    "开始时间": "starts",
    "開始時間": "starts",
    "活动地点": "place",
    "活動地點": "place",
    "性别": "gender",
    "性別": "gender",
    "每人花销": "cost",
    "每人花銷": "cost",
    "已报名人数": "applied",
    "已參加人數": "applied",
    "已参加人数": "applied",
    "已報名人數": "applied",
    "剩余名额": "remaining",
    "剩餘名額": "remaining",
    "报名截止": "closes",
    "報名截止": "closes",
}
ACTIVITY_GENDERS = {"男": "male", "女": "female", "不限": "any"}
API_GENDERS = {"0": "any", "1": "male", "2": "female"}
# activity_start_between: `FROM 至 TO 商定`
ACTIVITY_RANGE = re.compile(r"^(.*?)\s*至\s*(.*?)\s*(?:商定)?\s*$", re.S)
# the applicant lists: a heading then a table
APPLICANT_TABLES = "table.dt, table.mbox"
APPLICANT_HEADINGS = ("h2", "dt", "p")  # desktop, touch X3.5, touch X3.4 (p.pd5)
VERIFIED_WORDS = ("已通过", "已通過")
WAITING_WORDS = ("暂未通过", "暫未通過")
HEADING_COUNT = re.compile(r"[(（]\s*([0-9]{1,9})")
# column headings of the applicant tables
APPLICANT_COLUMNS = {
    "留言": "message",
    "每人花销": "payment",
    "每人花銷": "payment",
    "申请时间": "applied",
    "申請時間": "applied",
}
APPLICANT_ROWS, APPLICANT_HEADS, APPLICANT_CELLS = "tr", "th", "td"
APPLICANT_LINK = "a[href*='uid=']"
# `3 人`, `30 元`: the number before its unit
LEADING_NUMBER = re.compile(r"^\s*([0-9]{1,18})(?![0-9])")

"""Selectors and patterns of what a message holds beyond text: media players, the parts of a
split first post ([page], [index]) and a paid thread's free part ([free]).

Sources: function_discuzcode.php (parseflv / parseaudio / parsemedia: `div.media` with a
`div.media_tips` link to the file and a detectPlayer() script; [flash] on X3.4: a `span#swf_*`
filled by AC_FL_RunContent(… encodeURI('URL') …)), forum/viewthread_node_body.htm
(`div#threadpage` + show_threadpage(pid, current, total, …) for a [page]-split post, shown one
part a page unless `cp=all`) and forum/viewthread_pay.htm (the [free] part in a `div.t_f` whose
id is the next post's `postmessage_`).
"""

from __future__ import annotations

import re

MEDIA_MARKS = ("media_tips", "ac_fl_runcontent")  # in the lowercased markup: players to read
MEDIA_BOX = "div.media"
MEDIA_LINK = "div.media_tips a[href]"
FLASH_BOX = "span[id^='swf_']"
FLASH_URL = re.compile(r"encodeURI\('([^']+)'\)")
FREE_MESSAGE = "div.t_f[id^='postmessage_']"  # in a paid first post: its [free] part
THREAD_PAGE_ID = "threadpage"  # a [page]-split first post shows one part: its script says
THREAD_PAGE = re.compile(r"show_threadpage\(\s*([0-9]+)\s*,\s*([0-9]+)\s*,\s*([0-9]+)")
THREAD_INDEX_ID = "threadindex"  # [index]: its entries name the parts (`a[page=N]`)
INDEX_PAGES = "a[page]"
THREAD_INDEX_PID = re.compile(r"show_threadindex\(\s*([0-9]+)")
PART_IN_URL = re.compile(r"[?&]cp=([0-9]+|all)\b")
FILE_NAME_SHAPE = re.compile(r"\.[A-Za-z0-9]{1,5}$")  # `种子.gif`, not a description
IMAGE_ID_PREFIX = "aimg_"  # parseimg's random(5) after it, or an attachment's aid

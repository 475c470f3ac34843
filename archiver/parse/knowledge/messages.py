"""Forum messages (showmessage) and the mobile API's errors: words, error classes, what to try."""

from __future__ import annotations

from archiver.errors import DiscuzMessage, LoginRequired, NoPermission, ThreadNotFound

# forum messages (showmessage): (words in a page's message, words in the API's messageval,
# error class, what to try), checked in order
MESSAGE_KINDS: tuple[tuple[tuple[str, ...], tuple[str, ...], type[DiscuzMessage], str], ...] = (
    (
        (
            "不存在",
            "已被删除",
            "已被刪除",
            "正在被审核",
            "正在被審核",
            "没有找到帖子",
            "沒有找到帖子",
        ),
        ("nonexistence", "not_found"),
        ThreadNotFound,
        "check the tid; the thread may be deleted or awaiting moderation",
    ),
    (  # the page a login answers with (login_succeed), saved instead of the thread it led to
        ("欢迎您回来", "歡迎您回來"),
        ("login_succeed",),
        DiscuzMessage,
        "that is the page a login answers with: open the thread, then save or archive that page",
    ),
    (
        ("尚未登录", "尚未登錄", "登录", "登錄", "login"),
        ("login",),
        LoginRequired,
        "log in with a browser and pass its cookies with --cookies",
    ),
    (
        (
            "权限",
            "權限",
            "无法进行此操作",
            "無法進行此操作",
            "需要满足以下条件",
            "需要滿足以下條件",
            "升级",
            "升級",
            "禁用",
            "不在允许范围",
            "不在允許範圍",
        ),  # fmt: skip
        ("nopermission", "permforum", "disallow", "banned"),
        NoPermission,
        "this account may not read it; use the cookies of an account that can",
    ),
)
# the mobile API's own errors (`{"error": KEY}`), and the stock zh_CN texts of messagestr
# when it arrives untranslated (`mobile:KEY`, markup spec §7)
API_ERRORS = {
    "mobile_is_closed": "the forum's mobile API (the 掌上论坛 plugin) is switched off; "
    "archive the desktop pages instead",
    "module_not_exists": "the mobile API has no such module; ask for module=viewthread",
}
API_MESSAGE_TEXTS = {
    "thread_nonexistence": "抱歉，指定的主题不存在或已被删除或正在被审核",
    "viewperm_login_nopermission": "抱歉，您尚未登录，没有权限访问该版块",
    "viewperm_none_nopermission": "抱歉，您没有权限访问该版块",
    "forum_nonexistence": "抱歉，指定的版块不存在",
    "to_login": "您需要先登录才能继续本操作",
}

# a login page instead of the thread (touch answers a guest so for a thread that needs a login:
# template/default/touch/member/login.htm's form#loginform; desktop's member.php form is
# loginform_HASH): no message text, only the form
LOGIN_PAGE_FORM = "form[id^='loginform'][action*='action=login']"
LOGIN_PAGE_TEXT = "a login page instead of the thread"

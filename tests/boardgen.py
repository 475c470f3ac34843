"""Synthetic forum thread-list (forumdisplay) pages in the stock X3.4 markup, for board tests."""

from __future__ import annotations

import html
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    """One listed thread."""

    tid: int
    subject: str
    author: str
    uid: int
    replies: int
    views: int
    last_poster: str
    last_post: str  # `Y-n-j H:i` in site time
    sticky: bool = False


def _row(row: Row) -> str:
    kind = "stickthread" if row.sticky else "normalthread"
    link = f"forum.php?mod=viewthread&amp;tid={row.tid}&amp;extra=page%3D1"
    return f"""<tbody id="{kind}_{row.tid}">
<tr>
<td class="icn"><a href="{link}" title="新窗口打开" target="_blank"><img src="static/image/common/folder_common.gif" /></a></td>
<th class="common">
 <a href="{link}" onclick="atarget(this)" class="s xst">{html.escape(row.subject)}</a>
</th>
<td class="by">
<cite><a href="home.php?mod=space&amp;uid={row.uid}" c="1">{html.escape(row.author)}</a></cite>
<em><span>2025-1-1</span></em>
</td>
<td class="num"><a href="{link}" class="xi2">{row.replies}</a><em>{row.views}</em></td>
<td class="by">
<cite><a href="home.php?mod=space&username={html.escape(row.last_poster)}" c="1">{html.escape(row.last_poster)}</a></cite>
<em><a href="forum.php?mod=redirect&tid={row.tid}&goto=lastpost#lastpost">{row.last_post}</a></em>
</td>
</tr>
</tbody>"""


def _pager(fid: int, page: int, pages: int) -> str:
    if pages <= 1:
        return ""
    links = "".join(
        f"<strong>{n}</strong>"
        if n == page
        else f'<a href="forum.php?mod=forumdisplay&amp;fid={fid}&amp;page={n}">{n}</a>'
        for n in range(1, pages + 1)
    )
    return (
        f'<div class="pg">{links}<label><input type="text" name="custompage" class="px" '
        f'size="2" title="输入页码，按回车快速跳转" value="{page}" /><span title="共 {pages} 页"> / '
        f"{pages} 页</span></label></div>"
    )


def board_page(
    *, fid: int, name: str, page: int, pages: int, rows: list[Row], base: str,
    rendered_at: str = "2025-3-15 14:20",
) -> bytes:  # fmt: skip
    """A complete forumdisplay page (UTF-8)."""
    body = "\n".join(_row(r) for r in rows)
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{html.escape(name)} -  测试论坛 -  Powered by Discuz!</title>
<meta name="generator" content="Discuz! X3.4" />
<base href="{base}" />
</head>
<body id="nv_forum" class="pg_forumdisplay" onkeydown="if(event.keyCode==27) return false;">
<div id="wp" class="wp">
<script type="text/javascript">var fid = parseInt('{fid}');</script>
<div id="pt" class="bm cl"><div class="z"><a href="./" class="nvhm" title="首页">测试论坛</a><em>&raquo;</em><a href="forum.php">论坛</a> <em>&rsaquo;</em> <a href="forum.php?gid=1">分区</a><em>&rsaquo;</em> <a href="forum.php?mod=forumdisplay&fid={fid}">{html.escape(name)}</a></div></div>
<div id="pgt" class="bm bw0 pgs cl">{_pager(fid, page, pages)}</div>
<div id="threadlist" class="tl bm bmw">
<form method="post" autocomplete="off" name="moderate" id="moderate" action="forum.php?mod=topicadmin&amp;action=moderate&amp;fid={fid}&amp;infloat=yes&amp;nopost=yes">
<table summary="forum_{fid}" cellspacing="0" cellpadding="0" id="threadlisttableid">
{body}
</table>
</form>
</div>
</div>
<div id="ft" class="wp cl"><div id="flk" class="y"><p class="xs0">GMT+8, {rendered_at}</p></div>
<div id="frt"><p>Powered by <strong><a href="https://www.discuz.vip/" target="_blank">Discuz!</a></strong> <em>X3.4</em></p></div></div>
</body>
</html>
""".encode()

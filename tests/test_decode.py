import pytest

from archiver.decode import decode, normalize_charset

TEXT = "泰州医药高新区发展新中心"


def page(charset_meta: str, body: str = TEXT) -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset_meta}" />'
    return f"<html><head>{meta}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("gbk", "gb18030"),
        ("GB2312", "gb18030"),
        ("utf8", "utf-8"),
        ("UTF-8", "utf-8"),
        ("bogus", None),
        (None, None),
    ],
)
def test_normalize_charset(name, expected):
    assert normalize_charset(name) == expected


def test_gbk_meta_decodes_as_gb18030():
    raw = page("gbk").encode("gbk")
    result = decode(raw)
    assert (result.text, result.charset, result.declared, result.replacements) == (
        page("gbk"),
        "gb18030",
        "gb18030",
        0,
    )


def test_characters_only_gb18030_has_decode_under_a_gbk_declaration():
    body = TEXT + "𠮷"  # outside GBK, inside GB18030
    raw = page("gbk", body).encode("gb18030")
    assert decode(raw).text == page("gbk", body)


def test_browser_resaved_utf8_under_gbk_meta_decodes_as_utf8():
    raw = page("gbk").encode("utf-8")
    result = decode(raw)
    assert (result.text, result.charset, result.declared) == (page("gbk"), "utf-8", "gb18030")


def test_http_charset_wins_over_a_lying_meta():
    # the touch template says utf-8 in its meta even on GBK sites
    raw = page("utf-8").encode("gbk")
    result = decode(raw, "gbk")
    assert (result.text, result.charset) == (page("utf-8"), "gb18030")


def test_lying_utf8_meta_without_header_falls_back_to_the_script_variable():
    html = page("utf-8", "<script>var charset = 'gbk', discuz_uid = '0';</script>" + TEXT)
    result = decode(html.encode("gbk"))
    assert (result.text, result.charset) == (html, "gb18030")


def test_bom_decides():
    raw = "\ufeff".encode() + page("gbk").encode("utf-8")
    assert decode(raw).text == page("gbk")


def test_no_declaration_sniffs_utf8_then_gb18030():
    assert decode(TEXT.encode("utf-8")).charset == "utf-8"
    assert decode(TEXT.encode("gbk")).text == TEXT


def test_undecodable_bytes_are_replaced_and_counted():
    raw = page("utf-8", "BAD").encode("utf-8").replace(b"BAD", b"\xff\xfe\xfd")
    result = decode(raw)
    assert (result.text, result.charset, result.replacements) == (
        page("utf-8", "\ufffd\ufffd\ufffd"),
        "utf-8",
        3,
    )


@pytest.mark.parametrize("declared", ["undefined", "base64", "rot13", "zlib", "no-such-codec"])
def test_a_declaration_naming_no_text_encoding_is_passed_over(declared):
    """Found by the fuzz soak: `charset=undefined` named Python's codec that raises on any byte,
    on a page no charset decodes cleanly (a byte 0xFF is neither UTF-8 nor GB18030)."""
    page = f'<meta http-equiv="Content-Type" content="text/html; charset={declared}" />你好'
    decoded = decode(page.encode("utf-8") + b"\xff")
    assert (decoded.text[-3:], decoded.charset, decoded.replacements) == ("你好\ufffd", "utf-8", 1)

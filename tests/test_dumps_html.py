"""Saved web pages and MHTML: formats by content, encodings, extraction, hostile input."""

from __future__ import annotations

import codecs
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pagewriter import HEADLINE, LAST, PARAGRAPHS, SUBHEADING, URL, article_page, as_mhtml
from newsreader.dumps import DumpError, html_page, parse_dump, registry

EXPECTED_BODY = [*PARAGRAPHS, SUBHEADING, LAST]


def _body(data: bytes) -> list[str]:
    parsed = parse_dump(data)
    assert parsed.article is not None
    return [b.text for b in parsed.article.blocks]


def test_a_saved_page_is_one_clean_story() -> None:
    parsed = parse_dump(article_page().encode())
    assert parsed.format == "html_page" and parsed.headlines == ()
    article = parsed.article
    assert article is not None
    assert article.title == HEADLINE  # not the <title> with its site suffix
    assert [b.text for b in article.blocks] == EXPECTED_BODY
    assert [b.kind for b in article.blocks][3] == "heading"
    stamp = article.headline.timestamp if article.headline else None
    assert stamp is not None
    assert (stamp.date, stamp.time) == (dt.date(2023, 8, 10), dt.time(18, 25))
    assert article.byline == "作者：李明 来源：本地日报"
    assert article.keywords == ("步道", "园林", "周末")
    assert (article.url, article.site) == (URL, "本地新闻网")


def test_scripts_styles_frames_hidden_text_and_handlers_never_show() -> None:
    text = " ".join(_body(article_page().encode()))
    for absent in ("脚本写的文字", "color: red", "隐藏的文字", "steal", "alert", "ads.example"):
        assert absent not in text


def test_navigation_related_share_comments_footer_and_editor_lines_are_dropped() -> None:
    text = " ".join(_body(article_page().encode()))
    for absent in ("频道", "另一条本地新闻", "分享到", "网友评论", "带孩子", "版权所有",
                   "责任编辑"):
        assert absent not in text


def test_an_article_container_named_like_furniture_is_still_read() -> None:
    page = article_page().replace('<div class="article">', '<div class="article share-box">')
    assert _body(page.encode()) == EXPECTED_BODY


def test_a_txt_file_holding_html_is_html() -> None:
    assert registry.detect(article_page().encode()).NAME == "html_page"
    assert registry.detect(b"\n\n  <!-- saved -->\n" + article_page().encode()).NAME == "html_page"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (article_page().encode("utf-8"), "utf-8"),
        (article_page(charset_meta=None).encode("utf-8"), "utf-8"),
        # Re-saved as UTF-8 but still declaring gb2312: the bytes win.
        (article_page(charset_meta="gb2312").encode("utf-8"), "utf-8"),
        (article_page(charset_meta="gb2312").encode("gbk"), "gb18030"),
        (article_page(charset_meta=None).encode("gbk"), "gb18030"),
        (article_page(charset_meta="gb18030").encode("gb18030"), "gb18030"),
        (codecs.BOM_UTF8 + article_page(charset_meta="gbk").encode("utf-8"), "utf-8-sig"),
        (article_page(charset_meta=None).encode("utf-16"), "utf-16"),
        (article_page(charset_meta=None, extra_head=(
            '<meta http-equiv="Content-Type" content="text/html; charset=gbk">'
        )).encode("gbk"), "gb18030"),
    ],
    ids=["utf8", "utf8-undeclared", "utf8-declared-gb2312", "gbk", "gbk-undeclared",
         "gb18030", "utf8-bom", "utf16-bom", "http-equiv"],
)
def test_every_encoding_class_reads_ungarbled(data: bytes, encoding: str) -> None:
    parsed = parse_dump(data)
    assert parsed.encoding == encoding
    assert parsed.article is not None and parsed.article.title == HEADLINE
    assert [b.text for b in parsed.article.blocks] == EXPECTED_BODY


def test_a_declared_big5_page_reads_in_big5() -> None:
    body = "".join(f"<p>{p}</p>" for p in ("河邊新修的步道本週末向市民開放，記者從園林局獲悉。",
                                          "步道全長約六公里，沿途設置了十二處休息點。"))
    page = (f'<html><head><meta charset="big5"><title>步道開放_新聞網</title></head>'
            f"<body><h1>步道開放</h1><div>{body}</div></body></html>")
    parsed = parse_dump(page.encode("big5"))
    assert parsed.encoding == "big5"
    assert parsed.article is not None and parsed.article.title == "步道開放"
    assert parsed.article.blocks[1].text == "步道全長約六公里，沿途設置了十二處休息點。"


def test_numeric_and_named_entities_are_text() -> None:
    page = article_page(headline="&#27827;&#x8FB9;新修的步道&nbsp;本周末&ldquo;开放&rdquo;")
    parsed = parse_dump(page.encode())
    assert parsed.article is not None
    assert parsed.article.title == "河边新修的步道 本周末“开放”"


def test_a_gbk_page_with_one_bad_byte_pair_still_reads() -> None:
    data = article_page(charset_meta="gbk").encode("gbk").replace(
        "园林局负责人".encode("gbk"), b"\xff\xfe" + "林局负责人".encode("gbk"))
    parsed = parse_dump(data)
    assert parsed.article is not None and parsed.article.title == HEADLINE


def test_an_undecodable_page_is_rejected_with_its_reason() -> None:
    data = b"<!DOCTYPE html><html><head><title>x</title></head><body>" + bytes(
        range(128, 256)) * 400 + b"</body></html>"
    with pytest.raises(DumpError, match="(cannot decode the page|no article found)"):
        parse_dump(data)


@pytest.mark.parametrize("transfer", ["quoted-printable", "base64"])
@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
def test_mhtml_reads_as_the_page_it_wraps(transfer: str, charset: str) -> None:
    page = article_page(charset_meta=None).encode(charset)
    wrapped = as_mhtml(page, transfer=transfer, charset=charset)
    assert registry.detect(wrapped).NAME == "mhtml"
    parsed = parse_dump(wrapped)
    assert parsed.format == "mhtml"
    direct = parse_dump(page)
    assert parsed.article == direct.article


def test_mhtml_gives_the_page_address_when_the_page_has_none() -> None:
    page = article_page(canonical=None).encode()
    assert parse_dump(page).article.url is None  # type: ignore[union-attr]
    parsed = parse_dump(as_mhtml(page, url="https://other.example.org/a/1.html"))
    assert parsed.article is not None
    assert parsed.article.url == "https://other.example.org/a/1.html"


def test_mhtml_without_a_page_part_is_rejected() -> None:
    data = (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n"
            b"--b\r\nContent-Type: text/css\r\n\r\np {}\r\n--b--\r\n")
    with pytest.raises(DumpError, match="no HTML page part"):
        parse_dump(data)


def test_a_page_without_an_article_is_rejected() -> None:
    nav = "".join(f'<li><a href="/{i}">栏目{i}</a></li>' for i in range(30))
    data = f"<html><head><title>首页</title></head><body><ul>{nav}</ul></body></html>".encode()
    with pytest.raises(DumpError, match="no article found"):
        parse_dump(data)


def test_a_page_nested_ten_thousand_deep_ends_in_a_story_or_a_clear_rejection() -> None:
    deep = "<div>" * 10_000 + "<p>很深的地方有一句话，读者看不到。</p>" + "</div>" * 10_000
    page = article_page().replace('<div class="footer">', deep + '<div class="footer">')
    parsed = parse_dump(page.encode())
    assert parsed.article is not None and parsed.article.title == HEADLINE
    only_deep = f"<html><head><title>{HEADLINE}</title></head><body>{deep}</body></html>"
    with pytest.raises(DumpError, match="nest deeper than 256"):
        parse_dump(only_deep.encode())


@pytest.mark.slow
def test_a_64_mib_page_finishes_with_a_story() -> None:
    para = "<p>" + "很长的页面里重复的一句话，内容都是正文。" * 40 + "</p>\n"
    filler = para * (60 * 2**20 // len(para.encode()))
    page = article_page().replace(f"<p>{LAST}</p>", f"<p>{LAST}</p>" + filler)
    data = page.encode()
    assert 60 * 2**20 < len(data) <= 64 * 2**20
    parsed = parse_dump(data)
    assert parsed.article is not None and parsed.article.title == HEADLINE


def test_a_page_of_nothing_but_tags_is_refused_quickly() -> None:
    data = b"<html><body><h1>t</h1>" + b"<p>a</p>" * 600_000 + b"</body></html>"
    with pytest.raises(DumpError, match=r"it has 1,200,00\d tags \(the limit is 500,000\)"):
        parse_dump(data)


@pytest.mark.slow
def test_64_mib_of_tags_is_refused_not_parsed() -> None:
    data = b"<html><body>" + b"<i>x</i>" * (64 * 2**20 // 8 - 8) + b"</body></html>"
    assert len(data) <= 64 * 2**20
    with pytest.raises(DumpError, match="tags"):
        parse_dump(data)


def test_over_64_mib_is_refused_before_parsing() -> None:
    with pytest.raises(DumpError, match="file too large"):
        parse_dump(b"<html>" + b" " * (64 * 2**20))


_HTML_PIECES = st.sampled_from([
    "<html>", "</html>", "<head>", "<title>", "</title>", "<body>", "<div>", "</div>", "<p>",
    "</p>", "<h1>", "</h1>", "<a href='x'>", "</a>", "<script>", "</script>", "<br>", "<!--",
    "-->", "<meta charset='gb2312'>", "&#0;", "&#xD800;", "&amp;", "&bogus;", "<![CDATA[",
    "<?xml version='1.0' encoding='utf-8'?>", "\x00", "\ufeff", "记者", "。", "2023年8月10日",
    "来源：", "相关新闻", "<table><tr><td>", "<li>", "<svg>", "<style>", "\ud800",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(_HTML_PIECES | st.text(max_size=20), max_size=60),
       encoding=st.sampled_from(["utf-8", "gb18030", "utf-16", "latin-1"]))
def test_the_html_path_raises_nothing_but_its_own_error(pieces: list[str], encoding: str) -> None:
    text = "<!DOCTYPE html>" + "".join(pieces)
    data = text.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace")
    try:
        parsed = html_page.parse(data)
    except DumpError as err:
        assert "\n" not in str(err)
        return
    assert parsed.article is not None and parsed.article.title


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=400))
def test_mhtml_path_raises_nothing_but_its_own_error(data: bytes) -> None:
    from newsreader.dumps import mhtml

    head = b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n"
    try:
        mhtml.parse(head + data)
    except DumpError:
        pass

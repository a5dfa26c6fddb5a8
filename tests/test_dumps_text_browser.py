"""Whole pages dumped by text browsers (lynx/w3m -dump): told apart, read as one article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dumpwriter import article_dump
from pagewriter import HEADLINE, LAST, PARAGRAPHS
from newsreader.dumps import DumpError, parse_dump, registry

SHARED_PAGES = Path(__file__).resolve().parents[2] / "shared" / "pages"


def lynx_dump(*, wrap: int = 0) -> str:
    """Our own page as ``lynx -dump -nolist`` lays it out (wrapped at ``wrap`` columns)."""
    nav = "\n".join(f"  • 频道{i}" for i in range(12))
    related = "\n".join(f"  • 另一条本地新闻的标题第{i}条" for i in range(6))
    paragraphs = []
    for text in (*PARAGRAPHS, LAST):
        if wrap:
            lines = [text[i:i + wrap] for i in range(0, len(text), wrap)]
            paragraphs.append("\n".join("   " + line for line in lines))
        else:
            paragraphs.append("   " + text)
    body = "\n\n".join(paragraphs)
    return f"""[logo.png]
本地新闻网首页

{nav}

[请输入关键词______] [搜索]
本地新闻网 > 本地 > 正文

   {HEADLINE}
   2023年08月10日 18:25　来源：本地日报
   分享到：
  • 微信
  • 微博

{body}

   （责任编辑：王芳）

相关新闻

{related}

   版权所有 本地新闻网 未经授权不得转载
"""


@pytest.mark.parametrize("wrap", [0, 30])
def test_a_text_browser_dump_is_one_article(wrap: int) -> None:
    data = lynx_dump(wrap=wrap).encode()
    assert registry.detect(data).NAME == "text_browser"
    parsed = parse_dump(data)
    assert parsed.format == "text_browser" and parsed.headlines == ()
    article = parsed.article
    assert article is not None and article.title == HEADLINE
    assert [b.text for b in article.blocks] == [*PARAGRAPHS, LAST]
    assert article.headline is not None and article.headline.timestamp.iso == "2023-08-10T18:25"
    assert article.byline == "来源：本地日报"


def test_gbk_text_browser_dumps_read_too() -> None:
    parsed = parse_dump(lynx_dump().encode("gb18030"))
    assert parsed.format == "text_browser" and parsed.encoding == "gb18030"
    assert parsed.article is not None and parsed.article.title == HEADLINE


def test_the_portal_text_format_is_not_taken_for_a_text_browser_dump() -> None:
    assert registry.detect(article_dump().bytes()).NAME == "portal_text"


def test_a_text_dump_with_no_article_is_rejected_with_its_reason() -> None:
    menu = "\n".join(f"  • 频道{i}" for i in range(40))
    with pytest.raises(DumpError, match="no article found in the text"):
        parse_dump(f"[logo]\n首页\n\n{menu}\n".encode())


@pytest.mark.skipif(not (SHARED_PAGES / "textdumps").is_dir(), reason="needs ../shared/pages")
def test_the_shared_text_dumps_give_their_page_headline() -> None:
    right = 0
    dumps = sorted((SHARED_PAGES / "textdumps").glob("*.txt"))
    for dump in dumps:
        source, name = dump.stem.split("__", 1)
        expected = json.loads((SHARED_PAGES / source / f"{name}.expected.json").read_text())
        parsed = parse_dump(dump.read_bytes())
        assert parsed.format == "text_browser"
        got = parsed.article.title if parsed.article else ""
        right += got.replace(" ", "") == expected["title"].replace(" ", "")
    assert right == len(dumps)

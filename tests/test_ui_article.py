"""The article pane: what it says about a story, typography, links, zoom."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from dumpwriter import ARTICLE_TITLE, DumpText, article_dump, group
from newsreader.store import Importer, Library
from newsreader.store.records import Story
from newsreader.ui import article, typography
from newsreader.ui.articleview import MEASURE_EM, ArticleView
from newsreader.ui.i18n import Language
from test_ui_helpers import write

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "dumps"
EN = Language(QLocale("en_US"))


def _stories(tmp_path: Path, *paths: Path) -> list[Story]:
    with Library.open(tmp_path / "lib.sqlite3") as lib:
        Importer(lib).import_paths(paths)
        return lib.list_stories(None)


def test_article_with_byline_keywords_and_blocks(tmp_path: Path) -> None:
    extra = group("另一条新闻的标题", "另一条新闻的摘要被门户截断在这里",
                  stamp="23年08月10日 28:13")
    first = write(tmp_path, "a.txt", article_dump(extra=[extra]))
    # The same article seen again in a second dump (another encoding): 2 dumps.
    second = tmp_path / "dumps" / "a-gbk.txt"
    second.write_bytes(article_dump().bytes("gb18030"))
    story = next(s for s in _stories(tmp_path, first, second) if s.has_body)
    html = article.story_html(story, EN)
    assert ARTICLE_TITLE in html
    assert article.meta_line(story, EN) == "记者 王小明 · August 10, 2023 · seen in 2 dumps"
    assert "Keywords: 儿童、保障" in html
    assert "<h2" in html and 'class="caption"' in html
    assert "captured" not in html  # a full article needs no note
    text = article.story_text(story, EN)
    assert text.splitlines()[-1].startswith(f"Source: “{ARTICLE_TITLE}”, 2023-08-10, from ")
    assert "a.txt" in text.splitlines()[-1] and "a-gbk.txt" in text.splitlines()[-1]


def test_headline_only_story_says_so_and_shows_its_summary(tmp_path: Path) -> None:
    summary = "摘要被门户截断在这里了,后面还有很多内容没有显示出来"
    dump = write(tmp_path, "h.txt", DumpText(groups=[
        group("只有标题的新闻", summary, stamp="2023-08-10 18:32"),
    ]))
    [story] = _stories(tmp_path, dump)
    html = article.story_html(story, EN)
    assert "摘要被门户截断在这里了" in html and "…" in html
    assert "Only the headline and summary of this story were captured" in html
    assert article.meta_line(story, EN) == "August 10, 2023 18:32 · seen in 1 dump"


def test_untitled_story_says_so(tmp_path: Path) -> None:
    [story] = _stories(tmp_path, FIXTURES / "article_only.txt")
    assert story.untitled
    html = article.story_html(story, EN)
    assert "No headline was captured for this story" in html
    assert "date unknown" in article.meta_line(story, EN)


def test_only_web_addresses_become_links() -> None:
    text = "见 https://example.org/a?b=1&c=2 与 file:///etc/passwd 和 javascript:alert(1) <b>"
    html = article.marked(text)
    assert html.count("<a ") == 1
    assert '<a href="https://example.org/a?b=1&amp;c=2">' in html
    assert "&lt;b&gt;" in html and "<b>" not in html


def test_highlights_survive_escaping_and_links() -> None:
    html = article.marked("a<儿童>b", [(2, 4)])
    assert html == 'a&lt;<span style="background-color:#ffe08a; color:#000000">儿童</span>&gt;b'


@pytest.fixture
def view(qtbot) -> ArticleView:
    widget = ArticleView(EN)
    qtbot.addWidget(widget)
    widget.resize(1400, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_reading_font_is_a_cjk_face_from_the_system(view: ArticleView) -> None:
    family = typography.cjk_family()
    if family is None:
        pytest.skip("no CJK font installed")
    assert view.document().defaultFont().families()[0] == family


def test_text_column_keeps_a_readable_measure(view: ArticleView, tmp_path: Path) -> None:
    [story] = _stories(tmp_path, FIXTURES / "article_only.txt")
    view.show_story(story)
    fmt = view.document().rootFrame().frameFormat()
    width = view.viewport().width() - fmt.leftMargin() - fmt.rightMargin()
    from PySide6.QtGui import QFontMetricsF

    em = QFontMetricsF(view.document().defaultFont()).horizontalAdvance("国")
    assert width <= MEASURE_EM * em + 1
    assert fmt.leftMargin() == pytest.approx(fmt.rightMargin())


def test_zoom_steps_and_limits(qtbot, view: ArticleView) -> None:
    start = view.zoom
    size = view.document().defaultFont().pointSizeF()
    with qtbot.waitSignal(view.zoomChanged):
        view.zoom_in()
    assert view.document().defaultFont().pointSizeF() > size
    for _ in range(30):
        view.zoom_out()
    assert view.zoom == 0
    view.zoom_reset()
    assert view.zoom == start == typography.DEFAULT_ZOOM


def test_an_empty_pane_says_what_to_do(view: ArticleView, tmp_path: Path) -> None:
    assert view.story is None and view.document().isEmpty()
    assert "Choose a story" in view.placeholderText()
    with Library.open(tmp_path / "lib.sqlite3") as lib:
        Importer(lib).import_paths([write(tmp_path, "a.txt", article_dump())])
        story = lib.get_story(lib.list_rows(1)[0].id)
    view.show_story(story)
    assert not view.document().isEmpty()  # the hint is gone while a story shows

"""A saved web page in the window: its site and address, opened only on click."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QPoint, Qt, QUrl

from pagewriter import HEADLINE, URL, article_page
from newsreader.store import Importer, Library
from newsreader.ui import article
from newsreader.ui.articleview import ArticleView
from newsreader.ui.i18n import Language

EN = Language(QLocale("en_US"))


def _story(tmp_path: Path, page: str, encoding: str = "utf-8"):
    path = tmp_path / "page.html"
    path.write_bytes(page.encode(encoding))
    with Library.open(tmp_path / "lib.sqlite3") as lib:
        Importer(lib, parallel=False).import_paths([path])
        [story] = lib.list_stories(None)
    return story


def test_the_pane_shows_the_site_and_a_link_to_the_address(tmp_path: Path) -> None:
    story = _story(tmp_path, article_page(charset_meta="gbk"), "gbk")
    html = article.story_html(story, EN)
    assert HEADLINE in html
    assert f'本地新闻网 · <a href="{URL}">{URL}</a>' in html
    assert "本地新闻网 · " + URL in article.story_text(story, EN)


def test_a_hostile_address_is_escaped_not_markup(tmp_path: Path) -> None:
    url = 'https://example.org/a?b=1&c="><script>x</script>'
    story = _story(tmp_path, article_page(canonical=url.replace('"', "&quot;")))
    html = article.story_html(story, EN)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_the_address_opens_only_when_clicked(qtbot, tmp_path: Path) -> None:
    story = _story(tmp_path, article_page())
    view = ArticleView(EN)
    qtbot.addWidget(view)
    opened: list[QUrl] = []
    view.open_url = lambda url: opened.append(url) or True
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    view.show_story(story)
    assert opened == []  # showing a page never opens or fetches its address
    anchor = view.document().find(URL)
    assert not anchor.isNull()
    rect = view.cursorRect(anchor)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.x() - 20,
                                                                              rect.center().y()))
    assert opened == [QUrl(URL)]

"""The main window on real libraries: list, article, keyboard, reading state, settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QTextDocument

from dumpwriter import ARTICLE_TITLE
from newsreader.store import Importer, Library
from newsreader.ui.i18n import Language
from newsreader.ui.listmodel import Role
from newsreader.ui.settings import Settings
from newsreader.ui.window import MainWindow
from test_ui_helpers import BASE_DAY, list_dump, make_dumps, make_library, write


def open_window(qtbot, library_path: Path, ini: Path, locale: str = "en_US", **kw) -> MainWindow:
    settings = Settings(QSettings(str(ini), QSettings.Format.IniFormat))
    window = MainWindow(library_path, language=Language(QLocale(locale)), settings=settings, **kw)
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: window.reader is not None and not window.reader.busy)
    return window


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return make_library(tmp_path, make_dumps(tmp_path, days=3, per_day=6))


@pytest.fixture
def window(qtbot, library_path: Path, tmp_path: Path) -> MainWindow:
    return open_window(qtbot, library_path, tmp_path / "settings.ini")


def _current_id(window: MainWindow) -> int | None:
    index = window.reader.list_view.currentIndex()
    return index.data(Role.StoryId) if index.isValid() else None


def _ids(window: MainWindow) -> list[int]:
    model = window.reader.model
    return [model.index(r, 0).data(Role.StoryId) for r in range(model.rowCount())
            if model.index(r, 0).data(Role.Kind) == "story"]


def test_list_is_newest_first_under_day_headers(window: MainWindow, library_path: Path) -> None:
    model = window.reader.model
    assert window.stack.currentWidget() is window.reader
    assert model.index(0, 0).data(Role.Header) == "Thursday, August 10, 2023"
    assert model.index(2, 0).data(Role.Header) == "Wednesday, August 9, 2023"
    with Library.open(library_path) as lib:
        assert _ids(window) == [r.id for r in lib.list_rows(100)]
    assert window.reader.search_bar.count_label.text() == "19 stories"


def test_chinese_day_headers(qtbot, library_path: Path, tmp_path: Path) -> None:
    window = open_window(qtbot, library_path, tmp_path / "s.ini", locale="zh_CN")
    assert window.reader.model.index(0, 0).data(Role.Header) == "2023年8月10日 星期四"


def test_keys_move_open_and_mark(qtbot, window: MainWindow, library_path: Path) -> None:
    reader = window.reader
    ids = _ids(window)
    assert _current_id(window) is None
    reader.list_view.setFocus()  # focusing the list opens its first story
    assert _current_id(window) == ids[0]
    assert reader.current_story.title == ARTICLE_TITLE
    assert "only the headline" not in reader.article.toPlainText().lower()
    qtbot.keyClick(reader.list_view, Qt.Key.Key_J)  # skips the day header
    assert _current_id(window) == ids[1]
    assert "Only the headline and summary" in reader.article.toPlainText()
    qtbot.keyClick(reader.list_view, Qt.Key.Key_Down)
    assert _current_id(window) == ids[2]
    qtbot.keyClick(reader.list_view, Qt.Key.Key_K)
    qtbot.keyClick(reader.list_view, Qt.Key.Key_Up)  # over the header, back to the article
    assert _current_id(window) == ids[0]
    # Passing over a story does not make it read; resting on one for a moment does.
    with Library.open(library_path) as lib:
        assert not any(r.read for r in lib.list_rows(100))
    qtbot.waitUntil(lambda: reader.current_story.read, timeout=3000)
    with Library.open(library_path) as lib:
        read = {r.id: r.read for r in lib.list_rows(100)}
    assert read[ids[0]] and not read[ids[1]] and not read[ids[2]]

    qtbot.keyClick(reader.list_view, Qt.Key.Key_M)  # back to unread
    qtbot.keyClick(reader.list_view, Qt.Key.Key_S)  # starred
    with Library.open(library_path) as lib:
        story = lib.get_story(ids[0])
    assert not story.read and story.starred
    row = reader.list_view.currentIndex().data(Role.Story)
    assert not row.read and row.starred
    qtbot.keyClick(reader.list_view, Qt.Key.Key_S)
    with Library.open(library_path) as lib:
        assert not lib.get_story(ids[0]).starred


def test_space_pages_the_article_then_moves_on(qtbot, window: MainWindow) -> None:
    reader = window.reader
    reader.list_view.setFocus()
    window.resize(700, 300)
    first = _current_id(window)
    bar = reader.article.verticalScrollBar()
    assert bar.maximum() > 0  # the article is longer than the small window
    pages = 0
    while _current_id(window) == first:
        qtbot.keyClick(reader.list_view, Qt.Key.Key_Space)
        pages += 1
        assert pages < 50
    assert pages >= 2 and bar.value() == 0
    assert _current_id(window) == _ids(window)[1]


def test_copy_without_selection_copies_the_story_with_a_citation(
    qtbot, window: MainWindow
) -> None:
    reader = window.reader
    reader.list_view.setFocus()
    assert reader.current_story.title == ARTICLE_TITLE
    qtbot.keyClick(reader.list_view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    text = QGuiApplication.clipboard().text()
    assert text.startswith(ARTICLE_TITLE)
    last = text.rstrip().splitlines()[-1]
    assert ARTICLE_TITLE in last and "2023-08-10" in last and "article.txt" in last


def test_article_pane_links_only_web_addresses_and_fetches_nothing(window: MainWindow) -> None:
    view = window.reader.article
    opened: list[QUrl] = []
    view.open_url = lambda url: opened.append(url) or True
    view.anchorClicked.emit(QUrl("file:///etc/passwd"))
    view.anchorClicked.emit(QUrl("https://example.org/a"))
    assert opened == [QUrl("https://example.org/a")]
    assert view.loadResource(QTextDocument.ResourceType.ImageResource.value,
                             QUrl("https://example.org/x.png")) is None
    assert not view.openLinks() and not view.openExternalLinks()


def test_zoom_filter_and_last_story_are_remembered(
    qtbot, library_path: Path, tmp_path: Path
) -> None:
    ini = tmp_path / "remember.ini"
    window = open_window(qtbot, library_path, ini)
    reader = window.reader
    reader.list_view.setFocus()
    qtbot.keyClick(reader.list_view, Qt.Key.Key_J)
    qtbot.keyClick(reader.list_view, Qt.Key.Key_J)
    chosen = _current_id(window)
    assert chosen == _ids(window)[2]
    zoom = reader.article.zoom
    qtbot.keyClick(reader.list_view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert reader.article.zoom == zoom + 1
    window.close()

    again = open_window(qtbot, library_path, ini)
    assert again.reader.article.zoom == zoom + 1
    assert _current_id(again) == chosen
    qtbot.keyClick(again.reader.list_view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert again.reader.article.zoom == zoom
    again.reader.search_bar.show_box.setCurrentIndex(1)  # unread
    qtbot.waitUntil(lambda: not again.reader.busy)
    assert again.reader.flt.show == "unread"
    again.close()
    third = open_window(qtbot, library_path, ini)
    assert third.reader.flt.show == "unread"
    assert third.reader.search_bar.show_box.currentIndex() == 1


def test_unread_filter_lists_only_unread(qtbot, window: MainWindow, library_path: Path) -> None:
    all_ids = _ids(window)
    with Library.open(library_path) as lib:
        lib.set_read(all_ids[:5])
    window.reader.search_bar.show_box.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not window.reader.busy)
    assert _ids(window) == all_ids[5:]


def test_change_on_disk_refreshes_the_list(
    qtbot, library_path: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot, library_path, tmp_path / "s.ini", poll_ms=50)
    before = len(_ids(window))
    newer = write(tmp_path, "newer.txt", list_dump(700, 3, BASE_DAY.replace(day=20)))
    with Library.open(library_path) as lib:  # as the command line would
        Importer(lib).import_paths([newer])
    with qtbot.waitSignal(window.reader.layoutApplied, timeout=5000):
        pass
    qtbot.waitUntil(lambda: len(_ids(window)) == before + 3)
    assert window.reader.model.index(0, 0).data(Role.Header) == "Sunday, August 20, 2023"
    # The status bar says why the list changed under the reader's eyes.
    assert "another program changed the library" in window.statusBar().currentMessage()


def test_scrolling_many_blocks_keeps_the_selection_across_refresh(
    qtbot, tmp_path: Path
) -> None:
    paths = make_dumps(tmp_path, days=6, per_day=12)
    library_path = make_library(tmp_path, paths)
    window = open_window(qtbot, library_path, tmp_path / "s.ini")
    reader = window.reader
    reader.block = 5
    reader.load_first_page(reader.flt)
    qtbot.waitUntil(lambda: not reader.busy)
    assert reader.model.content.total == 73
    reader.list_view.scrollToBottom()
    last = reader.model.rowCount() - 1
    reader.list_view.setCurrentIndex(reader.model.index(last, 0))
    chosen = _current_id(window)
    with Library.open(library_path) as lib:
        assert chosen == lib.list_rows(100)[-1].id
    reader.refresh()
    qtbot.waitUntil(lambda: not reader.busy)
    assert _current_id(window) == chosen
    assert len(reader.model.cached_blocks()) <= 8


def test_a_library_that_refuses_writes_is_reported_once(
    qtbot, window: MainWindow
) -> None:
    reader = window.reader
    window.library.conn.execute("PRAGMA query_only = 1")  # as a read-only file would
    reader.list_view.setFocus()  # opens a story: marking it read a moment later fails
    qtbot.waitUntil(lambda: len(window.dialogs.shown) == 1, timeout=3000)
    box = window.dialogs.shown[0]
    assert "read-only" in box.text() + box.informativeText()
    box.done(0)
    reader.move(1)  # j
    reader.toggle_star()  # s
    assert window.dialogs.shown == [] and reader.read_only
    assert reader.current_story.id == _ids(window)[1]  # reading goes on


def test_recently_imported_lists_the_newest_import_first(
    qtbot, window: MainWindow
) -> None:
    window.reader.search_bar.show_box.setCurrentIndex(3)
    qtbot.waitUntil(lambda: not window.reader.busy)
    model = window.reader.model
    header = model.index(0, 0).data(Role.Header)
    assert header.startswith("Imported ") and header.endswith(" · list2.txt")
    assert model.index(0, 0).data(Role.Kind) == "header"
    assert len(_ids(window)) == 19


def _staged(qtbot, library_path: Path, tmp_path: Path) -> MainWindow:
    """A window as the app makes it at start-up: it opens its library after painting."""
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(library_path, language=Language(QLocale("en_US")), settings=settings,
                        open_after_paint=True)
    qtbot.addWidget(window)
    return window


def test_start_up_paints_the_window_before_opening_the_library(
    qtbot, library_path: Path, tmp_path: Path
) -> None:
    window = _staged(qtbot, library_path, tmp_path)
    # Nothing is read before the window is on screen, and no command can run yet.
    assert window.library is None and window.reader is None
    assert not window.import_files_action.isEnabled() and not window.next_action.isEnabled()
    with qtbot.waitSignal(window.libraryOpened, timeout=10_000):
        window.show()
    reader = window.reader
    assert reader is not None and window.library is not None
    assert window.stack.currentWidget() is reader
    # The list paints first; the article pane is made right after that.
    qtbot.waitUntil(reader.has_article_pane)
    assert reader.model.rowCount() > 0 and window.next_action.isEnabled()


def test_start_up_on_a_broken_library_shows_the_error_page(qtbot, tmp_path: Path) -> None:
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database" * 100)
    window = _staged(qtbot, broken, tmp_path)
    with qtbot.waitSignal(window.libraryOpened, timeout=10_000):
        window.show()
    assert window.reader is None
    assert window.stack.currentWidget() is window.error_page
    window.dialogs.close_all()


def test_a_window_that_never_paints_still_opens_its_library(
    qtbot, library_path: Path, tmp_path: Path
) -> None:
    window = _staged(qtbot, library_path, tmp_path)  # never shown: no paint comes
    with qtbot.waitSignal(window.libraryOpened, timeout=5000):
        pass
    assert window.reader is not None and window.reader.model.rowCount() > 0
    closed = _staged(qtbot, library_path, tmp_path)
    closed.close()
    with qtbot.assertNotEmitted(closed.libraryOpened, wait=1500):
        pass
    assert closed.library is None

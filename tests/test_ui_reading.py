"""Issue 12's defects in reading: dark desktops, the search field's focus, what counts
as read, keys in the list, the article pane, the day of a row, the first window's size."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication

from newsreader.store import Library
from newsreader.ui import article, colours
from newsreader.ui.articleview import ArticleView
from newsreader.ui.window import MainWindow
from test_ui_helpers import make_dumps, make_library
from test_ui_search import _type
from test_ui_window import _current_id, _ids, open_window


def dark_palette() -> QPalette:
    """Fusion's dark scheme as desktops set it: light text on near-black."""
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.WindowText, "#eeeeee"),
        (QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.AlternateBase, "#2a2a2a"),
        (QPalette.ColorRole.Text, "#eeeeee"), (QPalette.ColorRole.Button, "#353535"),
        (QPalette.ColorRole.ButtonText, "#eeeeee"), (QPalette.ColorRole.Highlight, "#2a82da"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"), (QPalette.ColorRole.Link, "#5aa9ff"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    path = make_library(tmp_path, make_dumps(tmp_path, days=3, per_day=6))
    return open_window(qtbot, path, tmp_path / "s.ini")


def _hit_format(view: ArticleView, word: str):
    found = view.document().find(word)
    assert not found.isNull(), word
    cursor = QTextCursor(found)
    cursor.setPosition(found.selectionStart() + 1)
    return cursor.charFormat()


# -- 1. dark desktops ------------------------------------------------------------------

def test_search_highlights_read_on_a_dark_palette(qtbot, window: MainWindow) -> None:
    reader = window.reader
    reader.setPalette(dark_palette())
    _type(qtbot, window, "儿童")
    reader.move(1)
    fmt = _hit_format(reader.article, "儿童")
    background = fmt.background().color()
    text = fmt.foreground().color() if fmt.hasProperty(fmt.Property.ForegroundBrush) else (
        reader.article.palette().color(QPalette.ColorRole.Text))
    assert colours.contrast(background, text) >= 4.5
    # Every colour of the list is the palette's or checked against it.
    palette = reader.list_view.palette()
    base = palette.color(QPalette.ColorRole.Base)
    hit = colours.highlight(palette)
    assert colours.contrast(hit.background, hit.foreground) >= 4.5
    assert colours.contrast(colours.muted(palette), base) >= 4.5
    assert colours.contrast(colours.star(palette), base) >= 3.0
    assert colours.contrast(colours.body_mark(palette), base) >= 3.0
    assert colours.contrast(colours.warning(palette), base) >= 3.0


# -- 2. clearing the search field ------------------------------------------------------

def test_clearing_the_search_field_keeps_the_focus_there(qtbot, window: MainWindow) -> None:
    reader = window.reader
    _type(qtbot, window, "儿童")
    field = reader.search_bar.field
    window.find_action.trigger()  # Ctrl+F selects the text
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert not reader.searching
    assert field.hasFocus()
    qtbot.keyClicks(field, "ab")  # the next keystrokes land in the field
    assert field.text() == "ab"


# -- 3. what counts as read (see also test_ui_window.test_keys_move_open_and_mark) -------

def test_holding_page_down_marks_nothing_read(qtbot, window: MainWindow) -> None:
    reader = window.reader
    reader.list_view.setFocus()
    for _ in range(8):
        qtbot.keyClick(reader.list_view, Qt.Key.Key_PageDown)
        qtbot.keyClick(reader.list_view, Qt.Key.Key_Down)
    with Library.open(window.library_path) as lib:
        assert not any(r.read for r in lib.list_rows(100))
    reader.reading.read_after_ms = 0  # the setting: read as soon as it is shown
    reader.move(-1)
    assert reader.current_story.read


# -- 4. keys in the list ---------------------------------------------------------------

def test_home_end_and_ctrl_home_move_to_the_ends(qtbot, window: MainWindow) -> None:
    reader = window.reader
    ids = _ids(window)
    reader.list_view.setFocus()
    reader.move(1)
    reader.move(1)
    qtbot.keyClick(reader.list_view, Qt.Key.Key_End)
    assert _current_id(window) == ids[-1]
    qtbot.keyClick(reader.list_view, Qt.Key.Key_Home)
    assert _current_id(window) == ids[0]
    qtbot.keyClick(reader.list_view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert _current_id(window) == ids[-1]
    qtbot.keyClick(reader.list_view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert _current_id(window) == ids[0]


def test_esc_in_the_results_leaves_the_search_and_enter_highlights(
    qtbot, window: MainWindow
) -> None:
    reader = window.reader
    _type(qtbot, window, "第1")
    qtbot.keyClick(reader.search_bar.field, Qt.Key.Key_Return)
    view = reader.list_view
    current = view.currentIndex()
    assert view.hasFocus() and current.isValid()
    assert view.selectionModel().isSelected(current)  # the opened result is highlighted
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not reader.searching and reader.search_bar.field.text() == ""


# -- 8. the article pane ---------------------------------------------------------------

def _first_story(window: MainWindow):
    window.reader.move(1)
    return window.reader.current_story


def test_the_article_shows_the_star_and_caps_a_long_title(qtbot, window: MainWindow) -> None:
    reader = window.reader
    _first_story(window)
    assert "★" not in reader.article.toPlainText()
    reader.toggle_star()
    assert reader.article.toPlainText().split("\n")[1].startswith("★")
    long = dataclasses.replace(reader.current_story, title="很长的标题" * 22)  # 110 chars
    reader.article.show_story(long)
    heading = reader.article.toPlainText().split("\n")[0]
    assert len(heading) <= article.TITLE_CAP and heading.endswith("…")
    assert article.title_is_capped(long) and article.display_title(long) == long.title


def test_no_summary_is_not_called_headline_and_summary(qtbot, window: MainWindow) -> None:
    story = dataclasses.replace(_first_story(window), has_body=False, blocks=(), summary=None)
    text = article.story_html(story, window.language)
    assert "headline and summary" not in text
    assert "Only the headline of this story was captured" in text


def test_markdown_links_show_their_label_and_hover_says_the_address(
    qtbot, window: MainWindow
) -> None:
    view = window.reader.article
    story = _first_story(window)
    block = dataclasses.replace(story.blocks[0], text="详情[查看原文](https://example.org/a)。")
    view.show_story(dataclasses.replace(story, blocks=(block, *story.blocks[1:])))
    text = view.toPlainText()
    assert "查看原文" in text and "](" not in text and "https://example.org/a" not in text
    with qtbot.waitSignal(view.linkHovered) as hovered:
        view.highlighted.emit(QUrl("https://example.org/a"))
    assert hovered.args == ["https://example.org/a"]


def test_a_link_that_cannot_open_says_so_and_offers_the_address(
    qtbot, window: MainWindow
) -> None:
    view = window.reader.article
    view.open_url = lambda url: False  # no browser on this desktop
    view.anchorClicked.emit(QUrl("https://example.org/b"))
    qtbot.waitUntil(lambda: len(window.dialogs.shown) == 1)
    box = window.dialogs.shown[0]
    assert "https://example.org/b" in box.text() + box.informativeText()
    copy = next(b for b in box.buttons() if "Copy" in b.text())
    copy.click()
    assert QApplication.clipboard().text() == "https://example.org/b"


# -- 5. search results: dates, an empty search, the order box, quotes --------------------

def test_relevance_results_show_their_dates(qtbot, window: MainWindow) -> None:
    from newsreader.ui.listmodel import Role
    from newsreader.ui.listview import corner_label

    _type(qtbot, window, "活动")
    model = window.reader.model
    assert window.reader.search_outcome.order == "relevance" and model.rows_dated
    stories = [model.index(r, 0).data(Role.Story) for r in range(model.rowCount())]
    labels = {corner_label(s, model.rows_dated) for s in stories}
    assert all(s.published[:10] in corner_label(s, True) for s in stories)
    assert len(labels) > 1  # same-looking titles tell apart by their dates


def test_a_search_without_results_says_what_to_try(qtbot, window: MainWindow) -> None:
    reader = window.reader
    reader.search_bar.show_box.setCurrentIndex(1)  # unread: a filter is on
    qtbot.waitUntil(lambda: not reader.busy)
    _type(qtbot, window, "没有这个词语")
    note = reader.empty_note
    assert reader.model.rowCount() == 0 and note.isVisible()
    text = note.label.text()
    assert "没有这个词语" in text and "fewer words" in text and "Traditional" in text
    assert "filter" in text and note.button.isVisible()
    note.button.click()
    qtbot.waitUntil(lambda: not reader.busy)
    assert reader.flt.show == "all"


def test_the_order_box_says_date_when_results_are_forced_into_date_order(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsreader.store import search as store_search

    monkeypatch.setattr(store_search, "_too_many_to_rank", lambda library, total: True)
    bar = window.reader.search_bar
    assert bar.order() == "relevance"
    _type(qtbot, window, "活动")
    assert window.reader.search_outcome.order == "date"
    assert bar.order_box.currentIndex() == bar.ORDERS.index("date")
    assert bar.order() == "relevance"  # the user's choice is kept for the next query
    window.reader.leave_search()
    assert bar.order_box.currentIndex() == bar.ORDERS.index("relevance")


def test_date_order_rows_quote_the_hit(qtbot, window: MainWindow) -> None:
    from newsreader.ui.listmodel import Role

    window.reader.search_bar.set_order("date")
    _type(qtbot, window, "助学")  # only in the article's body, not in its summary
    model = window.reader.model
    rows = [model.index(r, 0).data(Role.Story) for r in range(model.rowCount())]
    stories = [r for r in rows if r is not None]
    assert stories and all("助学" in s.summary for s in stories)


# -- 6. the date range -----------------------------------------------------------------

def test_the_date_range_offers_the_librarys_days_and_takes_typed_dates(
    qtbot, window: MainWindow
) -> None:
    import datetime as dt

    from test_ui_helpers import BASE_DAY

    reader = window.reader
    dates = reader.search_bar.dates
    # No bound: the library's own first and last day, not last month of the calendar.
    first, last = BASE_DAY - dt.timedelta(days=3), BASE_DAY
    assert dates.since.edit.placeholderText() == first.isoformat()
    assert dates.until.edit.placeholderText() == last.isoformat()
    assert dates.since.calendar.selectedDate().toPython() == first
    # A typed date applies without clicking anything.
    dates.since.edit.setFocus()
    qtbot.keyClicks(dates.since.edit, "2023/8/9")
    qtbot.keyClick(dates.since.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not reader.busy)
    assert reader.flt.since == dt.date(2023, 8, 9)
    assert reader.search_bar.dates_button.text().startswith("2023-08-09")
    # A range with nothing in it says the filter hides everything.
    dates.since.edit.clear()
    qtbot.keyClicks(dates.since.edit, "2030-01-01")
    qtbot.waitUntil(lambda: not reader.busy)
    assert reader.flt.since == dt.date(2030, 1, 1) and reader.model.rowCount() == 0
    assert reader.empty_note.isVisible() and "hides every" in reader.empty_note.label.text()
    # Not a date: shown as such, not applied.
    dates.until.edit.setFocus()
    qtbot.keyClicks(dates.until.edit, "2023-13-45")
    qtbot.keyClick(dates.until.edit, Qt.Key.Key_Return)
    assert reader.flt.until is None and "Not a date" in dates.until.edit.toolTip()


# -- 7. the import workflow ------------------------------------------------------------

def test_file_dialogs_open_in_the_last_import_folder(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from test_ui_helpers import BASE_DAY, list_dump, write

    folder = tmp_path / "elsewhere"
    picked = write(folder, "more.txt", list_dump(900, 2, BASE_DAY))
    asked: list[str] = []

    def pick(parent, caption, directory, filters, **kw):
        asked.append(directory)
        return [str(picked)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(pick))
    window.menus.import_files.trigger()
    with qtbot.waitSignal(window.importer.finished, timeout=20000):
        pass
    window.importer.report.close()
    window.menus.import_files.trigger()
    assert asked[0] == str(Path.home()) and asked[1] == str(picked.parent)


def test_qt_speaks_the_chosen_language_and_the_report_uses_plain_words(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QCoreApplication, QLocale

    from newsreader.errors import Message
    from newsreader.ui import messages
    from newsreader.ui.i18n import Language

    monkeypatch.setenv("NEWSREADER_LOCALE", "zh_CN")
    language = Language()
    app = QApplication.instance()
    try:
        assert language.install(app) and language.forced
        assert QLocale().name() == "zh_CN"  # Qt's calendars and dialogs write Chinese
        assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："
        said = messages.translated(Message("dump.orphan_timestamps", n=3))
        assert "孤立" not in said and "时间戳" not in said and "3" in said
    finally:
        language.remove(app)
    assert QLocale().name() != "zh_CN"


def test_the_report_after_a_reimport_lists_changes_first_and_folds_the_rest(
    qtbot, tmp_path: Path
) -> None:
    from test_ui_helpers import BASE_DAY, list_dump, write

    window = open_window(qtbot, tmp_path / "lib.sqlite3", tmp_path / "s.ini")
    old = [write(tmp_path, f"old{i}.txt", list_dump(10 * i, 3, BASE_DAY)) for i in range(4)]
    window.start_import(old)
    with qtbot.waitSignal(window.importer.finished, timeout=20000):
        pass
    window.importer.report.close()
    new = write(tmp_path, "new.txt", list_dump(500, 5, BASE_DAY))
    window.start_import([*old, new])
    with qtbot.waitSignal(window.importer.finished, timeout=20000):
        pass
    report = window.importer.report
    table = report.table
    assert table.topLevelItem(0).text(0) == "new.txt" and table.topLevelItem(0).text(2) == "5"
    folded = report.unchanged_item
    assert folded is not None and folded.childCount() == 4 and not folded.isExpanded()
    assert folded.text(0) == "4 files already imported"
    assert table.isSortingEnabled()
    table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert table.topLevelItem(table.topLevelItemCount() - 1).text(0) == "new.txt"
    report.close()


# -- 9. the day of the rows on screen ---------------------------------------------------

def test_the_day_header_stays_pinned_while_its_rows_scroll(qtbot, window: MainWindow) -> None:
    from newsreader.ui.listmodel import Role

    reader = window.reader
    view = reader.list_view
    window.resize(1000, 260)  # a short list: each day's rows outgrow the view
    qtbot.waitUntil(lambda: view.viewport().height() < 200)
    assert view.sticky_header_row() is None  # the first day's header is on screen
    first_header = next(r for r in range(reader.model.rowCount())
                        if reader.model.index(r, 0).data(Role.Kind) == "header" and r > 1)
    view.verticalScrollBar().setValue(view.rowViewportPosition(first_header + 2)
                                      + view.verticalScrollBar().value())
    header = view.sticky_header_row()
    assert header == first_header
    label = reader.model.index(header, 0).data(Role.Header)
    assert label.startswith(("Wednesday", "Tuesday", "Monday"))  # a day, not only a time
    image = view.viewport().grab().toImage()
    band = view.palette().color(QPalette.ColorRole.AlternateBase)
    assert image.pixelColor(2, 2) == band  # painted over the rows' top edge


# -- 10. HiDPI: the first window fits the screen -----------------------------------------

def test_the_first_window_fits_the_available_screen(qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import QLocale, QSettings

    from newsreader.ui.i18n import Language
    from newsreader.ui.settings import Settings

    settings = Settings(QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat))
    fresh = MainWindow(tmp_path / "new.sqlite3", language=Language(QLocale("en_US")),
                       settings=settings)
    qtbot.addWidget(fresh)
    free = fresh.screen().availableGeometry()
    # The offscreen screen is 800 x 600, smaller than the 1200 x 780 default (as a
    # 1600 x 1000 screen is at QT_SCALE_FACTOR=2).
    assert free.width() < 1200 or free.height() < 780
    assert fresh.width() <= free.width() and fresh.height() <= free.height()
    assert free.contains(fresh.geometry().topLeft())

"""Errors in the window: libraries that cannot be opened, and unexpected exceptions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from newsreader.ui import errors
from newsreader.ui.errors import Dialogs, ExceptionReporter
from test_ui_helpers import make_dumps, make_library
from test_ui_window import open_window


def _only_dialog(window) -> QMessageBox:
    assert len(window.dialogs.shown) == 1
    box = window.dialogs.shown[0]
    assert box.isVisible()
    return box


def _opened_with_error(qtbot, path: Path, tmp_path: Path):
    from newsreader.ui.i18n import Language
    from newsreader.ui.settings import Settings
    from newsreader.ui.window import MainWindow
    from PySide6.QtCore import QLocale, QSettings

    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(path, language=Language(QLocale("en_US")), settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_corrupt_library_gets_a_clear_dialog_and_page(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"this is not a database at all, just some words\n" * 200)
    window = _opened_with_error(qtbot, path, tmp_path)
    box = _only_dialog(window)
    text = box.text() + "\n" + box.informativeText()
    assert "damaged or is not a newsreader library" in text
    assert "Traceback" not in text and "sqlite3." not in text
    assert window.stack.currentWidget() is window.error_page
    assert "move this file away" in window.error_page.message.text()
    assert not window.import_files_action.isEnabled()
    box.done(0)
    assert window.dialogs.shown == []

    # Put a good library in its place and try again: the window recovers.
    path.unlink()
    make_library(tmp_path, make_dumps(tmp_path, days=1, per_day=2), name=path.name)
    window.error_page.retry_button.click()
    assert window.stack.currentWidget() is window.reader
    assert window.reader.model.content.total == 3


def test_a_library_from_a_newer_version_says_to_update(qtbot, tmp_path: Path) -> None:
    path = make_library(tmp_path, make_dumps(tmp_path, days=1, per_day=1))
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 999")
    window = _opened_with_error(qtbot, path, tmp_path)
    box = _only_dialog(window)
    assert "newer newsreader" in box.informativeText()
    assert "Update newsreader" in box.informativeText()
    box.done(0)


def test_a_folder_instead_of_a_library(qtbot, tmp_path: Path) -> None:
    window = _opened_with_error(qtbot, tmp_path, tmp_path)
    box = _only_dialog(window)
    assert "is a folder, not a library file" in box.informativeText()
    box.done(0)


def test_unexpected_errors_show_a_dialog_and_are_logged(qtbot, tmp_path: Path) -> None:
    window = open_window(qtbot, make_library(tmp_path), tmp_path / "s.ini")
    reporter = ExceptionReporter(window.dialogs, lambda: window)
    try:
        raise ZeroDivisionError("the list divided by nothing")
    except ZeroDivisionError as err:
        reporter.handle(type(err), err, err.__traceback__)
    box = _only_dialog(window)
    assert box.icon() == QMessageBox.Icon.Critical
    assert "ZeroDivisionError: the list divided by nothing" in box.informativeText()
    log = errors.log_path()
    assert str(log) in box.informativeText()
    assert "Traceback" not in box.informativeText()
    logged = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged and "divided by nothing" in logged
    box.done(0)


def test_the_hook_is_installed_and_removed() -> None:
    import sys

    dialogs = Dialogs()
    before = sys.excepthook
    reporter = ExceptionReporter(dialogs, lambda: None)
    reporter.install()
    assert sys.excepthook == reporter.handle
    reporter.uninstall()
    assert sys.excepthook is before


def test_a_locked_library_is_busy_without_freezing_the_window(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    import time

    from newsreader.ui import window as window_module

    monkeypatch.setattr(window_module, "GUI_BUSY_TIMEOUT_S", 0.3)
    path = make_library(tmp_path, make_dumps(tmp_path, days=1, per_day=2))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")  # another program keeps the whole file to itself
    try:
        started = time.monotonic()
        window = _opened_with_error(qtbot, path, tmp_path)
        assert time.monotonic() - started < 5  # not the 10 s a command would wait
        box = _only_dialog(window)
        assert "busy: another program is writing to it" in box.informativeText()
        assert window.stack.currentWidget() is window.error_page
        box.done(0)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    # Once the other program lets go, Try Again opens it.
    window.error_page.retry_button.click()
    assert window.stack.currentWidget() is window.reader


def test_a_mark_during_another_programs_write_waits_and_is_saved(
    qtbot, tmp_path: Path
) -> None:
    import time

    path = make_library(tmp_path, make_dumps(tmp_path, days=1, per_day=2))
    window = open_window(qtbot, path, tmp_path / "s.ini")
    reader = window.reader
    reader.move(1)  # opens the first story (j)
    qtbot.waitUntil(lambda: reader.current_story is not None)
    story = reader.current_story
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # an import in another process, say
    try:
        with qtbot.waitSignal(reader.notice, timeout=5000) as notice:
            started = time.monotonic()
            reader.toggle_star()
            took = time.monotonic() - started
        assert took < 0.2, f"the GUI thread waited {took:.2f} s for the lock"
        assert "waiting to be saved: 1" in notice.args[0]
        assert reader.current_story.starred  # shown at once
        assert window.dialogs.shown == [] and not reader.read_only
        assert "waiting" in window.statusBar().currentMessage()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    # Nothing more to do: the waiting mark is saved as soon as the lock is free.
    with qtbot.waitSignal(reader.notice, timeout=5000) as notice:
        pass
    assert notice.args[0] == "Marks saved."
    from newsreader.store import Library

    with Library.open(path) as lib:
        assert lib.get_story(story.id).starred

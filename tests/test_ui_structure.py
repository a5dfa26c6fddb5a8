"""The window's widgets by responsibility (issue 9 item 9): small modules, and "no
library open" a state of the window rather than a check in every slot."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings

from newsreader.ui.i18n import Language
from newsreader.ui.settings import Settings
from newsreader.ui.window import MainWindow
from newsreader.ui.windowstate import WindowState
from test_ui_helpers import make_dumps, make_library

UI = Path(__file__).resolve().parents[1] / "src" / "newsreader" / "ui"
# The reading view and the window, and the parts they were split into.
PARTS = ("reader", "browsing", "searchmode", "reading", "listplace", "window",
         "windowmenus", "windowimports", "windowstate", "remembered", "librarywatch",
         "windowpages")


def test_the_reading_view_and_the_window_are_split_by_responsibility() -> None:
    for name in PARTS:
        lines = (UI / f"{name}.py").read_text(encoding="utf-8").count("\n")
        assert lines <= 330, f"{name}.py has {lines} lines"


def test_no_slot_returns_early_because_no_library_is_open() -> None:
    source = (UI / "window.py").read_text(encoding="utf-8")
    early = re.findall(r"if self\.(?:reader|library) is None:\s*\n\s*return", source)
    assert early == []


def _window(qtbot, path: Path, tmp_path: Path) -> MainWindow:
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(path, language=Language(QLocale("en_US")), settings=settings)
    qtbot.addWidget(window)
    return window


def test_each_state_allows_its_own_commands(qtbot, tmp_path: Path) -> None:
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"not a database " * 300)
    window = _window(qtbot, broken, tmp_path)
    window.dialogs.close_all()
    assert window.state is WindowState.NO_LIBRARY
    assert window.stack.currentWidget() is window.error_page
    menus = window.menus
    assert not any(a.isEnabled() for a in (*menus.reading_actions, *menus.library_actions))
    menus.next.trigger()  # disabled: nothing runs, nothing fails
    assert window.open_library(tmp_path / "empty.sqlite3")
    assert window.state is WindowState.EMPTY
    assert window.stack.currentWidget() is window.welcome
    assert menus.import_files.isEnabled() and not menus.next.isEnabled()
    assert window.open_library(make_library(tmp_path, make_dumps(tmp_path, days=1, per_day=2)))
    assert window.state is WindowState.READING
    assert all(a.isEnabled() for a in menus.reading_actions)
    menus.next.trigger()
    assert window.reader is not None and window.reader.current_story is not None
    window.close()
    assert window.state is WindowState.OPENING and window.reader is None

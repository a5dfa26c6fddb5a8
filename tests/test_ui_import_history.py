"""The window's import history: forgetting an import from it, off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from newsreader.store import Library
from newsreader.ui.importhistory import ImportHistoryDialog
from test_ui_helpers import make_dumps, make_library
from test_ui_window import open_window


def test_forgetting_an_import_from_the_history(qtbot, tmp_path: Path) -> None:
    path = make_library(tmp_path, make_dumps(tmp_path, days=2, per_day=4))
    window = open_window(qtbot, path, tmp_path / "s.ini")
    assert window.menus.history.isEnabled()
    window.menus.history.trigger()
    dialog = window.findChild(ImportHistoryDialog)
    assert dialog is not None and dialog.tree.topLevelItemCount() == 3
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))  # the newest import
    newest = dialog.selected_import()
    with Library.open(path) as lib:
        before = lib.count_stories()
        record = next(r for r in lib.imports() if r.id == newest)
    dialog.forget.click()
    qtbot.waitUntil(lambda: getattr(dialog, "confirm", None) is not None
                    and dialog.confirm.isVisible())
    assert f"{record.added} stories only it brought" in dialog.confirm.text()
    forget = next(b for b in dialog.confirm.buttons()
                  if dialog.confirm.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    with qtbot.waitSignal(dialog.forgotten, timeout=5000) as done:
        forget.click()
    assert len(done.args[0].removed) == record.added
    assert dialog.tree.topLevelItemCount() == 2
    with Library.open(path) as lib:
        assert lib.count_stories() == before - record.added
        assert newest not in {r.id for r in lib.imports()}
    dialog.close()

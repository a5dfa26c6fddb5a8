"""Importing from the window: welcome view and sample, the worker with cancel, drops, report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from newsreader.store import Library
from newsreader.ui.listmodel import Role
from newsreader.ui.window import MainWindow
from test_ui_helpers import BASE_DAY, list_dump, make_dumps, write
from test_ui_window import open_window


def _finish(qtbot, window: MainWindow):
    with qtbot.waitSignal(window.importer.finished, timeout=20000) as blocker:
        pass
    qtbot.waitUntil(lambda: not window.reader.busy)
    return blocker.args


def _close_report(window: MainWindow) -> str:
    report = window.importer.report
    assert report is not None and report.isVisible()
    text = report.summary.text()
    report.close()
    return text


def test_empty_library_shows_the_welcome_view_and_opens_the_sample(
    qtbot, tmp_path: Path
) -> None:
    window = open_window(qtbot, tmp_path / "empty.sqlite3", tmp_path / "s.ini")
    assert window.stack.currentWidget() is window.welcome
    assert window.welcome.isVisible()
    qtbot.mouseClick(window.welcome.sample_button, Qt.MouseButton.LeftButton)
    results, cancelled = _finish(qtbot, window)
    assert not cancelled and [r.status for r in results] == ["imported"]
    assert "Stories added: 12, updated: 0." in _close_report(window)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.reader)
    model = window.reader.model
    titles = [model.index(r, 0).data() for r in range(model.rowCount())
              if model.index(r, 0).data(Role.Kind) == "story"]
    assert len(titles) == 12
    assert titles[0] == "云溪镇老粮仓改造成社区书屋 夜间开放至九点半"
    list_width, article_width = window.reader.splitter.sizes()
    assert article_width > list_width > 200  # the pane made while hidden kept its share


def test_import_runs_in_the_worker_and_cancel_keeps_finished_dumps(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    from newsreader.store import importer

    # Each dump commits (and is reported) alone, so the cancel lands after the first.
    monkeypatch.setattr(importer, "COMMIT_EVERY_S", 0)
    window = open_window(qtbot, tmp_path / "lib.sqlite3", tmp_path / "s.ini")
    paths = [write(tmp_path, f"d{i:02d}.txt", list_dump(100 * i, 20, BASE_DAY)) for i in range(8)]
    assert window.start_import(paths)
    assert window.importer.running and window.importer.progress.isVisible()
    assert not window.start_import(paths)  # one import at a time
    # Cancel from the worker's own thread right after the first file: deterministic.
    worker = window.importer.worker
    worker.progress.connect(worker.cancel, Qt.ConnectionType.DirectConnection)
    results, cancelled = _finish(qtbot, window)
    assert cancelled
    assert [r.status for r in results] == ["imported"]
    assert "Cancelled" in _close_report(window)
    # The status bar says what really happened, not "Import finished".
    status = window.statusBar().currentMessage()
    assert status.startswith("Import cancelled: 1 files were read") and "finished" not in status
    assert window.importer.progress is None and not window.importer.running
    with Library.open(tmp_path / "lib.sqlite3") as lib:
        assert len(lib.imports()) == 1
        assert lib.count_stories() == 20
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.reader)
    assert window.reader.model.content.total == 20


def test_report_lists_rejections_and_warnings(qtbot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path / "lib.sqlite3", tmp_path / "s.ini")
    good = write(tmp_path, "good.txt", list_dump(1, 3, BASE_DAY))
    orphans = tmp_path / "dumps" / "orphans.txt"
    orphans.write_text(
        list_dump(50, 2, BASE_DAY).text() + "\n2023-08-10 18:25\n2023-08-10 18:28",
        encoding="utf-8",
    )
    binary = tmp_path / "dumps" / "picture.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    window.start_import([good, orphans, binary, tmp_path / "missing.txt"])
    results, _ = _finish(qtbot, window)
    assert [r.status for r in results] == ["imported", "imported", "rejected", "rejected"]
    report = window.importer.report
    table = report.table
    items = [table.topLevelItem(i) for i in range(table.topLevelItemCount())]
    rows = {item.text(0): item for item in items}
    assert rows["picture.txt"].text(1) == "rejected" and rows["picture.txt"].text(4)
    assert "no such file" in rows["missing.txt"].text(4)
    assert "orphan" in rows["orphans.txt"].text(4)
    assert rows["good.txt"].text(2) == "3"
    assert "Files imported: 2, already imported: 0, rejected: 2." in _close_report(window)


def _mime(paths: list[Path]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def test_dropping_a_folder_imports_it(qtbot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path / "lib.sqlite3", tmp_path / "s.ini")
    make_dumps(tmp_path, days=2, per_day=4)
    folder = tmp_path / "dumps"
    mime = _mime([folder])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    text_only = QMimeData()
    text_only.setText("not a file")
    refused = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, text_only,
                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(refused)
    assert not refused.isAccepted()

    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    assert drop.isAccepted()
    results, _ = _finish(qtbot, window)
    assert sorted(Path(r.path).name for r in results) == ["article.txt", "list0.txt", "list1.txt"]
    _close_report(window)
    qtbot.waitUntil(lambda: window.reader.model.content.total == 9)

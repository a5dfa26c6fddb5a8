"""The window's followed folders: synced on opening, on change and periodically,
off the GUI thread; the status bar says what came from where, or quietly that a
share is away; the settings dialog adds and removes folders and sets the interval."""

from __future__ import annotations

from pathlib import Path

from test_follow import _dump
from test_ui_window import open_window

from newsreader.store import Importer, Library
from newsreader.store.following import Following


def _library_following(tmp_path: Path, files: int = 4) -> tuple[Path, Path]:
    share = tmp_path / "share"
    share.mkdir()
    for i in range(files):
        (share / f"{i:02d}.txt").write_bytes(_dump(i + 1))
    library_path = tmp_path / "lib.sqlite3"
    first = tmp_path / "first.txt"
    first.write_bytes(_dump(100))
    with Library.open(library_path) as lib:
        Importer(lib, parallel=False).import_paths([first])
        Following(lib).follow(share)
        # That look was a minute ago: the files have settled since.
        lib.conn.execute("UPDATE followed_files SET seen_at = seen_at - 60")
    return library_path, share


def _count(library_path: Path) -> int:
    with Library.open(library_path) as lib:
        return lib.count_stories()


def test_opening_the_window_syncs_and_says_what_came_from_where(qtbot, tmp_path: Path) -> None:
    library_path, share = _library_following(tmp_path)
    before = _count(library_path)
    window = open_window(qtbot, library_path, tmp_path / "settings.ini")
    following = window.following
    qtbot.waitUntil(lambda: not following.busy and bool(following.folders), timeout=10_000)
    after = _count(library_path)
    assert after > before
    qtbot.waitUntil(lambda: window.reader.library_total == after, timeout=10_000)
    message = window.statusBar().currentMessage()
    assert f"share: {after - before} new stories" in message, message
    assert not following.status.isVisible()
    assert window.dialogs.shown == []


def test_an_unreachable_share_is_a_quiet_status_then_syncs_again(qtbot, tmp_path: Path) -> None:
    library_path, share = _library_following(tmp_path)
    window = open_window(qtbot, library_path, tmp_path / "settings.ini")
    following = window.following
    qtbot.waitUntil(lambda: not following.busy and bool(following.folders), timeout=10_000)
    away = tmp_path / "away"
    share.rename(away)
    with qtbot.waitSignal(following.synced, timeout=10_000) as signal:
        following.sync_now()
    assert signal.args[0].unreachable
    assert following.status.isVisible()
    assert "unreachable" in following.status.text() and str(share) in following.status.text()
    assert window.dialogs.shown == []  # never a dialog
    window.reader.move(1)  # reading goes on
    away.rename(share)
    with qtbot.waitSignal(following.synced, timeout=10_000):
        following.sync_now()
    assert not following.status.isVisible()


def test_a_change_in_a_followed_folder_starts_a_sync(qtbot, tmp_path: Path) -> None:
    library_path, share = _library_following(tmp_path, files=1)
    window = open_window(qtbot, library_path, tmp_path / "settings.ini")
    following = window.following
    qtbot.waitUntil(lambda: not following.busy and bool(following.folders), timeout=10_000)
    qtbot.waitUntil(lambda: str(share) in following.watcher.directories())
    with qtbot.waitSignal(following.synced, timeout=10_000) as signal:
        (share / "new.txt").write_bytes(_dump(50))
    assert [Path(f.path).name for f in signal.args[0].files] == ["new.txt"]


def test_the_dialog_adds_and_removes_folders_and_sets_the_interval(
    qtbot, tmp_path: Path
) -> None:
    library_path, share = _library_following(tmp_path, files=1)
    other = tmp_path / "other"
    other.mkdir()
    window = open_window(qtbot, library_path, tmp_path / "settings.ini")
    following = window.following
    assert following.action in window.menus.file_menu.actions()
    qtbot.waitUntil(lambda: not following.busy and bool(following.folders), timeout=10_000)
    following.show_dialog()
    dialog = following._dialog
    assert dialog.list.count() == 1
    with qtbot.waitSignal(following.foldersChanged, timeout=10_000):
        following.add_folder(str(other))
    assert dialog.list.count() == 2
    from PySide6.QtCore import Qt

    rows = [dialog.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(2)]
    dialog.list.setCurrentRow(rows.index(str(other)))
    with qtbot.waitSignal(following.foldersChanged, timeout=10_000):
        dialog.remove_button.click()
    assert [f.path for f in following.folders] == [str(share)]
    dialog.interval.setValue(12)
    assert window.settings.rescan_minutes() == 12
    assert following.rescan.interval() == 12 * 60_000
    dialog.close()

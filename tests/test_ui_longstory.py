"""Issue 10, defect 10: a very long story is shown page by page while its body is read
off the GUI thread; the window never freezes (300,000 paragraphs froze it for 6.7 s)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer

from dumpwriter import DumpText, group
from newsreader.store import Importer, Library, longstories
from newsreader.ui import articleview
from test_ui_window import open_window


def _long_library(tmp_path: Path, paragraphs: int) -> Path:
    article = ["记者 王小明"] + [
        f"第{i}段。市里召开新闻发布会，介绍了儿童保障标准提高的情况。" for i in range(paragraphs)
    ]
    dump = DumpText(article=article, keywords="儿童",
                    groups=[group("很长的新闻", "记者王小明第0段。市里召开新闻发布会，介绍了儿童",
                                  stamp="23年08月10日 09:32")])
    path = tmp_path / "dumps" / "long.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(dump.bytes())
    library = tmp_path / "long.sqlite3"
    with Library.open(library) as lib:
        assert Importer(lib).import_paths([path])[0].status == "imported"
        assert lib.count_stories() == 1  # the headline and its article are one story
    return library


def test_a_long_story_is_read_in_chunks_and_shown_in_pages(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = _long_library(tmp_path, 1200)
    monkeypatch.setattr(longstories, "LARGE_SOURCE_BYTES", 10_000)  # this one counts as long
    window = open_window(qtbot, library, tmp_path / "s.ini")
    reader = window.reader

    def no_whole_story(self, story_id):  # the GUI thread must never read the whole body
        raise AssertionError("the whole long story was read on the GUI thread")

    monkeypatch.setattr(Library, "get_story", no_whole_story)
    reader.move(1)
    view = reader.article
    assert reader.current_story.title  # the heading shows at once
    qtbot.waitUntil(lambda: not view.loading, timeout=10_000)
    assert len(view.all_blocks()) == 1200 and view.pages == 8
    assert "Paragraphs 1–150 of 1,200" in view.toPlainText()
    assert "第0段" in view.toPlainText() and "第200段" not in view.toPlainText()
    # Space at the end of a page turns it.
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.keyClick(reader.list_view, Qt.Key.Key_Space)
    assert view.page == 1 and "第200段" in view.toPlainText()
    assert "Paragraphs 151–300 of 1,200" in view.toPlainText()


@pytest.mark.slow
def test_300000_paragraphs_never_freeze_the_window_over_100_ms(
    qtbot, tmp_path: Path
) -> None:
    library = _long_library(tmp_path, 300_000)
    window = open_window(qtbot, library, tmp_path / "s.ini")
    reader = window.reader
    reader.article  # noqa: B018 - made now, as after the first paint
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    qtbot.wait(50)
    reader.move(1)  # open the story
    qtbot.waitUntil(lambda: not reader.article.loading, timeout=120_000)
    qtbot.wait(50)
    timer.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert len(reader.article.all_blocks()) == 300_000
    assert reader.article.pages == -(-300_000 // articleview.PAGE_BLOCKS)
    assert max(gaps) < 0.100, f"the event loop stalled {max(gaps) * 1000:.0f} ms"

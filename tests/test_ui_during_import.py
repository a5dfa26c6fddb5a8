"""The window while ``newsreader import`` writes 1,000 dumps in another process.

The event loop never stalls over 250 ms (a 10 ms timer measures every gap) and
every star mark made meanwhile is in the library afterwards. Real window
(offscreen), real import process. ``slow``: the import takes tens of seconds.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from newsreader.store import Library
from test_ui_helpers import make_dumps, make_library
from test_ui_window import open_window
from trials import cli_env, write_dumps

STALL_LIMIT_S = 0.25


@pytest.mark.slow
def test_the_window_stays_responsive_and_keeps_every_mark(qtbot, tmp_path: Path) -> None:
    path = make_library(tmp_path, make_dumps(tmp_path, days=2, per_day=20))
    write_dumps(tmp_path / "in", 1000, per_dump=10)
    window = open_window(qtbot, path, tmp_path / "s.ini")
    reader = window.reader
    reader.move(1)
    qtbot.waitUntil(lambda: reader.current_story is not None)

    gaps: list[float] = []
    last = [time.monotonic()]

    def tick() -> None:
        now = time.monotonic()
        gaps.append(now - last[0])
        last[0] = now

    meter = QTimer()
    meter.setInterval(10)
    meter.timeout.connect(tick)
    meter.start()
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsreader", "--library", str(path), "import", str(tmp_path / "in")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=cli_env(),
    )
    starred: dict[int, bool] = {}
    try:
        while proc.poll() is None:
            qtbot.wait(40)
            story = reader.current_story
            if story is None:
                continue
            reader.toggle_star()
            starred[story.id] = not story.starred
            if not reader.move(1):
                reader.select_row(0)
    finally:
        proc.wait(timeout=600)
        errors = proc.stderr.read()
        proc.stderr.close()
    qtbot.wait(300)
    meter.stop()
    assert proc.returncode == 0, errors
    qtbot.waitUntil(lambda: reader.reading.marks.pending == 0, timeout=10_000)
    longest = max(gaps)
    print(f"\nmarks made: {len(starred)} stories starred or unstarred; timer gaps: "
          f"{len(gaps)}, longest stall {longest * 1000:.0f} ms")
    assert len(starred) > 20
    with Library.open(path) as lib:
        for story_id, value in starred.items():
            assert lib.get_story(story_id).starred == value, story_id
    assert longest < STALL_LIMIT_S, f"the event loop stalled {longest * 1000:.0f} ms"

"""Start-up: `newsreader` opens the window, and the first paint loads only what it needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from newsreader.ui.app import FIRST_PAINT_MARKER
from test_ui_helpers import make_dumps, make_library

PROBE = """
import sys
import newsreader.ui.app as app
real = app.report_first_paint_and_quit
def report():
    heavy = sorted(m for m in sys.modules if m.split(".")[0] == "sqlite_utils"
                   or m.startswith("newsreader.search"))
    print("HEAVY", heavy, flush=True)
    real()
app.report_first_paint_and_quit = report
from newsreader.cli import main
sys.argv = ["newsreader", "--library", sys.argv[1]]
main()
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["NEWSREADER_BENCH_FIRST_PAINT"] = "1"
    return env


def test_newsreader_without_a_command_opens_the_window(tmp_path: Path) -> None:
    library = make_library(tmp_path, make_dumps(tmp_path, days=2, per_day=3))
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(library)],
        capture_output=True, text=True, env=_env(), timeout=60,
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert any(line.startswith(FIRST_PAINT_MARKER + " ") for line in lines), out.stdout
    # Nothing heavy is imported before the first paint (sqlite_utils alone is ~110 ms).
    assert "HEAVY []" in lines, out.stdout
    assert "Traceback" not in out.stderr


def test_many_qt_calls_cannot_exhaust_none() -> None:
    # PySide6 6.12.0 on Python 3.11 drops a reference to None per void call; the
    # package's work-around must keep a long session (and this test) alive.
    from PySide6.QtCore import QObject

    import newsreader.ui  # noqa: F401 - applies the work-around

    from PySide6.QtCore import Signal

    class Flags(QObject):
        flag = Signal(bool)

    before = sys.getrefcount(None)
    item = Flags()
    item.flag.connect(lambda value: None)
    for _ in range(100_000):
        item.setObjectName("x")
        item.flag.emit(True)
        item.flag.emit(False)
    assert sys.getrefcount(None) > 1000
    assert sys.getrefcount(True) > 1000 and sys.getrefcount(False) > 1000
    assert before - sys.getrefcount(None) <= 100_000


def test_no_display_is_one_plain_line(monkeypatch) -> None:
    from newsreader.ui import app

    monkeypatch.setattr(app.sys, "platform", "linux")
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    message = app.missing_display()
    assert message is not None and "DISPLAY" in message and "\n" not in message
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert app.missing_display() is None

"""Start-up: `newsreader` opens the window, painting it before loading the library."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsreader.launch import app_library
from newsreader.ui.app import FIRST_PAINT_MARKER, LIST_PAINT_MARKER
from test_ui_helpers import make_dumps, make_library

# Runs the console script's entry point; at each start-up mark it lists what is loaded.
PROBE = """
import sys
import newsreader.ui.app as app
real = app.StartupMarks.mark
def mark(name):
    loaded = sorted(m for m in sys.modules if m.split(".")[0] == "sqlite_utils"
                    or m.startswith(("newsreader.search", "newsreader.store", "click",
                                     "newsreader.ui.reader")))
    print("LOADED", name, " ".join(loaded), flush=True)
    real(name)
app.StartupMarks.mark = staticmethod(mark)
from newsreader.launch import main
sys.argv = ["newsreader", "--library", sys.argv[1]]
main()
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["NEWSREADER_BENCH_FIRST_PAINT"] = "1"
    return env


def _start(library: Path) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(library)],
        capture_output=True, text=True, env=_env(), timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr, out.stderr
    return out.stdout.splitlines()


def _loaded_at(lines: list[str], marker: str) -> set[str]:
    found = [line.split()[2:] for line in lines if line.startswith(f"LOADED {marker}")]
    assert len(found) == 1, lines
    return set(found[0])


def test_newsreader_without_a_command_paints_the_window_then_the_list(tmp_path: Path) -> None:
    library = make_library(tmp_path, make_dumps(tmp_path, days=2, per_day=3))
    lines = _start(library)
    first = next(float(x.split()[1]) for x in lines if x.startswith(FIRST_PAINT_MARKER + " "))
    rows = next(float(x.split()[1]) for x in lines if x.startswith(LIST_PAINT_MARKER + " "))
    assert first <= rows
    # The window's first paint comes before the store, click and the reading view load.
    assert _loaded_at(lines, FIRST_PAINT_MARKER) == set()
    # The headline list paints without sqlite_utils (~110 ms) or the search code.
    at_rows = _loaded_at(lines, LIST_PAINT_MARKER)
    assert "newsreader.store.library" in at_rows and "newsreader.ui.reader" in at_rows
    assert not {m for m in at_rows if m.startswith(("sqlite_utils", "newsreader.search", "click"))}


def test_an_empty_library_paints_the_welcome_page(tmp_path: Path) -> None:
    lines = _start(tmp_path / "new.sqlite3")
    assert any(x.startswith(LIST_PAINT_MARKER + " ") for x in lines), lines
    assert (tmp_path / "new.sqlite3").exists()


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (True, None)),
        (["--library", "lib.sqlite3"], (True, Path("lib.sqlite3"))),
        (["--library=lib.sqlite3"], (True, Path("lib.sqlite3"))),
        (["--help"], (False, None)),
        (["--library"], (False, None)),
        (["--library", "--help"], (False, None)),
        (["list"], (False, None)),
        (["--library", "lib.sqlite3", "list"], (False, None)),
        (["--version"], (False, None)),
    ],
)
def test_only_plain_app_starts_skip_the_command_line_parser(argv, expected, monkeypatch) -> None:
    monkeypatch.delenv("NEWSREADER_LIBRARY", raising=False)
    assert app_library(argv) == expected


def test_the_library_variable_and_directories(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSREADER_LIBRARY", str(tmp_path / "env.sqlite3"))
    assert app_library([]) == (True, tmp_path / "env.sqlite3")
    # A folder is not a library: the command line's parser says so in its own words.
    assert app_library(["--library", str(tmp_path)]) == (False, None)


def test_the_console_script_is_the_fast_entry_point() -> None:
    import tomllib

    project = Path(__file__).resolve().parents[1] / "pyproject.toml"
    scripts = tomllib.loads(project.read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts == {"newsreader": "newsreader.launch:main"}


def test_commands_still_go_through_the_command_line(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "newsreader", "--library", str(tmp_path / "x.sqlite3"), "stats",
         "--json"],
        capture_output=True, text=True, env=_env(), timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert '"stories": 0' in out.stdout


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

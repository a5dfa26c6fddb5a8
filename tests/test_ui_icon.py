"""The application icon: shipped in every desktop size, used by the window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from newsreader.ui.app import FIRST_PAINT_MARKER
from newsreader.ui.icon import APP_ID, SIZES, app_icon, icon_files

REPO = Path(__file__).resolve().parents[1]

# Starts the app the console script's way; at first paint prints the window's icon sizes.
PROBE = """
import sys
from PySide6.QtWidgets import QApplication
import newsreader.ui.app as app
real = app.StartupMarks.mark
def mark(name):
    qapp = QApplication.instance()
    [window] = [w for w in qapp.topLevelWidgets() if type(w).__name__ == "MainWindow"]
    sizes = sorted(s.width() for s in window.windowIcon().availableSizes())
    print("ICON", name, qapp.desktopFileName(), *sizes, flush=True)
    real(name)
app.StartupMarks.mark = staticmethod(mark)
from newsreader.launch import main
sys.argv = ["newsreader", "--library", sys.argv[1]]
main()
"""


def test_every_size_is_shipped_square_and_drawn(qapp) -> None:
    files = icon_files()
    assert [Path(f).name for f in files] == [f"newsreader-{s}.png" for s in SIZES]
    for size, path in zip(SIZES, files):
        image = QImage(path)
        assert (image.width(), image.height()) == (size, size), path
        # The tile is drawn, not a blank canvas: the centre pixel is opaque.
        assert image.pixelColor(size // 2, size // 2).alpha() == 255, path
    assert sorted(s.width() for s in app_icon().availableSizes()) == list(SIZES)


def test_shipped_sizes_come_from_the_svg_source() -> None:
    assert (REPO / "resources" / "icons" / "newsreader.svg").exists()
    assert (REPO / "packaging" / "build_icons.py").exists()
    from importlib import util

    spec = util.spec_from_file_location("build_icons", REPO / "packaging" / "build_icons.py")
    assert spec and spec.loader
    build_icons = util.module_from_spec(spec)
    spec.loader.exec_module(build_icons)
    assert tuple(build_icons.SIZES) == SIZES
    # Same renderer, same source: the 32 px image matches the shipped one pixel for pixel.
    rendered = QImage.fromData(build_icons.render(32))
    shipped = QImage(icon_files()[SIZES.index(32)])
    assert rendered.convertToFormat(QImage.Format.Format_ARGB32) == shipped.convertToFormat(
        QImage.Format.Format_ARGB32
    )


def test_the_window_started_by_newsreader_has_the_icon(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NEWSREADER_BENCH_FIRST_PAINT="1")
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "lib.sqlite3")],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert out.returncode == 0, out.stderr
    [line] = [x for x in out.stdout.splitlines() if x.startswith(f"ICON {FIRST_PAINT_MARKER}")]
    words = line.split()
    assert words[2] == APP_ID
    assert [int(w) for w in words[3:]] == list(SIZES)

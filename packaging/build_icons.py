"""Render the application icon: the SVG source in, the PNG sizes desktops use out.

Owns the icon build step. ``resources/icons/newsreader.svg`` is the source (drawn for
this project); this script renders it with Qt's SVG renderer (PySide6-Essentials, no
other tool) into ``src/newsreader/ui/icons/newsreader-<size>.png``, which the package
ships and the window reads (``newsreader.ui.icon``). ``--check`` renders into memory
and fails when a shipped PNG differs from the source or is missing. Must not import
newsreader.

    python packaging/build_icons.py           # render
    python packaging/build_icons.py --check   # are the shipped PNGs up to date?
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "icons" / "newsreader.svg"
OUTPUT = ROOT / "src" / "newsreader" / "ui" / "icons"
#: The hicolor theme sizes Linux desktops look up, plus 512 for AppStream and macOS.
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(size: int) -> bytes:
    """The icon as PNG bytes, ``size`` pixels square."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        render.app = QGuiApplication([])  # type: ignore[attr-defined]
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        sys.exit(f"{SOURCE} is not a valid SVG for Qt")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def target(size: int) -> Path:
    return OUTPUT / f"newsreader-{size}.png"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    stale = []
    for size in SIZES:
        png = render(size)
        path = target(size)
        if args.check:
            if not path.exists() or path.read_bytes() != png:
                stale.append(path.name)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(png)
            print(f"{path.relative_to(ROOT)}  {len(png):>6} bytes")
    if stale:
        print("out of date (run python packaging/build_icons.py): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

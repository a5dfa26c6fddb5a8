"""The application icon and the app's desktop identity.

This module owns where the icon's PNG sizes live in the package (rendered from
``resources/icons/newsreader.svg`` by ``packaging/build_icons.py``) and the app id the
desktop entry and AppStream metadata are named after. Must not import the store or
the window.
"""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QIcon

#: Reverse-DNS id: ``packaging/<APP_ID>.desktop`` and ``<APP_ID>.metainfo.xml``; Wayland
#: compositors match the window to the desktop entry by it.
APP_ID = "org.newsreader.NewsReader"
#: The sizes shipped in ``newsreader/ui/icons`` (packaging/build_icons.py SIZES).
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def icon_files() -> list[str]:
    """Paths of the shipped PNG sizes, smallest first."""
    folder = resources.files("newsreader.ui") / "icons"
    return [str(folder / f"newsreader-{size}.png") for size in SIZES]


def app_icon() -> QIcon:
    """The icon with every size; Qt picks the nearest one for each use (lazily)."""
    icon = QIcon()
    for path in icon_files():
        icon.addFile(path)
    return icon

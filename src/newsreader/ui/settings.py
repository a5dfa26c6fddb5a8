"""What the window remembers between runs (QSettings).

This module owns the settings keys and their types: window geometry, splitter, zoom,
list filter and date range, search order, and the last story read in each library.
Tests pass their own ``QSettings`` file. Must not import the store.

NOTE: the window reads its geometry from here before its first paint, so what only
the reading view needs (the zoom's font module, hashing) is imported when first used.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings

if TYPE_CHECKING:
    import datetime as dt


#: Default minutes between rescans of the followed folders.
DEFAULT_RESCAN_MINUTES = 5


def default_qsettings() -> QSettings:
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, "newsreader", "newsreader"
    )


class Settings:
    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings if qsettings is not None else default_qsettings()

    def _get(self, key: str, default: Any = None) -> Any:
        value = self.q.value(key, default)
        return default if value is None else value

    # -- window ----------------------------------------------------------------------

    def geometry(self) -> QByteArray | None:
        value = self._get("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, value: QByteArray) -> None:
        self.q.setValue("window/geometry", value)

    def splitter(self) -> QByteArray | None:
        value = self._get("window/splitter")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_splitter(self, value: QByteArray) -> None:
        self.q.setValue("window/splitter", value)

    def zoom(self) -> int:
        from newsreader.ui import typography

        try:
            return typography.clamp_zoom(int(self._get("article/zoom", typography.DEFAULT_ZOOM)))
        except (TypeError, ValueError):
            return typography.DEFAULT_ZOOM

    def set_zoom(self, zoom: int) -> None:
        self.q.setValue("article/zoom", int(zoom))

    # -- list ------------------------------------------------------------------------

    def show(self) -> str:
        value = str(self._get("list/show", "all"))
        return value if value in ("all", "unread", "starred", "recent") else "all"

    def set_show(self, show: str) -> None:
        self.q.setValue("list/show", show)

    def date_range(self) -> tuple[dt.date | None, dt.date | None]:
        return _date(self._get("list/since", "")), _date(self._get("list/until", ""))

    def set_date_range(self, since: dt.date | None, until: dt.date | None) -> None:
        self.q.setValue("list/since", since.isoformat() if since else "")
        self.q.setValue("list/until", until.isoformat() if until else "")

    def search_order(self) -> str:
        value = str(self._get("search/order", "relevance"))
        return value if value in ("relevance", "date") else "relevance"

    def set_search_order(self, order: str) -> None:
        self.q.setValue("search/order", order)

    def import_folder(self) -> Path | None:
        """The folder the last import was chosen in (file dialogs open there)."""
        value = str(self._get("import/folder", ""))
        return Path(value) if value else None

    def set_import_folder(self, folder: Path) -> None:
        self.q.setValue("import/folder", str(folder))

    def read_after_ms(self) -> int:
        """How long a story is shown before it counts as read (0: when it opens)."""
        try:
            return max(0, int(self._get("reading/mark_read_after_ms", 1000)))
        except (TypeError, ValueError):
            return 1000

    def set_read_after_ms(self, ms: int) -> None:
        self.q.setValue("reading/mark_read_after_ms", int(ms))

    def rescan_minutes(self) -> int:
        """Minutes between looks at the followed folders (network shares may never
        report a change)."""
        try:
            return max(1, int(self._get("following/rescan_minutes", DEFAULT_RESCAN_MINUTES)))
        except (TypeError, ValueError):
            return DEFAULT_RESCAN_MINUTES

    def set_rescan_minutes(self, minutes: int) -> None:
        self.q.setValue("following/rescan_minutes", int(minutes))

    def last_story(self, library: Path) -> int | None:
        try:
            value = int(self._get(f"last_story/{_library_key(library)}", 0))
        except (TypeError, ValueError):
            return None
        return value or None

    def set_last_story(self, library: Path, story_id: int) -> None:
        self.q.setValue(f"last_story/{_library_key(library)}", int(story_id))

    def sync(self) -> None:
        self.q.sync()


def _date(value: Any) -> dt.date | None:
    import datetime as dt

    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _library_key(path: Path) -> str:
    import hashlib

    return hashlib.sha1(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:16]

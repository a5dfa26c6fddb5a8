"""Which language the window speaks, and how it writes dates and times.

This module owns choosing the translation for a locale (Simplified Chinese for
zh_CN/zh_SG, Traditional for zh_TW/zh_HK/zh_MO, English otherwise), loading the
compiled ``.qm`` files shipped in ``newsreader/ui/i18n`` (plus Qt's own for standard
buttons), and the day-header and clock labels of the list and the article. Must not
import the store.
"""

from __future__ import annotations

import os
from importlib import resources

from PySide6.QtCore import QCoreApplication, QDate, QLibraryInfo, QLocale, QTranslator

# ``date.toordinal()`` counts 0001-01-01 as day 1; Qt counts Julian days.
_ORDINAL_TO_JULIAN_DAY = 1_721_425

LOCALE_ENV = "NEWSREADER_LOCALE"

_SIMPLIFIED = {"zh_CN", "zh_SG"}
_TRADITIONAL = {"zh_TW", "zh_HK", "zh_MO"}


def ui_language(locale: QLocale) -> str | None:
    """``zh_CN``, ``zh_TW`` or None (English) for a locale."""
    name = locale.name()
    if name in _SIMPLIFIED:
        return "zh_CN"
    if name in _TRADITIONAL:
        return "zh_TW"
    if locale.language() == QLocale.Language.Chinese:
        if locale.script() == QLocale.Script.TraditionalChineseScript:
            return "zh_TW"
        return "zh_CN"
    return None


def system_locale() -> QLocale:
    """The user's locale; ``$NEWSREADER_LOCALE`` (e.g. ``zh_TW``) overrides it."""
    forced = os.environ.get(LOCALE_ENV)
    return QLocale(forced) if forced else QLocale.system()


class Language:
    """The chosen language: its translators and the locale dates are written in."""

    def __init__(self, locale: QLocale | None = None) -> None:
        self.source_locale = locale or system_locale()
        self.code = ui_language(self.source_locale)
        if self.code is not None:
            self.locale = QLocale(self.code)
        elif self.source_locale.language() == QLocale.Language.C:
            self.locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
        else:
            self.locale = self.source_locale
        self._translators: list[QTranslator] = []
        self._previous_default: QLocale | None = None
        # The user chose the language for newsreader ($NEWSREADER_LOCALE), so it may
        # differ from the desktop's (whose own dialogs would speak the other one).
        self.forced = locale is None and bool(os.environ.get(LOCALE_ENV))

    @property
    def chinese(self) -> bool:
        return self.code is not None

    def install(self, app: QCoreApplication) -> bool:
        """Load our catalogue and Qt's for the language; True when ours was found.

        Also makes the language Qt's default locale, so Qt's own widgets (calendars,
        file dialogs, standard buttons) write dates and names in it."""
        self.remove(app)
        self._previous_default = QLocale()
        QLocale.setDefault(self.locale)
        if self.code is None:
            return False
        ours = QTranslator(app)
        qm = resources.files("newsreader.ui") / "i18n" / f"newsreader_{self.code}.qm"
        loaded = ours.load(str(qm))
        if loaded:
            app.installTranslator(ours)
            self._translators.append(ours)
        qt = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(f"qtbase_{self.code}", qt_dir):
            app.installTranslator(qt)
            self._translators.append(qt)
        return loaded

    def remove(self, app: QCoreApplication) -> None:
        for translator in self._translators:
            app.removeTranslator(translator)
        self._translators.clear()
        if self._previous_default is not None:
            QLocale.setDefault(self._previous_default)
            self._previous_default = None

    # -- labels ----------------------------------------------------------------------

    def day_label(self, ordinal: int | None) -> str:
        """``2023年8月10日 星期四`` / ``Thursday, August 10, 2023``; undated stories too."""
        if ordinal is None:
            return QCoreApplication.translate("Dates", "Undated")
        qdate = QDate.fromJulianDay(ordinal + _ORDINAL_TO_JULIAN_DAY)
        if self.chinese:
            return self.locale.toString(qdate, "yyyy年M月d日 dddd")
        return self.locale.toString(qdate, "dddd, MMMM d, yyyy")

    def date_label(self, published: str | None) -> str:
        """The date (and clock time when the dump gave one) of an ISO ``published``."""
        if not published:
            return QCoreApplication.translate("Dates", "date unknown")
        qdate = QDate.fromString(published[:10], "yyyy-MM-dd")
        text = (
            self.locale.toString(qdate, "yyyy年M月d日")
            if self.chinese
            else self.locale.toString(qdate, "MMMM d, yyyy")
        )
        clock = clock_label(published)
        return f"{text} {clock}" if clock else text

    def import_label(self, path: str, imported_at: str) -> str:
        """A ``recent`` group header: when and which file."""
        name = path.replace("\\", "/").rsplit("/", 1)[-1]
        when = imported_at[:16].replace("T", " ")
        return QCoreApplication.translate("Dates", "Imported {when} · {name}").format(
            when=when, name=name
        )


def clock_label(published: str | None) -> str:
    """``18:32``, or nothing when the dump gave no real clock (never a made-up time)."""
    if published and len(published) >= 16:
        return published[11:16]
    return ""

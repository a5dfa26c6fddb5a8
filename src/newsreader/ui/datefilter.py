"""The date range of the list: two typed dates, each optional, with a calendar.

This module owns ``DateField`` (a date typed as ``2023-08-10``, ``2023/8/10`` or
``20230810``, or picked in a calendar; empty means no bound) and ``DateRange``
(From and To, shown in the search bar's drop-down). With no bound the fields show
the library's own first and last day, and the calendar opens there: an archive of
older stories is never offered last month's empty calendar. Must not import SQL.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from newsreader.ui import colours

_TYPED = re.compile(r"^\s*(\d{4})\s*[-/.年]?\s*(\d{1,2})\s*[-/.月]?\s*(\d{1,2})\s*日?\s*$")


def parse_date(text: str) -> dt.date | None:
    """A typed date, or None when ``text`` is not one."""
    m = _TYPED.match(text)
    if m is None:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DateField(QWidget):
    """One optional date: typed, or chosen in a calendar."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setClearButtonEnabled(True)
        self.edit.setPlaceholderText("YYYY-MM-DD")
        self.edit.editingFinished.connect(self._on_edit_editingFinished)
        self.edit.textEdited.connect(self._on_edit_textEdited)
        self.calendar = QCalendarWidget()
        self.calendar.clicked.connect(self._on_calendar_clicked)
        self.calendar_button = QToolButton()
        self.calendar_button.setText("▾")
        self.calendar_button.setToolTip(self.tr("Choose in a calendar"))
        menu = QMenu(self.calendar_button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self.calendar_button.setMenu(menu)
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.calendar_button)
        self._value: dt.date | None = None
        self._default: dt.date | None = None

    def value(self) -> dt.date | None:
        return self._value

    def set_value(self, day: dt.date | None) -> None:
        self._value = day
        self.edit.setText(day.isoformat() if day else "")
        self._mark(True)
        self._show_calendar_at(day or self._default)

    def set_default(self, day: dt.date | None) -> None:
        """The day shown (greyed) while no date is typed: the library's own bound."""
        self._default = day
        self.edit.setPlaceholderText(day.isoformat() if day else "YYYY-MM-DD")
        if self._value is None:
            self._show_calendar_at(day)

    def _show_calendar_at(self, day: dt.date | None) -> None:
        if day is not None:
            self.calendar.setSelectedDate(_qdate(day))

    def _take(self, day: dt.date | None) -> None:
        if day != self._value:
            self._value = day
            self.changed.emit()

    def _on_edit_textEdited(self, text: str) -> None:
        day = parse_date(text)
        self._mark(day is not None or not text.strip())
        if not text.strip():
            self._take(None)  # cleared: no bound
        elif day is not None and len(text.strip()) >= 8:
            self._take(day)  # a whole date typed: no need to press Enter

    def _on_edit_editingFinished(self) -> None:
        text = self.edit.text()
        day = parse_date(text)
        if day is not None:
            self.edit.setText(day.isoformat())
            self._take(day)
        elif not text.strip():
            self._take(None)
        self._mark(day is not None or not text.strip())

    def _on_calendar_clicked(self, day: QDate) -> None:
        picked = dt.date(day.year(), day.month(), day.day())
        self.edit.setText(picked.isoformat())
        self._mark(True)
        self.calendar_button.menu().hide()
        self._take(picked)

    def _mark(self, valid: bool) -> None:
        """Text that is not a date is shown in the warning colour (and not applied)."""
        palette = self.edit.palette()
        role = QPalette.ColorRole.Text
        normal = self.palette().color(role)
        palette.setColor(role, normal if valid else colours.warning(self.palette()))
        self.edit.setPalette(palette)
        self.edit.setToolTip("" if valid else self.tr("Not a date: type it as 2023-08-10"))


class DateRange(QWidget):
    """From and To, each optional; shown in a drop-down of the search bar."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.since = DateField()
        self.until = DateField()
        for field in (self.since, self.until):
            field.changed.connect(self.changed)
        clear = QPushButton(self.tr("Any Date"))
        clear.clicked.connect(self.clear)
        form = QFormLayout()
        form.addRow(QLabel(self.tr("From")), self.since)
        form.addRow(QLabel(self.tr("To")), self.until)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(clear)

    def value(self) -> tuple[dt.date | None, dt.date | None]:
        return self.since.value(), self.until.value()

    def set_value(self, since: dt.date | None, until: dt.date | None, *, emit: bool = True) -> None:
        self.since.set_value(since)
        self.until.set_value(until)
        if emit:
            self.changed.emit()

    def set_library_span(self, first: dt.date | None, last: dt.date | None) -> None:
        """The library's first and last day: what "no bound" means, shown as such."""
        self.since.set_default(first)
        self.until.set_default(last)

    def clear(self) -> None:
        self.set_value(None, None)

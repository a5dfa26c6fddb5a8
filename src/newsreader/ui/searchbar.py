"""The bar above the list: the search field, result order, filter and date range.

This module owns those controls and their signals (the date range itself is
``datefilter``'s); the reader decides what they mean. Esc in the field asks to leave the search. Must not import SQL.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from newsreader.store.browse import BrowseFilter
from newsreader.ui.datefilter import DateRange


class SearchField(QLineEdit):
    escaped = Signal()
    #: ↓ or Enter: the user wants the results, not more typing.
    toResults = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.toResults.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class SearchBar(QWidget):
    queryEdited = Signal(str)
    escaped = Signal()
    toResults = Signal()
    filterChanged = Signal(object)  # BrowseFilter
    orderChanged = Signal(str)

    SHOWS = ("all", "unread", "starred", "recent")
    ORDERS = ("relevance", "date")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = SearchField()
        self.field.setPlaceholderText(self.tr("Search stories (Ctrl+F)"))
        self.field.setClearButtonEnabled(True)
        self.field.textEdited.connect(self.queryEdited)
        self.field.escaped.connect(self.escaped)
        self.field.toResults.connect(self.toResults)

        self.show_box = QComboBox()
        self.show_box.addItems(
            [self.tr("All"), self.tr("Unread"), self.tr("Starred"), self.tr("Recently Imported")]
        )
        self.show_box.setToolTip(self.tr("Which stories the list shows"))
        self.show_box.currentIndexChanged.connect(self._emit_filter)

        self.order_box = QComboBox()
        self.order_box.addItems([self.tr("Relevance"), self.tr("Date")])
        self.order_box.setToolTip(self.tr("Order of search results"))
        # The order the user chose; the box may show another while a search is
        # forced into date order (too many results to rank).
        self._chosen_order = self.ORDERS[0]
        self.order_box.currentIndexChanged.connect(self._on_order_box_currentIndexChanged)

        self.dates = DateRange()
        self.dates.changed.connect(self._emit_filter)
        self.dates_button = QPushButton()
        menu = QMenu(self.dates_button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.dates)
        menu.addAction(action)
        self.dates_button.setMenu(menu)
        self._update_dates_text()

        self.count_label = QLabel()
        self.count_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.field, 1)
        top.addWidget(self.order_box)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.show_box)
        bottom.addWidget(self.dates_button)
        bottom.addStretch(1)
        bottom.addWidget(self.count_label)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 4)
        column.setSpacing(4)
        column.addLayout(top)
        column.addLayout(bottom)

    # -- values ----------------------------------------------------------------------

    def query(self) -> str:
        return self.field.text()

    def order(self) -> str:
        """The order the user asked for (see ``show_order``)."""
        return self._chosen_order

    def set_order(self, order: str) -> None:
        self._chosen_order = order
        self.order_box.setCurrentIndex(self.ORDERS.index(order))

    def show_order(self, order: str) -> None:
        """Show the order results really come in, without changing the user's choice."""
        self.order_box.blockSignals(True)
        try:
            self.order_box.setCurrentIndex(self.ORDERS.index(order))
        finally:
            self.order_box.blockSignals(False)
        if order != self._chosen_order:
            self.order_box.setToolTip(
                self.tr("Too many results to rank by relevance: they are listed newest "
                        "first. Add words to rank them.")
            )
        else:
            self.order_box.setToolTip(self.tr("Order of search results"))

    def _on_order_box_currentIndexChanged(self, index: int) -> None:
        self._chosen_order = self.ORDERS[index]
        self.orderChanged.emit(self._chosen_order)

    def filter(self) -> BrowseFilter:
        since, until = self.dates.value()
        if since and until and since > until:
            since, until = until, since
        return BrowseFilter(self.SHOWS[self.show_box.currentIndex()], since, until)

    def set_filter(self, flt: BrowseFilter) -> None:
        self.show_box.blockSignals(True)
        self.dates.blockSignals(True)
        try:
            self.show_box.setCurrentIndex(self.SHOWS.index(flt.show))
            self.dates.set_value(flt.since, flt.until, emit=False)
        finally:
            self.show_box.blockSignals(False)
            self.dates.blockSignals(False)
        self._update_dates_text()

    def _emit_filter(self) -> None:
        self._update_dates_text()
        self.filterChanged.emit(self.filter())

    def _update_dates_text(self) -> None:
        since, until = self.dates.value()
        if since is None and until is None:
            text = self.tr("Any Date")
        else:
            first = since.isoformat() if since else "…"
            last = until.isoformat() if until else "…"
            text = f"{first} – {last}"
        self.dates_button.setText(text)

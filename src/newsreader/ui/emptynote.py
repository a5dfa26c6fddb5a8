"""What an empty headline list says: why nothing is listed, and what to try.

This module owns the note laid over the list's viewport when a search finds nothing
(try fewer words; Simplified and Traditional are already matched alike; the filter
may hide stories) or when the filter hides every story, with a button that clears
the filter. Must not import SQL.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from newsreader.store.browse import BrowseFilter


class EmptyNote(QWidget):
    """A note over an empty list; ``clearFilter`` when its button is pressed."""

    clearFilter = Signal()

    def __init__(self, viewport: QWidget) -> None:
        super().__init__(viewport)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.label.setForegroundRole(self.label.foregroundRole())
        self.button = QPushButton(self.tr("Show All Stories"))
        self.button.clicked.connect(self.clearFilter)
        column = QVBoxLayout(self)
        column.setContentsMargins(18, 18, 18, 18)
        column.addWidget(self.label)
        column.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        viewport.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.parentWidget():
            self.resize(watched.size())
        return False

    @staticmethod
    def filtered(flt: BrowseFilter) -> bool:
        return flt != BrowseFilter()

    def show_no_results(self, query: str, flt: BrowseFilter) -> None:
        """A search found nothing."""
        tips = [
            self.tr("Try fewer words, or shorter ones."),
            self.tr("Simplified and Traditional characters already find each other: "
                    "there is no need to search for both."),
        ]
        if self.filtered(flt):
            tips.append(self.tr("The filter above hides some stories: show all of them "
                                "and search again."))
        title = self.tr("No story matches “{query}”.").format(query=query.strip())
        self._show(title, tips, self.filtered(flt))

    def show_all_hidden(self) -> None:
        """The library has stories, but the filter shows none of them."""
        self._show(
            self.tr("No story is listed: the filter hides every one."),
            [self.tr("Choose All and Any Date to see the whole library again.")],
            can_clear=True,
        )

    def _show(self, title: str, tips: list[str], can_clear: bool) -> None:
        items = "".join(f"<li>{html.escape(t)}</li>" for t in tips)
        self.label.setText(f"<p><b>{html.escape(title)}</b></p><ul>{items}</ul>")
        self.button.setVisible(can_clear)
        self.resize(self.parentWidget().size())
        self.show()
        self.raise_()

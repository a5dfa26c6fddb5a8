"""The page shown in the window instead of the list when the library cannot be opened.

This module owns that page: the store's sentence (what went wrong and what to do), an
"Open Another Library…" button and "Try Again". The window makes it when first needed,
so it stays off the start-up path. Must not import the store or SQL.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

class LibraryErrorPage(QWidget):
    """Shown instead of the list when the library cannot be opened."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setFixedWidth(560)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(self.tr("Open Another Library…"))
        self.retry_button = QPushButton(self.tr("Try Again"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        # Stretches, not an alignment flag: a wrapped label keeps its height for width.
        text = QHBoxLayout()
        text.addStretch(1)
        text.addWidget(self.message)
        text.addStretch(1)
        column = QVBoxLayout(self)
        column.addStretch(1)
        column.addLayout(text)
        column.addSpacing(16)
        column.addLayout(buttons)
        column.addStretch(2)

"""The first-run view: what to do with an empty library.

This module owns the welcome page shown instead of an empty list: a short
explanation and three ways in (import files, import a folder, open the sample dump
shipped with the program). Must not import the store.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomeView(QWidget):
    importFiles = Signal()
    importFolder = Signal()
    openSample = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        title = QLabel(self.tr("Welcome to newsreader"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        text = QLabel(
            self.tr(
                "Your library is empty. Import the page dumps you saved (text files, in any "
                "encoding), or drop files and folders onto this window. Everything stays on "
                "this computer: newsreader never goes online."
            )
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        text.setFixedWidth(520)

        self.import_files_button = QPushButton(self.tr("Import Files…"))
        self.import_folder_button = QPushButton(self.tr("Import Folder…"))
        self.sample_button = QPushButton(self.tr("Open a Sample"))
        self.import_files_button.setDefault(True)
        self.import_files_button.clicked.connect(self.importFiles)
        self.import_folder_button.clicked.connect(self.importFolder)
        self.sample_button.clicked.connect(self.openSample)

        hint = QLabel(self.tr("The sample is a short dump written for newsreader: one article "
                              "and a dozen headlines."))
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        hint.setFixedWidth(520)
        hint.setEnabled(False)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.import_files_button, self.import_folder_button, self.sample_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        column = QVBoxLayout()
        column.addStretch(2)
        column.addWidget(title)
        column.addSpacing(12)
        column.addLayout(_centred(text))
        column.addSpacing(20)
        column.addLayout(buttons)
        column.addSpacing(12)
        column.addLayout(_centred(hint))
        column.addStretch(3)
        self.setLayout(column)


def _centred(label: QLabel) -> QHBoxLayout:
    # NOTE: stretches, not an alignment flag: a widget added with an alignment loses
    # height-for-width, and a wrapped label then shows only its first line.
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(label)
    row.addStretch(1)
    return row

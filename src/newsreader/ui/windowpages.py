"""The pages the window shows in turn: the reading view, the welcome page, the error page.

This module owns the window's central stack, making the welcome and error pages
only when first needed (start-up stays cheap), showing the page of a
``WindowState``, and fitting the first window to the screen. Must not import the
store or the reading view (it is on the first-paint path).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStackedWidget, QWidget

from newsreader.ui.windowstate import WindowState

if TYPE_CHECKING:
    from newsreader.ui.errorpage import LibraryErrorPage
    from newsreader.ui.welcome import WelcomeView


class WindowPages(QStackedWidget):
    """The window's central widget; ``actions`` are the window's commands."""

    def __init__(self, actions: dict[str, Callable[[], object]]) -> None:
        super().__init__()
        self.actions = actions
        self._welcome: WelcomeView | None = None
        self._error_page: LibraryErrorPage | None = None

    @property
    def welcome(self) -> WelcomeView:
        if self._welcome is None:
            from newsreader.ui.welcome import WelcomeView

            self._welcome = WelcomeView()
            self._welcome.importFiles.connect(self.actions["import_files"])
            self._welcome.importFolder.connect(self.actions["import_folder"])
            self._welcome.openSample.connect(self.actions["open_sample"])
            self.addWidget(self._welcome)
        return self._welcome

    @property
    def error_page(self) -> LibraryErrorPage:
        if self._error_page is None:
            from newsreader.ui.errorpage import LibraryErrorPage

            self._error_page = LibraryErrorPage()
            self._error_page.open_button.clicked.connect(self.actions["choose_library"])
            self._error_page.retry_button.clicked.connect(self.actions["retry"])
            self.addWidget(self._error_page)
        return self._error_page

    def show_state(self, state: WindowState, reader: QWidget | None) -> None:
        """The page of ``state`` (the reading view is ``reader``)."""
        if state is WindowState.NO_LIBRARY:
            self.setCurrentWidget(self.error_page)
        elif state is WindowState.EMPTY:
            self.setCurrentWidget(self.welcome)
        elif state is WindowState.READING:
            assert reader is not None
            self.setCurrentWidget(reader)


def fit_to_screen(window: QWidget) -> None:
    """Never larger than the screen's free area (HiDPI scaling, a smaller screen)."""
    screen = window.screen()
    if screen is None:
        return
    free = screen.availableGeometry()
    width = min(window.width(), int(free.width() * 0.95))
    height = min(window.height(), int(free.height() * 0.95))
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
        window.move(free.left() + (free.width() - width) // 2,
                    free.top() + (free.height() - height) // 2)

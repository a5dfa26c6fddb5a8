"""What the window is showing, as one state: the single place commands are enabled.

This module owns ``WindowState`` (opening, no library, an empty library, reading)
and the mapping from a state to the actions it allows. The window changes state;
nothing else checks whether a library or a reading view exists. Must not import the
store or Qt's ``Qt`` namespace (it is on the first-paint path).
"""

from __future__ import annotations

from enum import Enum


class WindowState(Enum):
    """The window's page, and so which commands make sense."""

    OPENING = "opening"  # painted, the library not yet opened
    NO_LIBRARY = "no_library"  # it could not be opened: the error page
    EMPTY = "empty"  # opened, no story yet: the welcome page
    READING = "reading"  # the reading view

    @property
    def has_library(self) -> bool:
        """A library is open (and so is the reading view, perhaps behind the welcome)."""
        return self in (WindowState.EMPTY, WindowState.READING)

    @property
    def can_import(self) -> bool:
        return self.has_library

    @property
    def can_read(self) -> bool:
        return self is WindowState.READING

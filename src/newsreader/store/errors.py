"""Errors the store raises for problems that are not bugs.

Must not import Qt. ``LibraryError`` is the environment's fault (a corrupt, locked,
read-only or too-new library file): its message tells the user what to do.
"""

from __future__ import annotations


class LibraryError(RuntimeError):
    """The library file cannot be used; ``str(err)`` is a plain sentence for the user."""


class LibraryBusy(LibraryError):
    """Another program holds the library's lock: try again later (nothing is wrong)."""


class ImportCancelled(Exception):
    """Raised inside an import when the user cancels; the current dump rolls back."""

"""Errors the store raises for problems that are not bugs.

Must not import Qt. ``LibraryError`` is the environment's fault (a corrupt, locked,
read-only or too-new library file): it carries a code and fields (see
``newsreader.errors``, which also says how to add a kind) and its ``str()`` is the
English sentence telling the user what to do.
"""

from __future__ import annotations

from newsreader.errors import CodedError


class LibraryError(CodedError, RuntimeError):
    """The library file cannot be used (codes ``library.*``)."""


class LibraryBusy(LibraryError):
    """Another program holds the library's lock: try again later (``library.busy``)."""


class Interrupted(LibraryError):
    """``Library.interrupt()`` stopped the query (``library.interrupted``): whoever
    asked for it no longer waits for the answer."""


class ImportCancelled(Exception):
    """Raised inside an import when the user cancels; the current dump rolls back."""

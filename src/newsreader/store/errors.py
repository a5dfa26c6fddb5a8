"""Errors the store raises for problems that are not bugs.

Must not import Qt. ``LibraryError`` is the environment's fault (a corrupt, locked,
read-only or too-new library file): it carries a code and fields (see
``newsreader.errors``, which also says how to add a kind) and its ``str()`` is the
English sentence telling the user what to do. Each kind of trouble callers must tell
apart (the exit status of a command, whether an import can go on) has a subclass.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsreader.errors import CodedError

if TYPE_CHECKING:
    from newsreader.store.records import FileResult


class LibraryError(CodedError, RuntimeError):
    """The library file cannot be used (codes ``library.*``)."""


class LibraryBusy(LibraryError):
    """Another program holds the library's lock: try again later (``library.busy``)."""


class Interrupted(LibraryError):
    """``Library.interrupt()`` stopped the query (``library.interrupted``): whoever
    asked for it no longer waits for the answer."""


class LibraryDamaged(LibraryError):
    """The file is a damaged library: only ``check --repair`` or a backup can help."""


class LibraryNotOurs(LibraryError):
    """Not a newsreader library (another program's database, or not SQLite at all)."""


class LibraryTooNew(LibraryError):
    """A newer newsreader wrote this library; this one must not touch it."""


class LibraryReadOnly(LibraryError):
    """The file or its folder cannot be written; reading may still work."""


class DiskFull(LibraryError):
    """The disk (or a size limit) holding the library is full, or refused a write."""


class ImportStopped(LibraryError):
    """An import stopped because the library could not be written any more.

    ``results`` is the whole report: what was committed, what was rejected, and the
    files left ``unfinished``; ``cause`` is the environment error that stopped it
    (its code and fields are this error's too).
    """

    def __init__(self, cause: LibraryError, results: list[FileResult]) -> None:
        super().__init__(cause.code, **cause.fields)
        self.cause = cause
        self.results = results

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (ImportStopped, (self.cause, self.results))


class ImportCancelled(Exception):
    """Raised inside an import when the user cancels; the current dump rolls back."""

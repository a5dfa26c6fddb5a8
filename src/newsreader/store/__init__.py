"""The local SQLite library: the only package that speaks SQL.

Public surface: ``Library`` (open, read, reading state), ``Importer`` (files in),
``LibraryError`` (an environment problem, worded for the user). Must not import Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsreader.store.errors import ImportCancelled, LibraryError
from newsreader.location import default_library_path
from newsreader.store.library import Library

if TYPE_CHECKING:
    from newsreader.store.importer import Importer, expand_paths

__all__ = [
    "ImportCancelled",
    "Importer",
    "Library",
    "LibraryError",
    "default_library_path",
    "expand_paths",
]


def __getattr__(name: str) -> Any:
    # NOTE: the importer pulls in the parsers and the search tokenizer (~20 ms); the
    # desktop app's first paint needs neither, so they load on first use.
    if name in ("Importer", "expand_paths"):
        from newsreader.store import importer

        return getattr(importer, name)
    raise AttributeError(f"module 'newsreader.store' has no attribute {name!r}")

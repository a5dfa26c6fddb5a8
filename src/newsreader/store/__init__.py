"""The local SQLite library: the only package that speaks SQL.

Public surface: ``Library`` (open, read, reading state), ``Importer`` (files in),
``LibraryError`` (an environment problem, worded for the user). Must not import Qt.
"""

from newsreader.store.errors import ImportCancelled, LibraryError
from newsreader.store.importer import Importer, expand_paths
from newsreader.store.library import Library, default_library_path

__all__ = [
    "ImportCancelled",
    "Importer",
    "Library",
    "LibraryError",
    "default_library_path",
    "expand_paths",
]

"""Where the library is: the ``NEWSREADER_LIBRARY`` variable and the default path.

This module owns the name of the environment variable that chooses the library and
the platform's default library file; the front door (``launch``), the command line
and the store all ask here. It imports only the standard library at module level
(``platformdirs`` when the default is first needed): the window's start-up reads it.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The environment variable naming the library file (the ``--library`` default).
LIBRARY_ENV = "NEWSREADER_LIBRARY"
#: The default library's file name, in the platform's data folder.
LIBRARY_FILENAME = "library.sqlite3"


def library_from_environment() -> str | None:
    """``$NEWSREADER_LIBRARY`` as given, or None when unset or empty."""
    return os.environ.get(LIBRARY_ENV) or None


def default_library_path() -> Path:
    """``$NEWSREADER_LIBRARY``, else ``library.sqlite3`` in the platform data folder."""
    env = library_from_environment()
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_data_path("newsreader", appauthor=False) / LIBRARY_FILENAME

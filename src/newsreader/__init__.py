"""newsreader: an offline reader and archive for Chinese news page dumps.

Data flows one way: dump bytes -> ``newsreader.dumps`` (parse) -> ``newsreader.store``
(SQLite library) -> ``newsreader.cli`` or ``newsreader.ui``. Only ``newsreader.ui``
imports Qt.
"""

__version__ = "0.1.0"

"""Work-arounds for known defects of the Qt binding this package runs on.

This module owns one: PySide6 6.12.0 on Python < 3.12 drops a reference to ``None``
on every call of a method that returns nothing (``QPainter.setPen``,
``QObject.setObjectName``...), and to ``True``/``False`` on every emit of a Python
``Signal(bool)``. Python 3.12 made these objects immortal, which hides the bug
there; on 3.11 their counts reach zero after some ten thousand calls and the
interpreter aborts ("none_dealloc", "bool_dealloc"): painting a few screens of the
headline list is enough. PySide6 6.11 is not affected. Imported first by
``newsreader.ui``.
"""

from __future__ import annotations

import sys

# Versions known to drop references to None (checked: 6.12.0 does, 6.11.2 does not).
AFFECTED = {"6.12.0"}

# NOTE: a 2**40 head start is what 3.12's immortal objects amount to in practice: at
# a million void calls a second it lasts twelve days. The count is the first field
# of every CPython object (ob_refcnt) in the release builds this runs on.
_HEAD_START = 1 << 40


def protect_none_refcount(version: str | None = None) -> bool:
    """Give ``None``, ``True`` and ``False`` reference counts the binding cannot
    exhaust; True when applied."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if version is None:
        import PySide6

        version = PySide6.__version__
    if version not in AFFECTED:
        return False
    import ctypes

    for singleton in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value < _HEAD_START:
            count.value += _HEAD_START
    return True

"""How stories are recognised across dumps, and how they are ordered.

This module owns the identity keys (which sightings are the same story) and the
integer sort key that orders the library newest first. Pure functions: no SQL, no Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from newsreader.text import key_text

# Low bits of a sort key: a per-story discriminator (the story id modulo 2**24), so two
# stories of the same minute still get distinct keys and order by id.
SEQ_BITS = 24
_SEQ_MASK = (1 << SEQ_BITS) - 1
# Undated stories sort after every dated one (dated keys are all positive).
_UNDATED_BASE = -(1 << 62)
# Slots per day in the key: date-only (0), then 00:00 (1) ... 23:59 (1440). NOTE: a
# stride of 1440 would give 23:59 the next day's date-only key.
DAY_SLOTS = 1441


def title_key(title: str) -> str:
    return key_text(title)


def text_key(parts: Iterable[str], *, kind: str) -> str:
    """A short digest of normalised text: the identity of a story with no title or date.

    ``kind`` separates body texts (``b``) from headline texts (``h``) so a headline's
    summary can never be mistaken for a body.
    """
    # NOTE: imported here, not with the module: hashlib loads OpenSSL (~3 ms), and
    # every ``newsreader search`` imports this module for its date filters.
    import hashlib

    digest = hashlib.blake2b(digest_size=12)
    for part in parts:
        digest.update(key_text(part).encode("utf-8"))
        digest.update(b"\x00")
    return f"{kind}:{digest.hexdigest()}"


def sort_key(story_id: int, date: dt.date | None, time: dt.time | None) -> int:
    """One integer that orders stories newest first when sorted descending.

    A story with a clock time sorts above the date-only stories of the same day;
    undated stories sort last, newest id first.
    """
    if date is None:
        return _UNDATED_BASE + story_id
    minutes = date.toordinal() * DAY_SLOTS
    if time is not None:
        minutes += time.hour * 60 + time.minute + 1
    # NOTE: the id's low 24 bits keep keys unique until two stories of one minute have
    # ids 16.7M apart; the UNIQUE index would then refuse the second, loudly.
    return (minutes << SEQ_BITS) | (story_id & _SEQ_MASK)


def parse_published(value: str | None) -> tuple[dt.date | None, dt.time | None]:
    """The inverse of ``Timestamp.iso``: ``2023-08-10`` or ``2023-08-10T09:15``."""
    if not value:
        return None, None
    date = dt.date.fromisoformat(value[:10])
    time = dt.time.fromisoformat(value[11:16]) if len(value) > 10 else None
    return date, time


def precision(value: str | None) -> int:
    """0 undated, 1 date only, 2 date and clock time."""
    if not value:
        return 0
    return 2 if len(value) > 10 else 1


def day_floor_key(date: dt.date) -> int:
    """The smallest sort key of ``date``: every story of that day or later is >= it."""
    return (date.toordinal() * DAY_SLOTS) << SEQ_BITS


def day_of_sort_key(key: int) -> int | None:
    """The ordinal of the day a sort key belongs to (the inverse of ``sort_key``'s day
    part); None for an undated story."""
    if key < 0:
        return None
    return (key >> SEQ_BITS) // DAY_SLOTS

"""Browsing the library a block at a time: the queries behind the desktop app's list.

This module owns the SQL the headline list needs beyond ``library``: filtered keyset
pages (all, unread, starred, recently imported, a date range), counts, the groups the
list shows headers for (days, or imports), and sparse *anchors* (the key of every
``BLOCK``-th story) so that any row of a million can be fetched by key, never by a
large OFFSET. Functions take a ``Library`` and use its connection: call them on the
thread that opened it. Must not import Qt.

Orderings:

* ``date`` (all, unread, starred, date range): ``sort_key DESC`` (see ``identity``),
  grouped by day; undated stories come last, in one group.
* ``recent``: ``(last_dump_id DESC, sort_key DESC)``: the stories the newest import
  sighted first, grouped by that import.

A *key* is the tuple of ordering columns of one story: ``(sort_key,)`` or
``(last_dump_id, sort_key)``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsreader.store.identity import day_of_sort_key, sort_key
from newsreader.store.connection import chunks
from newsreader.store.library import Library
from newsreader.store.rows import ROW_COLUMNS, STORY_ROW_FIELDS, named, story_row
from newsreader.store.records import StoryRow

#: Stories per block: the unit the list fetches, caches and evicts.
BLOCK = 512

SHOWS = ("all", "unread", "starred", "recent")

Key = tuple[int, ...]

# NOTE: partial indexes keep "unread" and "starred" pages index-only lookups however
# few stories match; a plain (read, sort_key) index would cost the same for "all".
_INDEXES = (
    "CREATE INDEX IF NOT EXISTS stories_unread ON stories (sort_key) WHERE read = 0",
    "CREATE INDEX IF NOT EXISTS stories_starred ON stories (sort_key) WHERE starred = 1",
    "CREATE INDEX IF NOT EXISTS stories_recent ON stories (last_dump_id, sort_key)",
)


def create_browse_indexes(conn: sqlite3.Connection) -> None:
    """Migration step: the indexes that keep every filtered page a keyset lookup."""
    for statement in _INDEXES:
        conn.execute(statement)


@dataclass(frozen=True)
class BrowseFilter:
    """What the list shows: a subset (or the import order) and an inclusive date range."""

    show: str = "all"  # one of SHOWS
    since: dt.date | None = None
    until: dt.date | None = None

    def __post_init__(self) -> None:
        if self.show not in SHOWS:
            raise ValueError(f"unknown filter {self.show!r}")

    @property
    def ordering(self) -> str:
        return "recent" if self.show == "recent" else "date"


@dataclass(frozen=True)
class Group:
    """A run of consecutive stories under one header.

    ``key`` is the day's ordinal (``date.toordinal()``) for the date ordering, or the
    dump id for ``recent``; None is the undated group.
    """

    key: int | None
    first_rank: int
    count: int


@dataclass(frozen=True)
class DumpLabel:
    """What a ``recent`` group header says about its import."""

    path: str
    imported_at: str


@dataclass(frozen=True)
class BrowseLayout:
    """Everything the list needs to address any row: total, groups and block anchors.

    ``anchors[b]`` is the key of the story at rank ``b * BLOCK``.
    """

    filter: BrowseFilter
    total: int
    groups: tuple[Group, ...]
    anchors: tuple[Key, ...]
    #: False for a provisional layout made from the first block only.
    complete: bool = True
    #: Stories per block: ``anchors`` are this far apart.
    block: int = BLOCK


# -- keys and days -------------------------------------------------------------------


def day_start_key(day: dt.date) -> int:
    """The smallest sort key a story of ``day`` can have (date-only stories sort lowest)."""
    return sort_key(0, day, None)


def day_of_key(key: int) -> int | None:
    """The ordinal of the day a sort key belongs to; None for an undated story."""
    return day_of_sort_key(key)


def date_span(library: Library) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of the library's dated stories ((None, None) if none)."""
    first, last = library.conn.execute(
        "SELECT (SELECT min(sort_key) FROM stories WHERE sort_key >= 0),"
        " (SELECT max(sort_key) FROM stories WHERE sort_key >= 0)"
    ).fetchone()

    def day(key: int | None) -> dt.date | None:
        ordinal = day_of_key(key) if key is not None else None
        return dt.date.fromordinal(ordinal) if ordinal is not None else None

    return day(first), day(last)


def _where(flt: BrowseFilter) -> tuple[list[str], list[Any]]:
    """SQL conditions (literal where a partial index must match) and their parameters."""
    terms: list[str] = []
    params: list[Any] = []
    if flt.show == "unread":
        terms.append("read = 0")
    elif flt.show == "starred":
        terms.append("starred = 1")
    if flt.since is not None:
        terms.append("sort_key >= ?")
        params.append(day_start_key(flt.since))
    if flt.until is not None:
        terms.append("sort_key >= 0 AND sort_key < ?")
        params.append(day_start_key(flt.until + dt.timedelta(days=1)))
    return terms, params


def _columns(flt: BrowseFilter) -> tuple[str, ...]:
    return ("last_dump_id", "sort_key") if flt.ordering == "recent" else ("sort_key",)


def _order(flt: BrowseFilter) -> str:
    return ", ".join(f"{c} DESC" for c in _columns(flt))


def _key_before(flt: BrowseFilter, key: Key, op: str) -> tuple[str, list[Any]]:
    cols = _columns(flt)
    if len(cols) == 1:
        return f"sort_key {op} ?", [key[0]]
    return f"(last_dump_id, sort_key) {op} (?, ?)", list(key)


def _select(
    flt: BrowseFilter, what: str, extra: Sequence[tuple[str, list[Any]]] = ()
) -> tuple[str, list[Any]]:
    terms, params = _where(flt)
    for term, values in extra:
        terms.append(term)
        params.extend(values)
    where = (" WHERE " + " AND ".join(terms)) if terms else ""
    return f"SELECT {what} FROM stories{where}", params


# -- pages ------------------------------------------------------------------------------


def fetch_block(
    library: Library, flt: BrowseFilter, start: Key | None, limit: int = BLOCK
) -> tuple[list[Key], list[StoryRow]]:
    """Up to ``limit`` stories from the key ``start`` (inclusive) on; None is the top."""
    cols = _columns(flt)
    extra = [] if start is None else [_key_before(flt, start, "<=")]
    what = ", ".join([*(c for c in cols if c not in STORY_ROW_FIELDS), ROW_COLUMNS])
    sql, params = _select(flt, what, extra)
    sql += f" ORDER BY {_order(flt)} LIMIT ?"
    keys: list[Key] = []
    rows: list[StoryRow] = []
    for r in named(library.conn, sql, (*params, limit)):
        keys.append(tuple(r[c] for c in cols))
        rows.append(story_row(r))
    return keys, rows


def count(library: Library, flt: BrowseFilter) -> int:
    sql, params = _select(flt, "count(*)")
    return int(library.conn.execute(sql, params).fetchone()[0])


def _anchors(library: Library, flt: BrowseFilter, block: int) -> list[Key]:
    """Every ``block``-th key, by hopping along the index.

    NOTE: each hop skips ``block - 1`` index entries with a bounded OFFSET: SQLite steps
    over them inside the index without building rows, so the whole walk costs about
    one index scan (~30 ms at 1M stories) rather than a million Python rows (~500 ms).
    """
    cols = ", ".join(_columns(flt))
    order = _order(flt)
    conn = library.conn
    sql, params = _select(flt, cols)
    first = conn.execute(f"{sql} ORDER BY {order} LIMIT 1", params).fetchone()
    if first is None:
        return []
    anchors: list[Key] = [tuple(first)]
    while True:
        sql, params = _select(flt, cols, [_key_before(flt, anchors[-1], "<")])
        row = conn.execute(
            f"{sql} ORDER BY {order} LIMIT 1 OFFSET ?", (*params, block - 1)
        ).fetchone()
        if row is None:
            return anchors
        anchors.append(tuple(row))


def _day_groups(library: Library, flt: BrowseFilter) -> list[Group]:
    """Days newest first, then the undated group, by hopping from day to day."""
    conn = library.conn
    groups: list[Group] = []
    rank = 0
    upper: int | None = None
    while True:
        extra = [] if upper is None else [("sort_key < ?", [upper])]
        sql, params = _select(flt, "sort_key", extra)
        row = conn.execute(f"{sql} ORDER BY sort_key DESC LIMIT 1", params).fetchone()
        if row is None:
            return groups
        day = day_of_key(row[0])
        if day is None:
            sql, params = _select(flt, "count(*)", [("sort_key < 0", [])])
            n = int(conn.execute(sql, params).fetchone()[0])
            groups.append(Group(None, rank, n))
            return groups
        low = day_start_key(dt.date.fromordinal(day))
        sql, params = _select(flt, "count(*)", [("sort_key >= ? AND sort_key <= ?", [low, row[0]])])
        n = int(conn.execute(sql, params).fetchone()[0])
        groups.append(Group(day, rank, n))
        rank += n
        upper = low


def _dump_groups(library: Library, flt: BrowseFilter) -> list[Group]:
    sql, params = _select(flt, "last_dump_id, count(*)")
    sql += " GROUP BY last_dump_id ORDER BY last_dump_id DESC"
    groups: list[Group] = []
    rank = 0
    for dump_id, n in library.conn.execute(sql, params):
        groups.append(Group(dump_id, rank, n))
        rank += n
    return groups


def dump_labels(library: Library, dump_ids: Sequence[int]) -> dict[int, DumpLabel]:
    """What the headers of ``dump_ids`` say (asked for the headers on screen only:
    a "recently imported" list may have an import per story)."""
    found: dict[int, DumpLabel] = {}
    for chunk in chunks(list(dump_ids), 500):
        marks = ",".join("?" * len(chunk))
        for dump_id, path, imported_at in library.conn.execute(
            f"SELECT id, path, imported_at FROM dumps WHERE id IN ({marks})", tuple(chunk)
        ):
            found[dump_id] = DumpLabel(path, imported_at)
    return found


def _groups_of(flt: BrowseFilter, keys: Sequence[Key]) -> list[Group]:
    """Groups of a run of keys already in list order (for a provisional layout)."""
    groups: list[Group] = []
    for rank, key in enumerate(keys):
        gkey = key[0] if flt.ordering == "recent" else day_of_key(key[0])
        if groups and groups[-1].key == gkey:
            last = groups[-1]
            groups[-1] = Group(last.key, last.first_rank, last.count + 1)
        else:
            groups.append(Group(gkey, rank, 1))
    return groups


def layout(library: Library, flt: BrowseFilter, *, block: int = BLOCK) -> BrowseLayout:
    """The full layout: a few thousand indexed lookups, meant for a worker thread."""
    anchors = _anchors(library, flt, block)
    groups = _dump_groups(library, flt) if flt.ordering == "recent" else _day_groups(library, flt)
    total = sum(g.count for g in groups)
    return BrowseLayout(
        filter=flt, total=total, groups=tuple(groups), anchors=tuple(anchors), complete=True,
        block=block,
    )


def first_page(
    library: Library, flt: BrowseFilter, *, block: int = BLOCK
) -> tuple[BrowseLayout, list[StoryRow]]:
    """A layout good enough for the first paint, from one block: exact when the
    library holds fewer than ``block`` matching stories, provisional otherwise."""
    keys, rows = fetch_block(library, flt, None, block + 1)
    complete = len(rows) <= block
    keys, rows = keys[:block], rows[:block]
    groups = _groups_of(flt, keys)
    anchors = (keys[0],) if keys else ()
    layout = BrowseLayout(
        filter=flt, total=len(rows), groups=tuple(groups), anchors=anchors, complete=complete,
        block=block,
    )
    return layout, rows


def key_of(library: Library, flt: BrowseFilter, story_id: int) -> Key | None:
    """The ordering key of one story, or None when it is gone or filtered out."""
    extra = [("id = ?", [story_id])]
    sql, params = _select(flt, ", ".join(_columns(flt)), extra)
    row = library.conn.execute(sql, params).fetchone()
    return tuple(row) if row is not None else None


def rank_of(library: Library, lay: BrowseLayout, key: Key) -> int:
    """The 0-based rank of ``key`` in ``lay`` (of a story that is in it)."""
    # anchors are descending; find the last anchor >= key
    lo, hi = 0, len(lay.anchors)
    while lo < hi:
        mid = (lo + hi) // 2
        if lay.anchors[mid] >= key:
            lo = mid + 1
        else:
            hi = mid
    b = max(lo - 1, 0)
    if not lay.anchors:
        return 0
    extra = [_key_before(lay.filter, key, ">"), _key_before(lay.filter, lay.anchors[b], "<=")]
    sql, params = _select(lay.filter, "count(*)", extra)
    return b * lay.block + int(library.conn.execute(sql, params).fetchone()[0])


# -- search results ------------------------------------------------------------------


def sort_keys_for_ids(library: Library, ids: Sequence[int]) -> array:
    """The sort keys of ``ids``, in the same order (0 for a story that is gone)."""
    found: dict[int, int] = {}
    for chunk in chunks(list(ids), 900):
        marks = ",".join("?" * len(chunk))
        found.update(
            library.conn.execute(
                f"SELECT id, sort_key FROM stories WHERE id IN ({marks})", tuple(chunk)
            ).fetchall()
        )
    return array("q", (found.get(i, 0) for i in ids))


def keep_ids(library: Library, ids: Sequence[int], flt: BrowseFilter) -> list[int]:
    """``ids`` (in order) that pass the unread/starred part of ``flt``."""
    if flt.show not in ("unread", "starred"):
        return list(ids)
    cond = "read = 0" if flt.show == "unread" else "starred = 1"
    kept: set[int] = set()
    for chunk in chunks(list(ids), 900):
        marks = ",".join("?" * len(chunk))
        kept.update(
            r[0]
            for r in library.conn.execute(
                f"SELECT id FROM stories WHERE {cond} AND id IN ({marks})", tuple(chunk)
            )
        )
    return [i for i in ids if i in kept]


def groups_for_keys(keys: Sequence[int]) -> list[Group]:
    """Day groups of sort keys already ordered newest first (search results by date)."""
    return _groups_of(BrowseFilter(), [(k,) for k in keys])


__all__ = [
    "BLOCK",
    "SHOWS",
    "BrowseFilter",
    "BrowseLayout",
    "DumpLabel",
    "Group",
    "count",
    "create_browse_indexes",
    "day_of_key",
    "day_start_key",
    "dump_labels",
    "fetch_block",
    "first_page",
    "groups_for_keys",
    "keep_ids",
    "key_of",
    "layout",
    "rank_of",
    "sort_keys_for_ids",
]

"""One story, many sightings: placing each sighting of a dump in the stored stories.

This module owns which story a sighting belongs to. The stories are a function of
the SET of sightings, whatever order dumps arrive in (two desktops importing the
same files in different orders, or two importers at once, hold the same stories):

* a *keyed* sighting (a real title and a valid date) is known by (title, date),
  title compared without whitespace and punctuation; among those, every distinct
  body is its own story (generic titles such as 国内联播快讯 recur with new
  content). A headline of such a (title, date) joins the body its summary begins
  (the longest match; ties go to the smallest text key); with no body at all, the
  headlines of one (title, date) are one story;
* an *unkeyed* sighting (untitled, undated) is known by its text: a body joins the
  keyed story with the same body (the smallest (date, title) if several), else the
  other unkeyed sightings of that body; a headline joins the same headline text;
* a saved page with a canonical address is known by that address alone: every save
  of one page is one story (ads, comments or a fix change its bytes, not what it
  is). NOTE: such a story never takes in a text dump's sighting of the same
  article, nor the reverse: which body it kept would then depend on arrival.

The fields of a story come from its sightings by the rule in ``sightings.combine``.
Most sightings only add to one story (a fold). When a sighting changes how others
are grouped (a second body for a (title, date), a titled copy of a body seen
untitled), the stories involved are regrouped from their sources: their dumps are
re-read from the library and every sighting placed again. ``recompute_stories``
does the same for callers that removed sources (forgetting an import).
Must not import Qt or the CLI.
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from newsreader.dumps import DumpError, ParsedDump, parse_dump
from newsreader.store.errors import LibraryError
from newsreader.store.library import stored_bytes
from newsreader.store.sightings import (
    STATE_COLUMNS,
    STATE_NAMES,
    Sighting,
    State,
    body_texts,
    combine,
    is_keyed,
    sightings,
    state_of,
    summary_match,
)

__all__ = [
    "STATE_COLUMNS",
    "Regrouped",
    "Sighting",
    "StoryMerger",
    "recompute_stories",
    "sightings",
]

# A regroup stops widening past this many stories (a pathological library); what it
# holds is still regrouped consistently.
_REGROUP_LIMIT = 5000

_INSERT_STORY = (
    f"INSERT INTO stories ({STATE_COLUMNS}) VALUES ({','.join('?' * len(STATE_NAMES))})"
)
_INSERT_SOURCE = (
    "INSERT INTO sources (id, story_id, dump_id, role, position, published_raw) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)


@dataclass(frozen=True)
class Regrouped:
    """What ``recompute_stories`` did: story ids kept, removed (no sources left or
    merged into another) and created; ``touched`` is for the search index."""

    kept: tuple[int, ...]
    removed: tuple[int, ...]
    created: tuple[int, ...]
    touched: Mapping[int, Mapping[str, Any] | None]
    unreadable_sources: int


class StoryMerger:
    """Merges the sightings of one dump, inside the caller's transaction.

    ``touched`` maps every story id this dump created, changed or removed to its
    state before the dump (None for a new story), so the search index can be kept
    in step. ``parsed`` (the dump being imported) spares re-reading its bytes when a
    regroup needs its other sightings.
    """

    def __init__(
        self, conn: sqlite3.Connection, dump_id: int, parsed: ParsedDump | None = None
    ) -> None:
        self.conn = conn
        self.dump_id = dump_id
        self.added = 0
        self.updated = 0
        self.removed = 0
        self.unreadable_sources = 0
        self.touched: dict[int, State | None] = {}
        self._created: set[int] = set()
        self._counted_update: set[int] = set()
        self._next_id = int(
            conn.execute("SELECT coalesce(max(id), 0) + 1 FROM stories").fetchone()[0]
        )
        self._parsed: dict[int, dict[tuple[str, int], Sighting] | None] = {}
        if parsed is not None:
            self._parsed[dump_id] = _by_place(parsed)
        # While regrouping: sightings are only placed (no regroup inside a regroup),
        # and the ids of the stories taken apart are given out again.
        self._regrouping = False
        self._free_ids: list[int] = []

    # -- reading stories -------------------------------------------------------------

    def _states(self, where: str, params: tuple[Any, ...]) -> list[State]:
        sql = f"SELECT {STATE_COLUMNS} FROM stories WHERE {where} ORDER BY id"
        return [dict(zip(STATE_NAMES, row)) for row in self.conn.execute(sql, params)]

    def _variants(self, s: Sighting) -> list[State]:
        """The keyed stories of ``s``'s (title, date)."""
        return [
            st
            for st in self._states(
                "title_key = ? AND published_date = ?", (s.title_key, s.date)
            )
            if is_keyed(st) and st["url"] is None
        ]

    def _by_text(self, key: str, *, body: bool) -> list[State]:
        return [
            st
            for st in self._states("text_key = ? AND has_body = ?", (key, int(body)))
            if st["url"] is None
        ]

    # -- placing a sighting ------------------------------------------------------------

    def add(self, s: Sighting) -> int:
        """Merge one sighting of this dump; return the story id it now belongs to."""
        target = self._target(s)
        if isinstance(target, _Regroup):
            return self._regroup(target.seed_ids, [(s, None)])
        story_id = self._place(s, target, dump_id=self.dump_id)
        self._insert_source(None, story_id, self.dump_id, s)
        return story_id

    def _target(self, s: Sighting) -> State | None | _Regroup:
        """The story ``s`` joins (None: a new one), or a regroup of some stories."""
        if s.url:
            same_page = self._states("url = ?", (s.url,))
            return same_page[0] if same_page else None
        if s.keyed:
            variants = self._variants(s)
            bodied = [v for v in variants if v["has_body"]]
            if s.has_body:
                for v in bodied:
                    if v["text_key"] == s.text_key:
                        return v
                holders = [
                    h
                    for h in self._by_text(s.text_key, body=True)
                    if not is_keyed(h) or _key(h) > s.key
                ]
                if (bodied or holders) and not self._regrouping:
                    # A new body beside others (headlines may belong to it), or
                    # untitled copies of this body held elsewhere: regroup them.
                    return _Regroup([v["id"] for v in variants] + [h["id"] for h in holders])
                return variants[0] if variants and not bodied else None
            if len(bodied) > 1:
                return min(bodied, key=lambda v: (-summary_match(s, body_texts(v)),
                                                  v["text_key"], v["id"]))
            if bodied:
                return bodied[0]
            return variants[0] if variants else None
        found = self._by_text(s.text_key, body=s.has_body)
        if s.has_body:
            keyed = [f for f in found if is_keyed(f)]
            if keyed:
                return min(keyed, key=lambda f: (_key(f), f["id"]))
        unkeyed = [f for f in found if not is_keyed(f)]
        return unkeyed[0] if unkeyed else None

    def _place(
        self, s: Sighting, current: State | None, *, dump_id: int,
        marks: tuple[bool, bool] = (False, False),
    ) -> int:
        if current is None:
            story_id = self._new_id()
            state = state_of(s, story_id=story_id, dump_id=dump_id,
                             read=marks[0], starred=marks[1])
            self.conn.execute(_INSERT_STORY, tuple(state[n] for n in STATE_NAMES))
            self.added += 1
            self._created.add(story_id)
            self.touched.setdefault(story_id, None)
            return story_id
        story_id = current["id"]
        new = combine(current, state_of(s, story_id=story_id, dump_id=dump_id,
                                        read=marks[0], starred=marks[1]))
        changes = {n: new[n] for n in STATE_NAMES if new[n] != current[n]}
        self.touched.setdefault(story_id, current)
        if changes:
            sets = ", ".join(f"{name} = ?" for name in changes)
            self.conn.execute(
                f"UPDATE stories SET {sets} WHERE id = ?", (*changes.values(), story_id)
            )
        self._count_update(story_id)
        return story_id

    def _new_id(self) -> int:
        if self._free_ids:
            return self._free_ids.pop(0)
        story_id = self._next_id
        self._next_id += 1
        return story_id

    def _insert_source(self, source_id: int | None, story_id: int, dump_id: int,
                       s: Sighting) -> None:
        ts = s.timestamp
        self.conn.execute(
            _INSERT_SOURCE,
            (source_id, story_id, dump_id, s.role, s.position, ts.raw if ts else None),
        )

    def _count_update(self, story_id: int) -> None:
        if story_id in self._created or story_id in self._counted_update:
            return
        self._counted_update.add(story_id)
        self.updated += 1

    # -- regrouping ----------------------------------------------------------------

    def _regroup(
        self, seed_ids: Iterable[int], extra: list[tuple[Sighting, None]]
    ) -> int:
        """Take the stories around ``seed_ids`` apart and place all their sightings
        (and ``extra``, this dump's new ones) again. Returns the story id of the
        first extra sighting (0 without one)."""
        ids = self._closure(seed_ids, [s for s, _ in extra])
        old = {st["id"]: st for st in self._states_of(ids)}
        was_created = set(old) & self._created
        rows = self._sources_of(ids)
        placed: list[tuple[Sighting, int | None, int, int]] = []  # sighting, src, dump, story
        for source_id, story_id, dump_id, role, position in rows:
            s = self._sighting_of(dump_id, role, position)
            if s is None:
                # NOTE: the dump no longer parses to this sighting (a parser change):
                # without its text the sighting cannot be placed, so it is dropped and
                # counted rather than guessed at.
                self.unreadable_sources += 1
                continue
            placed.append((s, source_id, dump_id, story_id))
        if ids:
            marks = ",".join("?" * len(ids))
            self.conn.execute(f"DELETE FROM sources WHERE story_id IN ({marks})", tuple(ids))
            self.conn.execute(f"DELETE FROM stories WHERE id IN ({marks})", tuple(ids))
        for story_id, state in old.items():
            self.touched.setdefault(story_id, state)
        self._free_ids = sorted(old)
        for s, _ in extra:
            placed.append((s, None, self.dump_id, 0))
        # Bodies first, so every headline and untitled copy finds all the bodies
        # it may join; the placement itself does not depend on this order.
        placed.sort(key=lambda p: (not p[0].has_body, not p[0].keyed, p[2], p[0].position))
        first = 0
        new_sources: list[tuple[int, Sighting]] = []
        self._regrouping = True
        try:
            for s, source_id, dump_id, origin in placed:
                target = self._target(s)
                assert not isinstance(target, _Regroup)
                st = old.get(origin)
                marks = (bool(st["read"]), bool(st["starred"])) if st else (False, False)
                story_id = self._place(s, target, dump_id=dump_id, marks=marks)
                if source_id is None:
                    first = first or story_id
                    new_sources.append((story_id, s))
                else:
                    # The same row id: a story lists its sources in arrival order.
                    self._insert_source(source_id, story_id, dump_id, s)
        finally:
            self._regrouping = False
        for story_id, s in new_sources:  # after the old ids are all taken again
            self._insert_source(None, story_id, self.dump_id, s)
        now = {r[0] for r in self._fetch_ids(old)}
        for story_id in old:
            # A story taken apart and made again under its id is not "added"; one
            # this dump had created counts once, as added.
            if story_id in now:
                self.added -= 1
                if story_id not in was_created:
                    self._created.discard(story_id)
                    self._count_update(story_id)
            elif story_id in was_created:
                self.added -= 1
                self._created.discard(story_id)
            else:
                self.removed += 1
        self._free_ids = []
        return first

    def _closure(self, seed_ids: Iterable[int], extra: list[Sighting]) -> list[int]:
        """Every story whose grouping may depend on the seed stories or ``extra``:
        those sharing a (title, date) or a body with them, transitively."""
        ids: set[int] = set()
        keys: set[tuple[str, str]] = set()
        texts: set[tuple[str, int]] = set()
        todo_keys = {(s.title_key, s.date or "") for s in extra if s.keyed}
        todo_texts = {(s.text_key, int(s.has_body)) for s in extra if s.has_body or not s.keyed}
        todo_ids = set(seed_ids)
        while (todo_ids or todo_keys or todo_texts) and len(ids) < _REGROUP_LIMIT:
            found: list[State] = self._states_of(sorted(todo_ids - ids))
            for tkey, date in todo_keys - keys:
                found += self._states("title_key = ? AND published_date = ?", (tkey, date))
            for text, body in todo_texts - texts:
                found += self._by_text(text, body=bool(body))
            keys |= todo_keys
            texts |= todo_texts
            todo_ids, todo_keys, todo_texts = set(), set(), set()
            for st in found:
                if st["id"] in ids:
                    continue
                ids.add(st["id"])
                if is_keyed(st):
                    todo_keys.add((st["title_key"], st["published_date"]))
                if st["has_body"] or not is_keyed(st):
                    todo_texts.add((st["text_key"], int(st["has_body"])))
            todo_keys -= keys
            todo_texts -= texts
        return sorted(ids)

    def _states_of(self, ids: Iterable[int]) -> list[State]:
        out: list[State] = []
        ids = list(ids)
        for start in range(0, len(ids), 500):
            chunk = tuple(ids[start : start + 500])
            out += self._states(f"id IN ({','.join('?' * len(chunk))})", chunk)
        return out

    def _fetch_ids(self, ids: Iterable[int]) -> list[tuple[int]]:
        ids = list(ids)
        out: list[tuple[int]] = []
        for start in range(0, len(ids), 500):
            chunk = tuple(ids[start : start + 500])
            out += self.conn.execute(
                f"SELECT id FROM stories WHERE id IN ({','.join('?' * len(chunk))})", chunk
            ).fetchall()
        return out

    def _sources_of(self, ids: list[int]) -> list[tuple[int, int, int, str, int]]:
        rows: list[tuple[int, int, int, str, int]] = []
        for start in range(0, len(ids), 500):
            chunk = tuple(ids[start : start + 500])
            rows += self.conn.execute(
                "SELECT id, story_id, dump_id, role, position FROM sources "
                f"WHERE story_id IN ({','.join('?' * len(chunk))}) ORDER BY id",
                chunk,
            ).fetchall()
        return rows

    def _sighting_of(self, dump_id: int, role: str, position: int) -> Sighting | None:
        if dump_id not in self._parsed:
            self._parsed[dump_id] = self._read_dump(dump_id)
        places = self._parsed[dump_id]
        return places.get((role, position)) if places is not None else None

    def _read_dump(self, dump_id: int) -> dict[tuple[str, int], Sighting] | None:
        row = self.conn.execute(
            "SELECT compression, data FROM dump_bytes WHERE dump_id = ?", (dump_id,)
        ).fetchone()
        if row is None:
            return None
        compression, data = row
        try:
            return _by_place(parse_dump(stored_bytes(compression, data, conn=self.conn)))
        except (DumpError, LibraryError, zlib.error, ValueError):
            return None


@dataclass(frozen=True)
class _Regroup:
    seed_ids: list[int]


def _key(state: Mapping[str, Any]) -> tuple[str, str]:
    return (state["published_date"] or "", state["title_key"])


def _by_place(parsed: ParsedDump) -> dict[tuple[str, int], Sighting]:
    return {(s.role, s.position): s for s in sightings(parsed)}


def recompute_stories(conn: sqlite3.Connection, story_ids: Iterable[int]) -> Regrouped:
    """Make ``story_ids`` (and the stories grouped with them) what their current
    sources say, inside the caller's transaction.

    For a caller that removed sources (forgetting an import): a story left with no
    source is removed, one left with other sources is rebuilt from them (title,
    dates, body, grouping), exactly as if those sources had been imported alone.
    Read and star marks are kept (a story made of a marked story's sightings keeps
    the mark). Index the result with ``search_index.reindex_touched(conn, touched)``.
    """
    merger = StoryMerger(conn, 0)
    before = set(story_ids)
    merger._regroup(before, [])
    after = {story_id for story_id, state in merger.touched.items()}
    now = {r[0] for r in merger._fetch_ids(after)}
    olds = {i for i, st in merger.touched.items() if st is not None}
    return Regrouped(
        kept=tuple(sorted(now & olds)),
        removed=tuple(sorted(olds - now)),
        created=tuple(sorted(now - olds)),
        touched=dict(merger.touched),
        unreadable_sources=merger.unreadable_sources,
    )

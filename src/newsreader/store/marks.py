"""Read and star marks carried between libraries, by story identity (not by row id).

This module owns the marks file (JSON: ``{"format": "newsreader-marks", "version": 1,
"stories": [...]}``) and finding a marked story in another library. Two libraries that
hold the same dumps hold the same stories (see ``merge``), but their row ids differ;
so each marked story is written with what identifies it anywhere:

* up to three of its sightings, as (dump SHA-256, role, position in the dump): the
  story holding that sighting in the other library is the same story;
* its key, for a library that got the story through other dumps: the page address,
  or (title key, date, text key) for a story known by title and date, or the text
  key for one known by its text.

Importing only ever adds marks (merging, never clearing). Must not import Qt or the CLI.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from newsreader.store.errors import LibraryError
from newsreader.store.library import Library, explain, transaction
from newsreader.store.sightings import is_keyed

FORMAT = "newsreader-marks"
VERSION = 1
_SIGHTINGS_KEPT = 3
_BATCH = 500


class MarksFileError(LibraryError):
    """The marks file is not one this program wrote (``marks.bad_file``): bad input."""


@dataclass(frozen=True)
class MarksReport:
    """What an export wrote or an import did."""

    stories: int  # marked stories in the file
    read: int
    starred: int
    matched: int = 0  # stories of the file found in this library
    changed: int = 0  # stories of this library that gained a mark
    missing: int = 0  # stories of the file this library does not hold

    def to_json(self) -> dict[str, Any]:
        return {
            "stories": self.stories,
            "read": self.read,
            "starred": self.starred,
            "matched": self.matched,
            "changed": self.changed,
            "missing": self.missing,
        }


def _marked(library: Library) -> Iterator[list[dict[str, Any]]]:
    """Marked stories in id order, a batch at a time (bounded memory at 1M)."""
    conn = library.conn
    last = 0
    while True:
        rows = conn.execute(
            "SELECT id, title, published, published_date, title_key, untitled, text_key, "
            "has_body, url, read, starred FROM stories "
            "WHERE id > ? AND (read = 1 OR starred = 1) ORDER BY id LIMIT ?",
            (last, _BATCH),
        ).fetchall()
        if not rows:
            return
        last = rows[-1][0]
        names = ("id", "title", "published", "published_date", "title_key", "untitled",
                 "text_key", "has_body", "url", "read", "starred")
        batch = [dict(zip(names, r)) for r in rows]
        by_id = {s["id"]: s for s in batch}
        for s in batch:
            s["sightings"] = []
        marks = ",".join("?" * len(by_id))
        for story_id, sha, role, position in conn.execute(
            "SELECT s.story_id, d.sha256, s.role, s.position FROM sources s "
            f"JOIN dumps d ON d.id = s.dump_id WHERE s.story_id IN ({marks}) ORDER BY s.id",
            tuple(by_id),
        ):
            kept = by_id[story_id]["sightings"]
            if len(kept) < _SIGHTINGS_KEPT:
                kept.append([sha, role, position])
        yield batch


def _key(s: dict[str, Any]) -> dict[str, Any]:
    if s["url"]:
        return {"url": s["url"]}
    if is_keyed(s):
        return {"title_key": s["title_key"], "date": s["published_date"],
                "text_key": s["text_key"] if s["has_body"] else None}
    return {"text_key": s["text_key"], "has_body": bool(s["has_body"])}


def export_marks(library: Library, out: IO[str]) -> MarksReport:
    """Write every read or starred story of ``library`` to ``out``."""
    read = starred = count = 0
    out.write(json.dumps({"format": FORMAT, "version": VERSION,
                          "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")})
              [:-1] + ', "stories": [\n')
    first = True
    for batch in _marked(library):
        for s in batch:
            entry = {"read": bool(s["read"]), "starred": bool(s["starred"]),
                     "title": s["title"], "published": s["published"],
                     "key": _key(s), "sightings": s["sightings"]}
            out.write(("" if first else ",\n") + json.dumps(entry, ensure_ascii=False))
            first = False
            count += 1
            read += bool(s["read"])
            starred += bool(s["starred"])
    out.write("\n]}\n")
    return MarksReport(count, read, starred)


def _entries(source: IO[str]) -> list[dict[str, Any]]:
    try:
        doc = json.load(source)
    except (ValueError, UnicodeDecodeError) as err:
        raise MarksFileError("marks.bad_file", reason=str(err)) from err
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise MarksFileError("marks.bad_file", reason="it is not a newsreader marks file")
    if doc.get("version") != VERSION:
        raise MarksFileError("marks.bad_file",
                             reason=f"version {doc.get('version')!r} is not one this program reads")
    stories = doc.get("stories")
    if not isinstance(stories, list) or not all(isinstance(e, dict) for e in stories):
        raise MarksFileError("marks.bad_file", reason="its stories are not a list of objects")
    return stories


def _find(conn: Any, entry: dict[str, Any]) -> int | None:
    """This library's story for a marks-file entry, or None."""
    for sighting in entry.get("sightings") or []:
        if not (isinstance(sighting, list) and len(sighting) == 3):
            continue
        row = conn.execute(
            "SELECT s.story_id FROM dumps d JOIN sources s ON s.dump_id = d.id "
            "WHERE d.sha256 = ? AND s.role = ? AND s.position = ? LIMIT 1",
            (str(sighting[0]), str(sighting[1]), sighting[2]),
        ).fetchone()
        if row is not None:
            return int(row[0])
    key = entry.get("key") or {}
    if not isinstance(key, dict):
        return None
    if key.get("url"):
        row = conn.execute("SELECT id FROM stories WHERE url = ? ORDER BY id LIMIT 1",
                           (key["url"],)).fetchone()
        return int(row[0]) if row else None
    if key.get("title_key") and key.get("date"):
        rows = conn.execute(
            "SELECT id, text_key, has_body FROM stories WHERE title_key = ? AND "
            "published_date = ? AND untitled = 0 ORDER BY id",
            (key["title_key"], key["date"]),
        ).fetchall()
        exact = [r for r in rows if key.get("text_key") and r[1] == key["text_key"]]
        if exact:
            return int(exact[0][0])
        # The other library has the story with another body or none: only an
        # unambiguous (title, date) is the same story.
        return int(rows[0][0]) if len(rows) == 1 else None
    if key.get("text_key"):
        row = conn.execute(
            "SELECT id FROM stories WHERE text_key = ? AND has_body = ? ORDER BY id LIMIT 1",
            (key["text_key"], int(bool(key.get("has_body")))),
        ).fetchone()
        return int(row[0]) if row else None
    return None


def import_marks(library: Library, source: IO[str]) -> MarksReport:
    """Add the marks of a marks file to the same stories of ``library``."""
    entries = _entries(source)
    library.require_writable()
    conn = library.conn
    read_ids: set[int] = set()
    star_ids: set[int] = set()
    matched = missing = 0
    for entry in entries:
        story_id = _find(conn, entry)
        if story_id is None:
            missing += 1
            continue
        matched += 1
        if entry.get("read") is True:
            read_ids.add(story_id)
        if entry.get("starred") is True:
            star_ids.add(story_id)
    changed: set[int] = set()
    try:
        _write_marks(conn, read_ids, star_ids, changed)
    except sqlite3.Error as err:
        raise explain(library.path, err) from err
    return MarksReport(
        stories=len(entries),
        read=sum(e.get("read") is True for e in entries),
        starred=sum(e.get("starred") is True for e in entries),
        matched=matched,
        changed=len(changed),
        missing=missing,
    )


def _write_marks(conn: Any, read_ids: set[int], star_ids: set[int], changed: set[int]) -> None:
    with transaction(conn):
        for column, ids in (("read", read_ids), ("starred", star_ids)):
            todo = sorted(ids)
            for start in range(0, len(todo), _BATCH):
                chunk = todo[start : start + _BATCH]
                marks = ",".join("?" * len(chunk))
                found = conn.execute(
                    f"SELECT id FROM stories WHERE {column} = 0 AND id IN ({marks})", chunk
                ).fetchall()
                changed.update(r[0] for r in found)
                conn.execute(f"UPDATE stories SET {column} = 1 WHERE id IN ({marks})", chunk)

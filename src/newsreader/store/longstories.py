"""Very long stories read in pieces, so a reader never waits for the whole body.

This module owns reading a story whose source dumps are large (hundreds of
thousands of paragraphs): how large its sources are (a cheap look at the dumps'
sizes, never at the body), the story without its body, and its body in chunks of
blocks straight from SQLite's JSON reader (the JSON is parsed in C while other
threads run). Must not import Qt.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from newsreader.dumps.model import Block
from newsreader.store.library import Library
from newsreader.store.records import Source, Story
from newsreader.store.rows import STORY_FIELDS, named, story

#: A story with a source dump at least this large is read in pieces (a 1 MB dump is
#: tens of thousands of paragraphs; an ordinary page dump is a few kilobytes).
LARGE_SOURCE_BYTES = 1_000_000

_HEAD_COLUMNS = ", ".join("'[]' AS blocks" if f == "blocks" else f for f in STORY_FIELDS)


def source_bytes(library: Library, story_id: int) -> int:
    """The size of the largest dump the story was read from (0 if none)."""
    row = library.conn.execute(
        "SELECT max(d.size) FROM sources s JOIN dumps d ON d.id = s.dump_id "
        "WHERE s.story_id = ?",
        (story_id,),
    ).fetchone()
    return int(row[0] or 0)


def is_large(library: Library, story_id: int) -> bool:
    return source_bytes(library, story_id) >= LARGE_SOURCE_BYTES


def story_head(library: Library, story_id: int) -> Story | None:
    """The story with its sources but without its body (``blocks`` empty)."""
    row = named(
        library.conn, f"SELECT {_HEAD_COLUMNS} FROM stories WHERE id = ?", (story_id,)
    ).fetchone()
    if row is None:
        return None
    sources = [
        Source(path=path, role=role, position=position, published_raw=raw, dump_id=dump_id)
        for path, role, position, raw, dump_id in library.conn.execute(
            "SELECT d.path, s.role, s.position, s.published_raw, s.dump_id "
            "FROM sources s JOIN dumps d ON d.id = s.dump_id WHERE s.story_id = ? "
            "ORDER BY s.id",
            (story_id,),
        )
    ]
    return story(row, sources)


def block(stored: str) -> Block:
    """One block of ``iter_stored_blocks`` as a ``Block``."""
    kind, text = json.loads(stored)
    return Block(kind, text)


def iter_stored_blocks(
    library: Library, story_id: int, chunk: int = 2000
) -> Iterator[list[str]]:
    """The story's body, ``chunk`` blocks at a time, in order, each as stored (JSON).

    NOTE: not as ``Block`` objects: hundreds of thousands of them make Python's
    garbage collector stop every thread for a quarter of a second at a time; plain
    strings are never traversed. ``block`` makes a ``Block`` of the ones shown."""
    cursor = library.conn.execute(
        "SELECT j.value FROM stories, json_each(stories.blocks) AS j "
        "WHERE stories.id = ?",  # json_each walks the array in order
        (story_id,),
    )
    while True:
        rows = cursor.fetchmany(chunk)
        if not rows:
            return
        yield [value for (value,) in rows]

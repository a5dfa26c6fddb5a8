"""Stored rows by name: the column lists of the story records and their mapping.

This module owns turning a ``stories`` row into a ``StoryRow`` or a ``Story`` by column
*name* (``sqlite3.Row``), so a column list and its reader can never drift apart by
position. Every store module that reads stories uses these. Must not import Qt.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from newsreader.store.records import Source, Story, StoryRow, blocks_from_json

#: The columns a ``StoryRow`` is made of (the headline list: no body).
STORY_ROW_FIELDS = (
    "id", "sort_key", "title", "untitled", "title_truncated", "summary",
    "summary_truncated", "published", "has_body", "read", "starred",
)
#: The columns a whole ``Story`` is made of (its sources come from another table).
STORY_FIELDS = (
    "id", "sort_key", "title", "untitled", "title_truncated", "summary",
    "summary_truncated", "byline", "keywords", "blocks", "published", "published_raw",
    "has_body", "read", "starred", "url", "site",
)
ROW_COLUMNS = ", ".join(STORY_ROW_FIELDS)
STORY_COLUMNS = ", ".join(STORY_FIELDS)


def named(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
    """Run ``sql``; its rows are ``sqlite3.Row`` (read by column name)."""
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute(sql, params)


def story_row(r: sqlite3.Row) -> StoryRow:
    return StoryRow(
        id=r["id"],
        sort_key=r["sort_key"],
        title=r["title"],
        untitled=bool(r["untitled"]),
        title_truncated=bool(r["title_truncated"]),
        summary=r["summary"],
        summary_truncated=bool(r["summary_truncated"]),
        published=r["published"],
        has_body=bool(r["has_body"]),
        read=bool(r["read"]),
        starred=bool(r["starred"]),
    )


def story(r: sqlite3.Row, sources: Iterable[Source]) -> Story:
    return Story(
        id=r["id"],
        sort_key=r["sort_key"],
        title=r["title"],
        untitled=bool(r["untitled"]),
        title_truncated=bool(r["title_truncated"]),
        summary=r["summary"],
        summary_truncated=bool(r["summary_truncated"]),
        byline=r["byline"],
        keywords=tuple(json.loads(r["keywords"])),
        blocks=blocks_from_json(r["blocks"]),
        published=r["published"],
        published_raw=r["published_raw"],
        has_body=bool(r["has_body"]),
        read=bool(r["read"]),
        starred=bool(r["starred"]),
        sources=tuple(sources),
        url=r["url"],
        site=r["site"],
    )

"""What the store hands out: frozen records for stories, sightings and imports.

This module owns the read-side domain types and their JSON shapes (the command-line
contract). Must not import SQL helpers, Qt or the parsers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from newsreader.dumps.model import Block
from newsreader.errors import Message


@dataclass(frozen=True)
class Source:
    """One sighting of a story: which dump, in which role, where in its list."""

    path: str
    role: str  # "article" | "headline"
    position: int
    published_raw: str | None
    dump_id: int


@dataclass(frozen=True)
class StoryRow:
    """A story as the headline list needs it: no body, no sources."""

    id: int
    sort_key: int
    title: str
    untitled: bool
    title_truncated: bool
    summary: str | None
    summary_truncated: bool
    published: str | None
    has_body: bool
    read: bool
    starred: bool


@dataclass(frozen=True)
class Story:
    """A whole story, for the article pane and ``show``."""

    id: int
    sort_key: int
    title: str
    untitled: bool
    title_truncated: bool
    summary: str | None
    summary_truncated: bool
    byline: str | None
    keywords: tuple[str, ...]
    blocks: tuple[Block, ...]
    published: str | None
    published_raw: str | None
    has_body: bool
    read: bool
    starred: bool
    sources: tuple[Source, ...]
    #: The page's address and site name (saved web pages; None for text dumps).
    url: str | None = None
    site: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "untitled": self.untitled,
            "title_truncated": self.title_truncated,
            "summary": self.summary,
            "summary_truncated": self.summary_truncated,
            "byline": self.byline,
            "keywords": list(self.keywords),
            "blocks": [{"kind": b.kind, "text": b.text} for b in self.blocks],
            "published": self.published,
            "published_raw": self.published_raw,
            "has_body": self.has_body,
            "sources": [
                {
                    "path": s.path,
                    "role": s.role,
                    "position": s.position,
                    "published_raw": s.published_raw,
                }
                for s in self.sources
            ],
            "url": self.url,
            "site": self.site,
        }


@dataclass(frozen=True)
class ImportRecord:
    """One row of the import history: a file that was actually imported."""

    id: int
    path: str
    size: int
    sha256: str
    encoding: str
    imported_at: str
    added: int
    updated: int
    warnings: tuple[str, ...]
    format: str = "portal_text"  # the dump format's NAME (dumps.format)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "size": self.size,
            "sha256": self.sha256,
            "encoding": self.encoding,
            "imported_at": self.imported_at,
            "added": self.added,
            "updated": self.updated,
            "warnings": list(self.warnings),
            "format": self.format,
        }


@dataclass(frozen=True)
class FileResult:
    """What happened to one input file of an import batch."""

    path: str
    status: str  # "imported" | "unchanged" | "rejected"
    encoding: str | None = None
    added: int = 0
    updated: int = 0
    orphan_timestamps: int = 0
    # Messages are the English sentences (str) that also carry a code for the window.
    warnings: tuple[Message, ...] = ()
    error: Message | None = None
    size: int = 0
    note: Message | None = None  # for people only, e.g. when an unchanged file was imported
    format: str | None = None  # the dump format's NAME; None when rejected


    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "status": self.status,
            "encoding": self.encoding,
            "added": self.added,
            "updated": self.updated,
            "orphan_timestamps": self.orphan_timestamps,
            "warnings": list(self.warnings),
            "error": self.error,
            "format": self.format,
        }


def story_fields(
    title: str, byline: str | None, keywords: str | None, summary: str | None, blocks: str | None
) -> dict[str, Any]:
    """The searchable fields of a story from its stored columns (JSON as stored)."""
    return {
        "title": title,
        "byline": byline,
        "keywords": json.loads(keywords) if keywords else [],
        "summary": summary,
        "body": [text for _kind, text in json.loads(blocks)] if blocks else [],
    }


def blocks_to_json(blocks: tuple[Block, ...]) -> str:
    return json.dumps([[b.kind, b.text] for b in blocks], ensure_ascii=False)


def blocks_from_json(text: str | None) -> tuple[Block, ...]:
    if not text:
        return ()
    return tuple(Block(kind, body) for kind, body in json.loads(text))

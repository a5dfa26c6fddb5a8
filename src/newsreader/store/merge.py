"""One story, many sightings: merging what a dump says into the stored stories.

This module owns the merge rules. A sighting (an article or a headline of one dump)
joins an existing story when they are the same story:

* same title (NFKC, whitespace and punctuation removed) and same date, or, for a
  sighting with no title or no date, the same text;
* two sightings that both carry a body and whose bodies differ are different
  stories (generic titles such as 国内联播快讯 recur with new content); a
  headline-only sighting of such a title joins the most recently seen of them.

Joining only ever adds: a source, a body the story lacked, a title for an untitled
story, a more precise timestamp. Nothing stored is lost. Must not import Qt.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from newsreader.dumps.model import Block, Headline, ParsedDump, Timestamp
from newsreader.store.identity import precision, sort_key, text_key, title_key
from newsreader.store.records import blocks_to_json

# Columns the merger reads and writes; the search index reads the same snapshot.
STATE_COLUMNS = (
    "id, sort_key, title, title_key, untitled, title_truncated, summary, summary_truncated, "
    "byline, keywords, blocks, has_body, text_key, published, published_date, published_raw, "
    "last_dump_id, url, site"
)
_NAMES = [c.strip() for c in STATE_COLUMNS.split(",")]


@dataclass(frozen=True)
class Sighting:
    """What one dump says about one story."""

    role: str  # "article" | "headline"
    position: int
    title: str
    untitled: bool
    title_truncated: bool
    summary: str | None
    summary_truncated: bool
    byline: str | None
    keywords: tuple[str, ...]
    blocks: tuple[Block, ...]
    timestamp: Timestamp | None
    url: str | None = None  # the page's canonical address: one page, one story
    site: str | None = None

    @property
    def has_body(self) -> bool:
        return bool(self.blocks)

    @property
    def published(self) -> str | None:
        return self.timestamp.iso if self.timestamp is not None else None

    @cached_property
    def text_key(self) -> str:
        """The text identity; computed only when needed (hashing a body is not free)."""
        if self.has_body:
            return text_key((b.text for b in self.blocks), kind="b")
        return text_key((self.title, self.summary or ""), kind="h")


def sightings(parsed: ParsedDump) -> Iterator[Sighting]:
    """The dump's article first, then its headlines in list order."""
    article = parsed.article
    if article is not None:
        head: Headline | None = article.headline
        yield Sighting(
            role="article",
            position=head.position if head is not None else 0,
            title=article.title,
            untitled=article.untitled,
            title_truncated=head.title_truncated if head is not None else False,
            summary=head.summary if head is not None else None,
            summary_truncated=head.summary_truncated if head is not None else False,
            byline=article.byline,
            keywords=article.keywords,
            blocks=article.blocks,
            timestamp=head.timestamp if head is not None else None,
            url=article.url,
            site=article.site,
        )
    for head in parsed.headlines:
        yield Sighting(
            role="headline",
            position=head.position,
            title=head.title,
            untitled=False,
            title_truncated=head.title_truncated,
            summary=head.summary,
            summary_truncated=head.summary_truncated,
            byline=None,
            keywords=(),
            blocks=(),
            timestamp=head.timestamp,
        )


class StoryMerger:
    """Merges the sightings of one dump, inside the caller's transaction.

    ``touched`` maps every story id this dump created or changed to its state before
    the dump (None for a new story), so the search index can be kept in step.
    """

    def __init__(self, conn: sqlite3.Connection, dump_id: int) -> None:
        self.conn = conn
        self.dump_id = dump_id
        self.added = 0
        self.updated = 0
        self.touched: dict[int, dict[str, Any] | None] = {}
        self._created: set[int] = set()
        self._counted_update: set[int] = set()
        self._next_id = int(
            conn.execute("SELECT coalesce(max(id), 0) + 1 FROM stories").fetchone()[0]
        )

    # -- finding the story a sighting belongs to -----------------------------------

    def _states(self, sql: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
        return [dict(zip(_NAMES, row)) for row in self.conn.execute(sql, params)]

    def _find(self, s: Sighting, tkey: str, date: str | None) -> dict | None:
        order = " ORDER BY last_dump_id DESC, id DESC"
        if s.url:
            # The same page saved twice (other bytes: ads, comments, a fix) is one story.
            same_page = self._states(
                f"SELECT {STATE_COLUMNS} FROM stories WHERE url = ?" + order, (s.url,)
            )
            if same_page:
                return same_page[0]
        if not s.untitled and date is not None and tkey:
            candidates = self._states(
                f"SELECT {STATE_COLUMNS} FROM stories WHERE title_key = ? AND published_date = ?"
                + order,
                (tkey, date),
            )
        else:
            candidates = []
        if s.has_body:
            for c in candidates:
                if c["has_body"] and c["text_key"] == s.text_key:
                    return c
            for c in candidates:
                if not c["has_body"]:
                    return c
            # Same text seen before without a title or date (or with another one):
            # the text is the identity then.
            for c in self._states(
                f"SELECT {STATE_COLUMNS} FROM stories WHERE text_key = ?" + order, (s.text_key,)
            ):
                if c["untitled"] or c["published_date"] is None or s.untitled or date is None:
                    return c
            return None
        if candidates:
            return candidates[0]
        if s.untitled or date is None or not tkey:
            found = self._states(
                f"SELECT {STATE_COLUMNS} FROM stories WHERE text_key = ?" + order, (s.text_key,)
            )
            return found[0] if found else None
        return None

    # -- writing -------------------------------------------------------------------

    def add(self, s: Sighting) -> int:
        """Merge one sighting; return the story id it now belongs to."""
        tkey = title_key(s.title)
        ts = s.timestamp
        date = ts.date.isoformat() if ts is not None and ts.date is not None else None
        current = self._find(s, tkey, date)
        if current is None:
            story_id = self._create(s, tkey, date)
        else:
            story_id = current["id"]
            self._update(current, s, tkey, date)
        self.conn.execute(
            "INSERT INTO sources (story_id, dump_id, role, position, published_raw) "
            "VALUES (?, ?, ?, ?, ?)",
            (story_id, self.dump_id, s.role, s.position, ts.raw if ts is not None else None),
        )
        if current is not None and story_id not in self._created:
            self._count_update(story_id)
        return story_id

    def _create(self, s: Sighting, tkey: str, date: str | None) -> int:
        story_id = self._next_id
        self._next_id += 1
        ts = s.timestamp
        key = sort_key(story_id, ts.date if ts else None, ts.time if ts else None)
        self.conn.execute(
            f"INSERT INTO stories ({STATE_COLUMNS}) VALUES ({','.join('?' * len(_NAMES))})",
            (
                story_id,
                key,
                s.title,
                tkey,
                int(s.untitled),
                int(s.title_truncated),
                s.summary,
                int(s.summary_truncated),
                s.byline,
                json.dumps(list(s.keywords), ensure_ascii=False),
                blocks_to_json(s.blocks) if s.has_body else None,
                int(s.has_body),
                s.text_key,
                s.published,
                date,
                ts.raw if ts is not None else None,
                self.dump_id,
                s.url,
                s.site,
            ),
        )
        self.added += 1
        self._created.add(story_id)
        self.touched[story_id] = None
        return story_id

    def _update(
        self, cur: dict[str, Any], s: Sighting, tkey: str, date: str | None
    ) -> None:
        changes: dict[str, Any] = {"last_dump_id": self.dump_id}
        if s.has_body and not cur["has_body"]:
            changes.update(
                blocks=blocks_to_json(s.blocks), has_body=1, text_key=s.text_key
            )
            if s.byline and not cur["byline"]:
                changes["byline"] = s.byline
            if s.keywords and cur["keywords"] in (None, "[]"):
                changes["keywords"] = json.dumps(list(s.keywords), ensure_ascii=False)
        if s.url and not cur["url"]:
            changes["url"] = s.url
        if s.site and not cur["site"]:
            changes["site"] = s.site
        if cur["untitled"] and not s.untitled:
            changes.update(title=s.title, title_key=tkey, untitled=0)
            changes["title_truncated"] = int(s.title_truncated)
        elif cur["title_truncated"] and not s.untitled and not s.title_truncated:
            changes.update(title=s.title, title_truncated=0)
        if s.summary and not cur["summary"]:
            changes.update(summary=s.summary, summary_truncated=int(s.summary_truncated))
        ts = s.timestamp
        if ts is not None and precision(s.published) > precision(cur["published"]):
            changes.update(
                published=s.published,
                published_date=date,
                published_raw=ts.raw,
                sort_key=sort_key(cur["id"], ts.date, ts.time),
            )
        if cur["id"] not in self.touched:
            self.touched[cur["id"]] = cur
        sets = ", ".join(f"{name} = ?" for name in changes)
        self.conn.execute(
            f"UPDATE stories SET {sets} WHERE id = ?", (*changes.values(), cur["id"])
        )

    def _count_update(self, story_id: int) -> None:
        if story_id in self._created or story_id in self._counted_update:
            return
        self._counted_update.add(story_id)
        self.updated += 1

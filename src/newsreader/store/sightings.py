"""What one dump says about one story, and the rule that makes a story from them.

This module owns the *sighting* (an article or a headline of one dump) and the pure
merge rule: a story's fields are a function of the SET of its sightings, never of
the order they arrived in. Each field is chosen by a total order over the sightings
(see ``combine``), so combining states is commutative and associative: folding the
sightings of two desktops in any order gives the same story.

A story state is a plain dict with the ``stories`` columns (``STATE_COLUMNS``).
No SQL, no Qt; must not import the CLI or the UI.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from newsreader.dumps.model import Block, Headline, ParsedDump, Timestamp
from newsreader.store.identity import (
    parse_published,
    precision,
    sort_key,
    text_key,
    title_key,
)
from newsreader.store.records import blocks_to_json
from newsreader.text import key_text as normalize_key_text

# Columns the merger reads and writes; the search index reads the same snapshot.
STATE_COLUMNS = (
    "id, sort_key, title, title_key, untitled, title_truncated, summary, summary_truncated, "
    "byline, keywords, blocks, has_body, text_key, published, published_date, published_raw, "
    "last_dump_id, read, starred, url, site"
)
STATE_NAMES = tuple(c.strip() for c in STATE_COLUMNS.split(","))

State = dict[str, Any]


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
    url: str | None = None  # a saved page's canonical address: one page, one story
    site: str | None = None

    @property
    def has_body(self) -> bool:
        return bool(self.blocks)

    @property
    def published(self) -> str | None:
        return self.timestamp.iso if self.timestamp is not None else None

    @cached_property
    def title_key(self) -> str:
        return title_key(self.title)

    @property
    def date(self) -> str | None:
        ts = self.timestamp
        return ts.date.isoformat() if ts is not None and ts.date is not None else None

    @property
    def keyed(self) -> bool:
        """Titled and dated: known by (title, date); otherwise known by its text."""
        return not self.untitled and self.date is not None and bool(self.title_key)

    @property
    def key(self) -> tuple[str, str]:
        """``(published_date, title_key)``: the order in which keys are compared."""
        return (self.date or "", self.title_key)

    @cached_property
    def text_key(self) -> str:
        """The text identity; computed only when needed (hashing a body is not free).

        NOTE: a keyed headline is known by its (title, date), never by its text, so
        its text key is just that pair: cheap, and the same for every headline of
        the story (the text key of a headline-only story is the smallest of them).
        """
        if self.has_body:
            return text_key((b.text for b in self.blocks), kind="b")
        if self.keyed:
            return f"t:{self.date}:{self.title_key}"
        return text_key((self.title, self.summary or ""), kind="h")


def sightings(parsed: ParsedDump) -> Iterator[Sighting]:
    """The dump's article first, then its headlines in list order.

    ``(role, position)`` is unique within one dump: a source row names its sighting.
    """
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


def state_of(
    s: Sighting, *, story_id: int, dump_id: int, read: bool = False, starred: bool = False
) -> State:
    """The state of a story seen only in ``s``.

    NOTE: an unkeyed story stores an empty ``title_key``: that is how a row says
    "known by its text", so the merger never has to re-derive it from the title.
    """
    ts = s.timestamp
    return {
        "id": story_id,
        "sort_key": sort_key(story_id, ts.date if ts else None, ts.time if ts else None),
        "title": s.title,
        "title_key": s.title_key if s.keyed else "",
        "untitled": int(s.untitled),
        "title_truncated": int(s.title_truncated),
        "summary": s.summary,
        "summary_truncated": int(s.summary_truncated),
        "byline": s.byline if s.has_body else None,
        "keywords": json.dumps(list(s.keywords) if s.has_body else [], ensure_ascii=False),
        "blocks": blocks_to_json(s.blocks) if s.has_body else None,
        "has_body": int(s.has_body),
        "text_key": s.text_key,
        "published": s.published,
        "published_date": s.date,
        "published_raw": ts.raw if ts is not None else None,
        "last_dump_id": dump_id,
        "read": int(read),
        "starred": int(starred),
        "url": s.url,
        "site": s.site,
    }


def is_keyed(state: Mapping[str, Any]) -> bool:
    """A row known by (title, date), as opposed to one known by its text."""
    return bool(state["title_key"]) and state["published_date"] is not None and not state[
        "untitled"
    ]


# -- the rule: each group of fields comes from the sighting that ranks first -----------
# Lower ranks win. Every rank ends in the values themselves, so two different values
# never tie: the choice is a total order, hence independent of arrival.

_TITLE = ("title", "title_key", "untitled", "title_truncated")
_SUMMARY = ("summary", "summary_truncated")
_PUBLISHED = ("published", "published_date", "published_raw")
_BODY = ("blocks", "byline", "keywords", "has_body", "text_key")


def _title_rank(s: Mapping[str, Any]) -> tuple[Any, ...]:
    # A real title over the first sentence, a whole title over a truncated one, then
    # the longest (portals drop punctuation), then the text itself.
    return (s["untitled"], s["title_truncated"], -len(s["title"]), s["title"])


def _summary_rank(s: Mapping[str, Any]) -> tuple[Any, ...]:
    text = s["summary"]
    return (text is None, s["summary_truncated"], -len(text or ""), text or "")


def _published_rank(s: Mapping[str, Any]) -> tuple[Any, ...]:
    # The most precise timestamp (a clock time over a date), then the earliest.
    return (-precision(s["published"]), s["published"] or "", s["published_raw"] or "")


def _body_rank(s: Mapping[str, Any]) -> tuple[Any, ...]:
    # With a body over without; with a byline and keywords over without; then the text.
    return (
        not s["has_body"],
        s["byline"] is None,
        s["keywords"] in (None, "[]"),
        s["blocks"] or "",
        s["byline"] or "",
        s["keywords"] or "",
        s["text_key"],
    )


def _pick(a: Mapping[str, Any], b: Mapping[str, Any], rank: Any, names: tuple[str, ...]) -> dict:
    winner = a if rank(a) <= rank(b) else b
    return {name: winner[name] for name in names}


def combine(a: Mapping[str, Any], b: Mapping[str, Any]) -> State:
    """The state of a story holding the sightings of both ``a`` and ``b``.

    Commutative and associative (up to ``id``, which stays ``a``'s): the state of a
    set of sightings is the same whatever order they are combined in. When only one
    side is keyed, its title, summary and date win: a story known by (title, date)
    keeps them whatever untitled copies of its text join it.
    """
    out: State = {"id": a["id"]}
    keyed_a, keyed_b = is_keyed(a), is_keyed(b)
    if keyed_a != keyed_b:
        head = a if keyed_a else b
        for name in _TITLE + _SUMMARY + _PUBLISHED:
            out[name] = head[name]
    else:
        out.update(_pick(a, b, _title_rank, _TITLE))
        out.update(_pick(a, b, _summary_rank, _SUMMARY))
        out.update(_pick(a, b, _published_rank, _PUBLISHED))
    if a["has_body"] or b["has_body"]:
        out.update(_pick(a, b, _body_rank, _BODY))
    else:
        # Headline-only: no body fields; the smallest headline text is the text key.
        out.update(blocks=None, byline=None, keywords="[]", has_body=0)
        out["text_key"] = min(a["text_key"], b["text_key"])
    out["last_dump_id"] = max(a["last_dump_id"] or 0, b["last_dump_id"] or 0)
    for name in ("url", "site"):
        values = [v for v in (a[name], b[name]) if v is not None]
        out[name] = min(values) if values else None
    out["read"] = int(bool(a["read"]) or bool(b["read"]))
    out["starred"] = int(bool(a["starred"]) or bool(b["starred"]))
    date, time = parse_published(out["published"])
    out["sort_key"] = sort_key(out["id"], date, time)
    return out


def body_texts(state: Mapping[str, Any]) -> tuple[str, str]:
    """A stored body as normalised strings, with and without picture captions, led by
    the byline (the portal's summaries start with it, and may skip the captions)."""
    if not state["blocks"]:
        return "", ""
    blocks = json.loads(state["blocks"])
    lead = state["byline"] or ""
    return (
        normalize_key_text(lead + "".join(text for _kind, text in blocks)),
        normalize_key_text(lead + "".join(text for kind, text in blocks if kind != "caption")),
    )


def summary_match(s: Sighting, bodies: tuple[str, str]) -> int:
    """How many normalised characters of ``s``'s summary begin the body.

    A portal's headline summary is the first sentence or so of the article: the
    body that starts with it is the one the headline announces.
    """
    summary = normalize_key_text(s.summary or s.title)
    best = 0
    for body in bodies:
        n = 0
        for x, y in zip(summary, body):
            if x != y:
                break
            n += 1
        best = max(best, n)
    return best

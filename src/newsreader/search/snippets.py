"""Snippets: a short window of a story's original text around its first match.

This module owns ``snippet`` (one text) and ``story_snippet`` (picks the field):
the window, the ``…`` where it is cut, and the highlight spans, as code point
offsets into the returned string. Matching is ``matching.term_occurrences`` on the
folded text; ``folding.fold_spans`` maps folded offsets back to the original.
Pure text: it must not import SQL, Qt or other newsreader packages.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from newsreader.text.folding import fold, fold_spans
from newsreader.search.matching import Fields, term_occurrences
from newsreader.search.query import Query, Term

__all__ = [
    "ELLIPSIS",
    "SNIPPET_FIELDS",
    "Snippet",
    "highlight_spans",
    "snippet",
    "snippet_of_folded",
    "start_snippet",
    "story_snippet",
]

ELLIPSIS = "…"
# Where a story's snippet comes from: the first of these fields that matches.
SNIPPET_FIELDS = ("body", "summary", "title")
Span = tuple[int, int]
_WORD = re.compile(r"\S+")
_VISIBLE = re.compile(r"\S")


@dataclass(frozen=True)
class Snippet:
    """A snippet of one field of a story."""

    field: str
    text: str
    highlights: list[Span]


def _terms_for(query: Query, field: str) -> list[Term]:
    return [t for t in query.positive_terms if field == "title" or not t.title_only]


def _first_match(terms: Sequence[Term], folded: str) -> Span | None:
    best: Span | None = None
    for term in terms:
        found = term_occurrences(term.text, folded)
        if found and (best is None or found[0] < best):
            best = found[0]
    return best


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _window(length: int, start: int, end: int, width: int) -> Span:
    """A window of ``width`` characters that shows ``start:end`` with context before."""
    if end - start >= width:
        return start, min(length, start + width)
    lead = (width - (end - start)) // 3
    lo = max(0, start - lead)
    hi = min(length, lo + width)
    return max(0, hi - width), hi


def _render(text: str, lo: int, hi: int, spans: list[Span]) -> tuple[str, list[Span]]:
    """``text[lo:hi]`` with whitespace runs as one space, ``…`` where cut, and
    ``spans`` (offsets into ``text``) moved to offsets into the result.

    NOTE: regular expressions do the character work at C speed: this runs for every
    result shown, and a loop over the window's characters cost ~0.2 ms a result.
    """
    lead = ELLIPSIS if _VISIBLE.search(text, 0, lo) else ""
    words = [m.span() for m in _WORD.finditer(text, lo, hi)]
    shown = lead + " ".join(text[a:b] for a, b in words)
    if _VISIBLE.search(text, hi):
        shown += ELLIPSIS
    # Where each word starts in the result.
    placed: list[int] = []
    at = len(lead)
    for a, b in words:
        placed.append(at)
        at += b - a + 1
    starts = [a for a, _ in words]

    def result_offset(k: int, j: int) -> int:
        return placed[j] + k - words[j][0]

    moved: list[Span] = []
    for start, end in spans:
        k0, k1 = max(start, lo), min(end, hi)
        if k0 >= k1 or not words:
            continue
        # The first visible character at or after k0, the last one before k1.
        j = bisect_right(starts, k0) - 1
        if j < 0 or k0 >= words[j][1]:
            j += 1
            if j == len(words):
                continue
            first = words[j][0]
        else:
            first = k0
        if first >= k1:
            continue
        first_at = result_offset(first, j)
        j = bisect_right(starts, k1 - 1) - 1
        last = min(k1 - 1, words[j][1] - 1)
        moved.append((first_at, result_offset(last, j) + 1))
    return shown, _merge(moved)


def _start_of(text: str, width: int) -> tuple[str, list[Span]]:
    """The first ``width`` characters of ``text`` after its leading whitespace."""
    lo = len(text) - len(text.lstrip())
    return _render(text, lo, min(len(text), lo + width), [])


def _snippet_of_part(terms: Sequence[Term], text: str, width: int) -> tuple[str, list[Span]] | None:
    if not terms or _first_match(terms, fold(text)) is None:
        return None
    return snippet_of_folded(terms, text, width)


def snippet_of_folded(terms: Sequence[Term], text: str, width: int) -> tuple[str, list[Span]] | None:
    """The window of ``text`` around the first match of ``terms`` and its highlights;
    None without a match. (For callers that already know ``text`` matches.)"""
    folded, starts, ends = fold_spans(text)
    first = _first_match(terms, folded)
    if first is None:
        return None
    spans = [
        (starts[a], ends[b - 1])
        for term in terms
        for a, b in term_occurrences(term.text, folded)
    ]
    lo, hi = _window(len(text), starts[first[0]], ends[first[1] - 1], max(1, width))
    return _render(text, lo, hi, _merge(spans))


def snippet(
    query: Query, text: str | Sequence[str], width: int = 80, *, field: str = "body"
) -> tuple[str, list[Span]]:
    """A window of ``text`` (one string or its parts, e.g. body blocks) around the
    first match of a positive term, and the highlighted spans in it.

    Highlights are (start, end) code point offsets into the returned string, for
    every match of a positive term inside the window (``title:`` terms count only
    when ``field`` is ``"title"``). Whitespace runs show as one space; ``…`` marks
    where the window cuts the text. Without any match: the start of the text and
    no highlights.
    """
    width = max(1, width)
    parts = [text] if isinstance(text, str) else list(text)
    terms = _terms_for(query, field)
    for part in parts:
        found = _snippet_of_part(terms, part, width)
        if found is not None:
            return found
    first = next((p for p in parts if p.strip()), "")
    return _start_of(first, width)


def story_snippet(query: Query, fields: Fields, width: int = 80) -> Snippet:
    """The snippet of the first field, in the order body, summary, title, that has a
    match; without any (the story matched in its keywords or byline), the start
    of the first of those fields that has text, without highlights."""
    for name in SNIPPET_FIELDS:
        value = fields.get(name)
        if not value:
            continue
        parts = [value] if isinstance(value, str) else list(value)
        terms = _terms_for(query, name)
        for part in parts:
            found = _snippet_of_part(terms, part, max(1, width))
            if found is not None:
                return Snippet(name, found[0], found[1])
    return start_snippet(fields, width)


def start_snippet(fields: Fields, width: int = 80) -> Snippet:
    """The snippet of a story without a match: the start of the first of body,
    summary and title that has text, without highlights."""
    for name in SNIPPET_FIELDS:
        value = fields.get(name)
        parts = [value] if isinstance(value, str) else list(value or ())
        first = next((p for p in parts if p.strip()), None)
        if first is not None:
            text, _ = _start_of(first, max(1, width))
            return Snippet(name, text, [])
    return Snippet("title", "", [])


def highlight_spans(query: Query | str, text: str, *, field: str = "body") -> list[Span]:
    """Every match of the query's positive terms in ``text``, as merged (start, end)
    code point spans of the ORIGINAL text: for marking matches in a list row or
    the article pane. ``title:`` terms count only when ``field`` is ``"title"``.
    """
    from newsreader.search.query import parse_query

    if isinstance(query, str):
        query = parse_query(query)
    terms = _terms_for(query, field)
    if not terms or not text:
        return []
    folded, starts, ends = fold_spans(text)
    spans = [
        (starts[a], ends[b - 1])
        for term in terms
        for a, b in term_occurrences(term.text, folded)
    ]
    return _merge(spans)

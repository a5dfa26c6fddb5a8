"""Searching the library: FTS5 finds the stories, the search rules rank and quote them.

This module owns running a query against ``story_search`` (see ``search_index``):
filters, the total, the order, and the hits with their snippets. What a query means
and what matches is decided by ``newsreader.search`` (pure text); this module only
turns that into SQL and back. Must not import Qt or the CLI.

Ranking is: title matches first, then the number of occurrences, then newer. The
title tier comes from the index (the same query restricted to titles). Occurrences
are counted from the index itself (``fts5vocab`` instances, in C) when every term
is a single index token (1-2 Han characters, one Latin or digit run), and by the
exact Python rule on the stored text otherwise, where candidate sets are small.
When a query matches more than 5% of the library, ranking would touch most of it,
so such queries are ordered by date and say so (``order: "date"``).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from newsreader.search import (
    FIELDS,
    Query,
    Term,
    fold_fields,
    occurrences,
    parse_query,
    story_snippet,
    term_matches,
    to_fts_match,
    to_fts_title_match,
)
from newsreader.search.query import phrase_tokens
from newsreader.store import search_index
from newsreader.store.identity import day_floor_key
from newsreader.store.library import Library

# Above this share of the library, relevance would read most of it: order by date.
RELEVANCE_SHARE = 0.05
# Ranking this many candidates is always cheap, whatever share of the library it is.
ALWAYS_RANK = 2000
# Up to this many candidates, counting occurrences in Python on the stored text is
# cheaper than asking the index for every instance of every token.
PYTHON_RANK_LIMIT = 400
_INSTANCES = "temp.nr_search_instances"
_MAX_SURROGATE = "\U0010ffff"


@dataclass(frozen=True)
class SearchHit:
    """One result: enough for a list row and a quoted snippet."""

    id: int
    sort_key: int
    title: str
    published: str | None
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    fields: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "published": self.published,
            "snippet": self.snippet,
            "highlights": [list(span) for span in self.highlights],
            "fields": list(self.fields),
        }


@dataclass(frozen=True)
class SearchResults:
    """The first page of results, the total, and the order they are in."""

    total: int
    order: str  # "relevance" | "date"
    hits: tuple[SearchHit, ...]
    message: str | None = None  # a plain sentence when the query has nothing to search

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "total": self.total,
            "order": self.order,
            "results": [h.to_json() for h in self.hits],
        }
        if self.message:
            out["message"] = self.message
        return out


@dataclass(frozen=True)
class _Plan:
    """A parsed query with its SQL pieces."""

    query: Query
    match: str
    title_match: str | None
    join: str
    where: str
    params: tuple[Any, ...]

    def select(self, what: str, match: str | None = None, tail: str = "") -> tuple[str, tuple]:
        sql = (
            f"SELECT {what} FROM {search_index.TABLE} f {self.join} "
            f"WHERE {search_index.TABLE} MATCH ? {self.where} {tail}"
        )
        return sql, (match or self.match, *self.params)


def _plan(
    query: Query, since: dt.date | None, until: dt.date | None, has_body: bool
) -> _Plan | None:
    match = to_fts_match(query)
    if match is None:
        return None
    where, params = "", []
    if since is not None or until is not None:
        # The rowid is the sort key, which starts with the date: date filters are
        # rowid ranges, and undated stories (negative keys) drop out.
        where += " AND f.rowid >= ?"
        params.append(day_floor_key(since) if since is not None else 0)
    if until is not None:
        where += " AND f.rowid < ?"
        params.append(day_floor_key(until + dt.timedelta(days=1)))
    join = "JOIN stories s ON s.sort_key = f.rowid AND s.has_body = 1" if has_body else ""
    return _Plan(query, match, to_fts_title_match(query), join, where, tuple(params))


def _library_size(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM stories").fetchone()[0])


def _ensure_index(library: Library) -> None:
    if not search_index.is_current(library.conn):
        from newsreader.store.library import transaction

        with transaction(library.conn):
            search_index.rebuild(library.conn)


def _ranked(conn: sqlite3.Connection, plan: _Plan, candidates: list[int]) -> list[int]:
    """Candidates (sort keys) in relevance order."""
    sql, params = plan.select("f.rowid", plan.title_match)
    in_title = {r[0] for r in conn.execute(sql, params)} if plan.title_match else set()
    terms = plan.query.positive_terms
    if len(candidates) > PYTHON_RANK_LIMIT and all(
        len(phrase_tokens(t.text)) == 1 for t in terms
    ):
        counts = _index_counts(conn, terms, set(candidates))
    else:
        counts = _text_counts(conn, plan.query, candidates)
    return sorted(
        candidates, key=lambda key: (key in in_title, counts.get(key, 0), key), reverse=True
    )


def _index_counts(
    conn: sqlite3.Connection, terms: Sequence[Term], candidates: set[int]
) -> dict[int, int]:
    """Occurrences of single-token terms per story, from the index's instance list."""
    conn.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {_INSTANCES} "
        f"USING fts5vocab(main, {search_index.TABLE}, instance)"
    )
    counts: dict[int, int] = {}
    for term in terms:
        [(token, prefix)] = phrase_tokens(term.text)
        if prefix:
            cond, params = "term >= ? AND term < ?", [token, token + _MAX_SURROGATE]
        else:
            cond, params = "term = ?", [token]
        if term.title_only:
            cond += " AND col = 'title'"
        sql = f"SELECT doc, count(*) FROM {_INSTANCES} WHERE {cond} GROUP BY doc"
        for doc, n in conn.execute(sql, params):
            if doc in candidates:
                counts[doc] = counts.get(doc, 0) + n
    return counts


_TEXT_COLUMNS = "sort_key, title, byline, keywords, summary, blocks"


def _fields(row: Sequence[Any]) -> dict[str, Any]:
    blocks = json.loads(row[5]) if row[5] else []
    return {
        "title": row[1],
        "byline": row[2],
        "keywords": json.loads(row[3]) if row[3] else [],
        "summary": row[4],
        "body": [text for _kind, text in blocks],
    }


def _rows_by_key(conn: sqlite3.Connection, columns: str, keys: Sequence[int]) -> Iterable[tuple]:
    for start in range(0, len(keys), 500):
        chunk = tuple(keys[start : start + 500])
        marks = ",".join("?" * len(chunk))
        yield from conn.execute(
            f"SELECT {columns} FROM stories WHERE sort_key IN ({marks})", chunk
        )


def _text_counts(conn: sqlite3.Connection, query: Query, keys: Sequence[int]) -> dict[int, int]:
    return {
        row[0]: occurrences(query, _fields(row)) for row in _rows_by_key(conn, _TEXT_COLUMNS, keys)
    }


def _hits(conn: sqlite3.Connection, query: Query, keys: Sequence[int]) -> tuple[SearchHit, ...]:
    by_key = {
        row[0]: row
        for row in _rows_by_key(conn, f"{_TEXT_COLUMNS}, id, published", keys)
    }
    hits = []
    for key in keys:
        row = by_key[key]
        fields = _fields(row)
        folded = fold_fields(fields)
        matched = tuple(
            name
            for name in FIELDS
            if any(
                term_matches(t, fold_fields({name: folded.parts.get(name, ())}))
                for t in query.positive_terms
                if name == "title" or not t.title_only
            )
        )
        quote = story_snippet(query, fields)
        hits.append(
            SearchHit(
                id=row[6],
                sort_key=key,
                title=row[1],
                published=row[7],
                snippet=quote.text,
                highlights=tuple((a, b) for a, b in quote.highlights),
                fields=matched,
            )
        )
    return tuple(hits)


def _run(
    library: Library,
    text: str,
    *,
    limit: int | None,
    sort: str,
    since: dt.date | None,
    until: dt.date | None,
    has_body: bool,
) -> tuple[int, str, list[int], Query | None, str | None]:
    if sort not in ("relevance", "date"):
        raise ValueError(f"unknown sort order {sort!r}")
    query = parse_query(text)
    if query.problem is not None:
        return 0, sort, [], None, query.problem
    plan = _plan(query, since, until, has_body)
    if plan is None:
        return 0, sort, [], None, "Nothing to search for."
    _ensure_index(library)
    conn = library.conn
    sql, params = plan.select("count(*)")
    total = int(conn.execute(sql, params).fetchone()[0])
    order = sort
    if (
        sort == "relevance"
        and total > ALWAYS_RANK
        and total > RELEVANCE_SHARE * _library_size(conn)
    ):
        order = "date"
    if order == "date":
        tail = "ORDER BY f.rowid DESC" + (" LIMIT ?" if limit is not None else "")
        sql, params = plan.select("f.rowid", tail=tail)
        if limit is not None:
            params = (*params, limit)
        keys = [r[0] for r in conn.execute(sql, params)]
    else:
        sql, params = plan.select("f.rowid")
        keys = _ranked(conn, plan, [r[0] for r in conn.execute(sql, params)])
        if limit is not None:
            keys = keys[:limit]
    return total, order, keys, query, None


def search(
    library: Library,
    text: str,
    *,
    limit: int = 20,
    sort: str = "relevance",
    since: dt.date | None = None,
    until: dt.date | None = None,
    has_body: bool = False,
) -> SearchResults:
    """The first ``limit`` results of ``text`` (any input; never raises on it)."""
    total, order, keys, query, message = _run(
        library, text, limit=limit, sort=sort, since=since, until=until, has_body=has_body
    )
    if query is None:
        return SearchResults(0, order, (), message)
    return SearchResults(total, order, _hits(library.conn, query, keys))


def search_ids(
    library: Library,
    text: str,
    *,
    sort: str = "relevance",
    since: dt.date | None = None,
    until: dt.date | None = None,
    has_body: bool = False,
) -> tuple[int, str, list[int]]:
    """Every matching story id in result order, for paging a list: (total, order, ids)."""
    total, order, keys, query, _message = _run(
        library, text, limit=None, sort=sort, since=since, until=until, has_body=has_body
    )
    ids: dict[int, int] = {}
    for row in _rows_by_key(library.conn, "sort_key, id", keys):
        ids[row[0]] = row[1]
    return total, order, [ids[k] for k in keys]

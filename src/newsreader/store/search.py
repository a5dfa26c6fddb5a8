"""Searching the library: FTS5 finds the stories, the search rules rank and quote them.

This module owns running a query against ``story_search`` (see ``search_index``):
filters, the total, the order, and the hits with their snippets. What a query means
and what matches is decided by ``newsreader.search`` (pure text); this module only
turns that into SQL and back. Must not import Qt or the CLI.

Ranking is: title matches first, then the number of occurrences, then newer. The
title tier comes from the index (the same query restricted to titles). Occurrences
are counted exactly by the search rule on the stored text for small candidate sets,
and from the index itself (``fts5vocab`` instances, in C) for larger ones: exact for
terms of one index token (1-2 Han characters, one Latin or digit run), the count of
the rarest token (an upper bound) for longer terms. When a query matches more than
5% of the library, or more than 10,000 stories, ranking would cost more than a
first page may take, so such queries come newest first and say so
(``order: "date"``).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from newsreader.errors import Message
from newsreader.search import BREAK, SP, PlannedTerm, SearchPlan, compile_query
from newsreader.store import search_index
from newsreader.store.identity import day_floor_key
from newsreader.store.connection import chunks, transaction
from newsreader.store.library import Library
from newsreader.store.records import story_fields
from newsreader.store.rows import named

# Filters and ranking read only the story's sort key and has_body: a narrow covering
# index (migration 3) instead of the wide story rows.
_JOIN = "JOIN stories s INDEXED BY stories_rank ON s.id = f.rowid"
# Above this share of the library, relevance would read most of it: order by date.
RELEVANCE_SHARE = 0.05
# Ranking this many candidates is always cheap, whatever share of the library it is.
ALWAYS_RANK = 2000
# NOTE: ranking reads every candidate's count from the index; past ~10k candidates
# that alone exceeds the 50 ms we allow a first page at a million stories, so
# larger sets come newest first (and say so) even below 5% of the library.
RANK_AT_MOST = 10_000
# Up to this many candidates, counting occurrences in Python on the stored text is
# cheaper than asking the index for every instance of every token.
PYTHON_RANK_LIMIT = 150
# One probe of the index for one story costs about as much as reading this many
# entries of a match set (measured at 100k: ~5 us against ~0.13 us).
_PROBE_COST = 60
# The index that orders stories newest first (migration 1's, on sort_key).
_SORT_INDEX = "idx_stories_sort_key"
#: The date-ordered first page walks at most this many stories, newest first.
_WALK_AT_MOST = 50_000
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
    message: Message | None = None  # a plain sentence when the query has nothing to search

    def to_json(self) -> dict[str, Any]:
        # Exactly the documented keys: scripts compare them. ``message`` goes to stderr.
        return {
            "total": self.total,
            "order": self.order,
            "results": [h.to_json() for h in self.hits],
        }


@dataclass(frozen=True)
class _Sql:
    """A compiled query with the SQL pieces for its filters."""

    plan: SearchPlan
    match: str
    title_match: str | None
    join: str  # joins stories as ``s`` when a filter needs its columns
    where: str  # conditions on ``s``, each starting with " AND "
    params: tuple[Any, ...]

    def select(self, what: str, match: str | None = None, tail: str = "") -> tuple[str, tuple]:
        sql = (
            f"SELECT {what} FROM {search_index.TABLE} f {self.join} "
            f"WHERE {search_index.TABLE} MATCH ? {self.where} {tail}"
        )
        return sql, (match or self.match, *self.params)


def _sql(
    plan: SearchPlan, since: dt.date | None, until: dt.date | None, has_body: bool
) -> _Sql | None:
    match = plan.match
    if match is None:
        return None
    where, params = "", []
    if since is not None or until is not None:
        # The sort key starts with the date: date filters are key ranges, and
        # undated stories (negative keys) drop out.
        where += " AND s.sort_key >= ?"
        params.append(day_floor_key(since) if since is not None else 0)
    if until is not None:
        where += " AND s.sort_key < ?"
        params.append(day_floor_key(until + dt.timedelta(days=1)))
    if has_body:
        where += " AND s.has_body = 1"
    join = _JOIN if where else ""
    return _Sql(plan, match, plan.title_match, join, where, tuple(params))


def _too_many_to_rank(library: Library, total: int) -> bool:
    """Whether ``total`` matches come newest first even when relevance was asked for."""
    if total <= ALWAYS_RANK:
        return False
    return total > RANK_AT_MOST or total > RELEVANCE_SHARE * _library_size(library)


def _library_size(library: Library) -> int:
    """The number of stories, counted again only after a write (ours or another's).

    NOTE: counting a million rows takes ~20 ms; ``data_version`` changes when another
    connection commits and ``total_changes`` when this one writes.
    """
    stamp = library.write_stamp()
    cached = library.memo.get("search.size")
    if cached is not None and cached[0] == stamp:
        return int(cached[1])
    size = library.count_stories()
    library.memo["search.size"] = (stamp, size)
    return size


def _ensure_index(library: Library) -> None:
    if not search_index.is_current(library.conn):
        library.require_writable()  # the index must be rebuilt, and cannot be
        with transaction(library.conn):
            search_index.rebuild(library.conn)


def _ranked(conn: sqlite3.Connection, plan: _Sql) -> list[int]:
    """Every matching story id in relevance order: title, occurrences, newer."""
    join = plan.join or _JOIN
    sql = (
        f"SELECT f.rowid, s.sort_key FROM {search_index.TABLE} f {join} "
        f"WHERE {search_index.TABLE} MATCH ? {plan.where}"
    )
    keys = dict(conn.execute(sql, (plan.match, *plan.params)).fetchall())
    sql, params = plan.select("f.rowid", plan.title_match)
    in_title = {r[0] for r in conn.execute(sql, params)} if plan.title_match else set()
    if len(keys) > PYTHON_RANK_LIMIT:
        counts = _index_counts(conn, plan.plan.terms, keys)
    else:
        counts = _text_counts(conn, plan.plan, list(keys))
    return sorted(
        keys, key=lambda i: (i in in_title, counts.get(i, 0), keys[i]), reverse=True
    )


def _newest(library: Library, plan: _Sql, total: int, limit: int) -> list[int]:
    """The ``limit`` newest of ``total`` matches.

    A sparse match set is sorted by SQLite (it reads every match once). A dense one
    is found faster by walking the stories newest first (the sort-key index) and
    keeping the matches, in one SQL statement: the match set is read into SQLite's
    own ephemeral index (~1.3 ms per 10k matches) or, for broad single-token
    queries, each story walked is asked about alone. The walk stops once it has
    what it wants, and gives up for the sort after ``_WALK_AT_MOST`` stories
    (matches that are all old).
    """
    wanted = min(limit, total)
    if wanted <= 0:
        return []
    conn = library.conn
    # Matches spread over time are met every size/total stories on the walk.
    if wanted * _library_size(library) > _WALK_AT_MOST * total:
        return _newest_sorted(conn, plan, wanted)
    # The newest _WALK_AT_MOST stories (passing the filters), newest first.
    newest = (
        f"SELECT s.id FROM stories s INDEXED BY {_SORT_INDEX} WHERE 1 {plan.where} "
        "ORDER BY s.sort_key DESC LIMIT ?"
    )
    tokens = [tok for term in plan.plan.terms for tok in term.tokens]
    # A probe is cheap for an exact token or a one-character prefix (the prefix
    # index); a longer prefix merges every token it starts, at every probe.
    cheap = len(tokens) == 1 and (not tokens[0][1] or len(tokens[0][0]) == 1)
    # NOTE: the walk meets a match every size/total stories; a probe costs about as
    # much as reading _PROBE_COST entries of the match set, which the other way
    # reads whole (into SQLite's own ephemeral index: C speed, no Python set).
    probing = cheap and wanted * _library_size(library) * _PROBE_COST < total * total
    if probing:
        sql = (
            f"SELECT id FROM ({newest}) w WHERE EXISTS (SELECT 1 FROM {search_index.TABLE} "
            f"WHERE {search_index.TABLE} MATCH ? AND rowid = w.id) LIMIT ?"
        )
    else:
        sql = (
            f"SELECT id FROM ({newest}) WHERE id IN (SELECT rowid FROM {search_index.TABLE} "
            f"WHERE {search_index.TABLE} MATCH ?) LIMIT ?"
        )
    found = [r[0] for r in conn.execute(sql, (*plan.params, _WALK_AT_MOST, plan.match, wanted))]
    if len(found) == wanted:
        return found
    return _newest_sorted(conn, plan, wanted)


def _newest_sorted(conn: sqlite3.Connection, plan: _Sql, limit: int | None) -> list[int]:
    """Every match (or the first ``limit``), newest first, sorted by SQLite."""
    join = plan.join or _JOIN
    sql = (
        f"SELECT f.rowid FROM {search_index.TABLE} f {join} "
        f"WHERE {search_index.TABLE} MATCH ? {plan.where} ORDER BY s.sort_key DESC LIMIT ?"
    )
    return [r[0] for r in conn.execute(sql, (plan.match, *plan.params, limit or -1))]


def _vocab(conn: sqlite3.Connection, kind: str) -> str:
    name = f"temp.nr_search_{kind}"
    conn.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {name} "
        f"USING fts5vocab(main, {search_index.TABLE}, {kind})"
    )
    return name


def _representative(conn: sqlite3.Connection, term: PlannedTerm) -> tuple[str, bool]:
    """The token that stands for a term when counting: its only token, or the rarest
    exact one (a phrase occurs at most as often as each of its tokens)."""
    tokens = term.tokens
    if len(tokens) == 1:
        return tokens[0]
    exact = [tok for tok, prefix in tokens if not prefix and tok not in (SP, BREAK)]
    if not exact:
        return tokens[0]
    rows = _vocab(conn, "row")
    frequency = {
        tok: (conn.execute(f"SELECT doc FROM {rows} WHERE term = ?", (tok,)).fetchone() or (0,))[0]
        for tok in exact
    }
    return min(exact, key=lambda tok: frequency[tok]), False


def _index_counts(
    conn: sqlite3.Connection, terms: Sequence[PlannedTerm], candidates: Container[int]
) -> Counter[int]:
    """Occurrences per story, from the index's instance list (in C).

    Exact for terms of one token (1-2 Han characters, one Latin or digit run). For
    longer terms it counts the term's rarest token, an upper bound.
    NOTE: counting longer terms exactly means folding the candidates' whole text in
    Python (~0.3 ms a story with a body); past PYTHON_RANK_LIMIT candidates that is
    seconds at a million stories, so the order of such large sets is approximate.
    """
    instances = _vocab(conn, "instance")
    counts: Counter[int] = Counter()
    for term in terms:
        token, prefix = _representative(conn, term)
        if prefix:
            cond, params = "term >= ? AND term < ?", [token, token + _MAX_SURROGATE]
        else:
            cond, params = "term = ?", [token]
        if term.title_only:
            cond += " AND col = 'title'"
        sql = f"SELECT doc, count(*) FROM {instances} WHERE {cond} GROUP BY doc"
        rows = conn.execute(sql, params).fetchall()
        counts.update({doc: n for doc, n in rows if doc in candidates})
    return counts


_TEXT_COLUMNS = "id, title, byline, keywords, summary, blocks, sort_key, published"


def _fields(row: sqlite3.Row) -> dict[str, Any]:
    return story_fields(
        title=row["title"], byline=row["byline"], keywords=row["keywords"],
        summary=row["summary"], blocks=row["blocks"],
    )


def _rows_by_id(
    conn: sqlite3.Connection, columns: str, ids: Sequence[int]
) -> Iterable[sqlite3.Row]:
    for chunk in chunks(ids):
        marks = ",".join("?" * len(chunk))
        yield from named(conn, f"SELECT {columns} FROM stories WHERE id IN ({marks})", chunk)


def _text_counts(conn: sqlite3.Connection, plan: SearchPlan, ids: Sequence[int]) -> dict[int, int]:
    """Exact occurrences per story, by the search rule on the stored text."""
    return {
        row["id"]: plan.occurrences(_fields(row))
        for row in _rows_by_id(conn, _TEXT_COLUMNS, ids)
    }


def _hits(conn: sqlite3.Connection, plan: SearchPlan, ids: Sequence[int]) -> tuple[SearchHit, ...]:
    by_id = {row["id"]: row for row in _rows_by_id(conn, _TEXT_COLUMNS, ids)}
    hits = []
    for story_id in ids:
        row = by_id[story_id]
        quote, matched = plan.describe(_fields(row))
        hits.append(
            SearchHit(
                id=story_id,
                sort_key=row["sort_key"],
                title=row["title"],
                published=row["published"],
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
    rank: bool = True,
) -> tuple[int, str, list[int] | None, SearchPlan | None, Message | None]:
    """(total, order, ids, compiled query, message); ids is None when ``rank`` is False
    and the results would be ranked by relevance."""
    if sort not in ("relevance", "date"):
        raise ValueError(f"unknown sort order {sort!r}")
    compiled = compile_query(text)
    if compiled.problem is not None:
        return 0, sort, [], None, compiled.problem
    plan = _sql(compiled, since, until, has_body)
    if plan is None:
        return 0, sort, [], None, Message("query.empty")
    _ensure_index(library)
    conn = library.conn
    sql, params = plan.select("count(*)")
    total = int(conn.execute(sql, params).fetchone()[0])
    if total == 0:
        return 0, sort, [], compiled, None
    order = sort
    if sort == "relevance" and _too_many_to_rank(library, total):
        order = "date"
    if order == "date":
        if limit is None:
            ids = _newest_sorted(conn, plan, None)
        else:
            ids = _newest(library, plan, total, limit)
    elif not rank:
        return total, order, None, compiled, None
    else:
        ids = _ranked(conn, plan)
        if limit is not None:
            ids = ids[:limit]
    return total, order, ids, compiled, None


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
    """The first ``limit`` results of ``text`` (any input; never raises on it; a
    damaged or locked library raises ``LibraryError``)."""
    with library.explaining_errors():
        total, order, ids, compiled, message = _run(
            library, text, limit=limit, sort=sort, since=since, until=until, has_body=has_body
        )
        if compiled is None or ids is None:
            return SearchResults(0, order, (), message)
        return SearchResults(total, order, _hits(library.conn, compiled, ids))


def quotes(library: Library, text: str, ids: Sequence[int]) -> dict[int, str]:
    """The line a result list shows under each title: a quote around the first hit
    (body, summary, then title), as ``search`` quotes it. Empty for a query with
    nothing to search for."""
    compiled = compile_query(text)
    if compiled.problem is not None or not ids:
        return {}
    return {hit.id: hit.snippet for hit in _hits(library.conn, compiled, ids)}


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
    total, order, ids, _query, _message = _run(
        library, text, limit=None, sort=sort, since=since, until=until, has_body=has_body
    )
    return total, order, ids or []


def newest_page(
    library: Library,
    text: str,
    *,
    limit: int,
    sort: str = "relevance",
    since: dt.date | None = None,
    until: dt.date | None = None,
    has_body: bool = False,
) -> tuple[int, list[int] | None, Message | None]:
    """A quick first page: (total, the first ``limit`` ids, message).

    The ids are None when the results are ranked by relevance: ranking needs every
    candidate, so ``search_ids`` is as quick. Newest-first results (asked for, or
    too many to rank) cost only the count and a short walk. ``message`` says why
    nothing was searched for (only exclusions, say), else None.
    """
    total, _order, ids, _query, message = _run(
        library, text, limit=limit, sort=sort, since=since, until=until, has_body=has_body,
        rank=False,
    )
    return total, ids, message

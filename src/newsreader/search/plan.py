"""A query compiled once: everything the store needs to run it, in one value.

This module owns ``compile_query`` (what the user typed -> ``SearchPlan``). The
store runs a plan without calling back into this package: the FTS5 MATCH strings,
each positive term's index tokens (for counting occurrences from the index), and
the terms to highlight are fields of the plan; the per-story text work the store
asks for (which fields matched, the snippet, exact occurrences) are methods of the
plan. Pure text: it must not import SQL, Qt or other newsreader packages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsreader.errors import Message
from newsreader.search.matching import FIELDS, Fields, occurrences, term_occurrences
from newsreader.search.query import (
    NO_POSITIVE_TERM,
    Query,
    Term,
    parse_query,
    phrase_tokens,
    to_fts_match,
    to_fts_title_match,
)
from newsreader.search.snippets import SNIPPET_FIELDS, Snippet, snippet_of_folded, start_snippet
from newsreader.text.folding import fold

__all__ = ["PlannedTerm", "SearchPlan", "compile_query"]

# Where a snippet comes from, in order (see ``snippets.story_snippet``).
_SNIPPET_ORDER = SNIPPET_FIELDS


@dataclass(frozen=True)
class PlannedTerm:
    """One positive term: its folded text and the tokens of its FTS5 phrase.

    ``tokens`` are (token, is_prefix) in phrase order; a phrase occurs at most as
    often as each of its exact tokens, and exactly as often as its only token.
    """

    text: str
    title_only: bool
    tokens: tuple[tuple[str, bool], ...]


@dataclass(frozen=True)
class SearchPlan:
    """What to run for one query. ``problem`` is a one-line message when there is
    nothing to search (then ``match`` is None)."""

    query: Query
    match: str | None
    title_match: str | None
    terms: tuple[PlannedTerm, ...]  # the positive terms, each once, in order
    problem: Message | None = None

    @property
    def highlight_terms(self) -> tuple[Term, ...]:
        """The terms whose matches are marked in results (positive terms only)."""
        return self.query.positive_terms

    def occurrences(self, fields: Fields) -> int:
        """Exact occurrences of the positive terms in a story (the ranking count)."""
        return occurrences(self.query, fields)

    def describe(self, fields: Fields, width: int = 80) -> tuple[Snippet, tuple[str, ...]]:
        """A story's snippet and the names of the fields a positive term matches in.

        Each part is folded at most once, and only up to the first part that matches
        in each field: a story's long body costs one part, not all of it.
        """
        matched: list[str] = []
        found: dict[str, tuple[str, str]] = {}  # field -> (original part, folded part)
        for name in FIELDS:
            terms = self._terms_for(name)
            if not terms:
                continue
            for part in _parts(fields.get(name)):
                folded = fold(part)
                if any(term_occurrences(t.text, folded) for t in terms):
                    matched.append(name)
                    found[name] = (part, folded)
                    break
        for name in _SNIPPET_ORDER:
            if name in found:
                text = found[name][0]
                shown = snippet_of_folded(self._terms_for(name), text, width)
                if shown is not None:
                    return Snippet(name, shown[0], shown[1]), tuple(matched)
        return start_snippet(fields, width), tuple(matched)

    def _terms_for(self, field: str) -> list[Term]:
        return [t for t in self.query.positive_terms if field == "title" or not t.title_only]


def _parts(value: str | Sequence[str] | None) -> Sequence[str]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return value


def compile_query(text: str) -> SearchPlan:
    """Parse and compile what the user typed; never raises (see ``SearchPlan.problem``)."""
    query = parse_query(text)
    if query.problem is not None:
        return SearchPlan(query, None, None, (), query.problem)
    match = to_fts_match(query)
    if match is None:  # pragma: no cover - parse_query reports every such query
        return SearchPlan(query, None, None, (), NO_POSITIVE_TERM)
    terms = tuple(
        PlannedTerm(t.text, t.title_only, tuple(phrase_tokens(t.text)))
        for t in query.positive_terms
    )
    return SearchPlan(query, match, to_fts_title_match(query), terms)


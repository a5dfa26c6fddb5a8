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
from functools import cached_property

from newsreader.errors import Message
from newsreader.search.matching import FIELDS, Fields, term_occurrences
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
from newsreader.text.folding import fold, may_fold_to_contain

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
        """Exact occurrences of the positive terms in a story (the ranking count): the
        same number as ``matching.occurrences``, folding only parts that may match."""
        story = _Story(fields)
        total = 0
        for term in self.query.positive_terms:
            names = ("title",) if term.title_only else FIELDS
            for part in story.parts(names):
                folded = story.folded_if_possible(term.text, part)
                if folded is not None:
                    total += len(term_occurrences(term.text, folded))
        return total

    def describe(self, fields: Fields, width: int = 80) -> tuple[Snippet, tuple[str, ...]]:
        """A story's snippet and the names of the fields a positive term matches in.

        Each part is folded at most once, only up to the first part that matches in
        each field, and only when it holds a character that can fold to the start of
        a term: a story's long body costs what its matching parts cost.
        """
        story = _Story(fields)
        matched: list[str] = []
        found: dict[str, str] = {}  # field -> its first matching part
        for name in FIELDS:
            terms = self._terms_for(name)
            if not terms:
                continue
            parts = story.parts((name,))
            if len(parts) > 1 and not any(story.may_contain(t.text, parts) for t in terms):
                continue  # one scan of the whole field instead of one per part
            for part in parts:
                if any(
                    (folded := story.folded_if_possible(t.text, part)) is not None
                    and term_occurrences(t.text, folded)
                    for t in terms
                ):
                    matched.append(name)
                    found[name] = part
                    break
        for name in _SNIPPET_ORDER:
            if name in found:
                text = found[name]
                shown = snippet_of_folded(self._terms_for(name), text, width)
                if shown is not None:
                    return Snippet(name, shown[0], shown[1]), tuple(matched)
        return start_snippet(fields, width), tuple(matched)

    def _terms_for(self, field: str) -> tuple[Term, ...]:
        return self._title_terms if field == "title" else self._other_terms

    @cached_property
    def _title_terms(self) -> tuple[Term, ...]:
        return self.query.positive_terms

    @cached_property
    def _other_terms(self) -> tuple[Term, ...]:
        return tuple(t for t in self.query.positive_terms if not t.title_only)


def _parts(value: str | Sequence[str] | None) -> Sequence[str]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return value


class _Story:
    """A story's parts, each folded at most once and only when a term may occur in it."""

    def __init__(self, fields: Fields) -> None:
        self._fields = fields
        self._folded: dict[int, str] = {}

    def parts(self, names: Sequence[str]) -> list[str]:
        return [p for name in names for p in _parts(self._fields.get(name))]

    def may_contain(self, term: str, parts: Sequence[str]) -> bool:
        """False when no part can hold ``term`` (one scan of them all)."""
        return may_fold_to_contain("\n".join(parts), term)

    def folded_if_possible(self, term: str, part: str) -> str | None:
        """``fold(part)``, or None when ``term`` cannot occur in it.

        A part lacking every character that folds to one of the term's characters
        (``folding.may_fold_to_contain``) cannot contain the term: it is not folded.
        """
        if not may_fold_to_contain(part, term):
            return None
        key = id(part)
        folded = self._folded.get(key)
        if folded is None:
            folded = self._folded[key] = fold(part)
        return folded


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


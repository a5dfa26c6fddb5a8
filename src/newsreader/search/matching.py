"""Brute-force matching: the rule of what matches, applied directly to folded text.

This module owns the oracle the FTS5 index is tested against, and the counts the
ranking and the snippets need: ``term_occurrences``, ``matches``, ``occurrences``
and ``title_matches``. It works with plain string search on folded text, never
through the index tokens. Pure text: it must not import SQL, Qt or other
newsreader packages.

The rule (see ``query`` for why the FTS5 phrase encodes exactly this): a term
matches a field part iff its folded text occurs in the folded part at a position
where, if the term starts with a LETTER (or DIGIT), the character before it is
not a LETTER (or DIGIT). Occurrences are counted left to right without overlap
(``哈哈`` occurs once in ``哈哈哈``), like ``str.count``.

Story fields are a mapping with the keys ``title``, ``byline``, ``keywords``,
``summary`` and ``body``: a string, None, or a sequence of parts (keywords, body
blocks). Each part is searched on its own; a match never spans two parts or two
fields. ``fold_fields`` folds them once for repeated use.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from newsreader.text.folding import fold
from newsreader.search.query import Query, Term
from newsreader.search.tokens import Kind, kind_of

__all__ = [
    "FIELDS",
    "FoldedFields",
    "fold_fields",
    "matches",
    "occurrences",
    "term_matches",
    "term_occurrences",
    "title_matches",
]

FIELDS = ("title", "byline", "keywords", "summary", "body")
FieldValue = str | Sequence[str] | None
Fields = Mapping[str, FieldValue]


# Joins folded parts into one searchable string: folding never outputs it (it is
# the BREAK token's character), a term never contains it, and it is a CHAR, so
# no match can span two parts and a part's start still counts as a run start.
_SEPARATOR = "\ue001"


@dataclass(frozen=True)
class FoldedFields:
    """A story's fields, each as a tuple of folded parts."""

    parts: Mapping[str, tuple[str, ...]]
    # Every part of every field, and the title's parts, joined by _SEPARATOR.
    everything: str = field(init=False)
    title: str = field(init=False)

    def __post_init__(self) -> None:
        everything = _SEPARATOR.join(p for name in FIELDS for p in self.parts.get(name, ()))
        object.__setattr__(self, "everything", everything)
        object.__setattr__(self, "title", _SEPARATOR.join(self.parts.get("title", ())))


def _parts(value: FieldValue) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def fold_fields(fields: Fields | FoldedFields) -> FoldedFields:
    """Fold every part of every field once (unknown keys are ignored)."""
    if isinstance(fields, FoldedFields):
        return fields
    return FoldedFields({name: tuple(map(fold, _parts(fields.get(name)))) for name in FIELDS})


def term_occurrences(term: str, folded_text: str) -> list[tuple[int, int]]:
    """Where ``term`` (already folded and stripped) occurs in ``folded_text``.

    Spans are (start, end) offsets into ``folded_text``, left to right, not
    overlapping.
    """
    if not term:
        return []
    found: list[tuple[int, int]] = []
    first = kind_of(term[0])
    bounded = first is Kind.LETTER or first is Kind.DIGIT
    size = len(term)
    pos = folded_text.find(term)
    while pos >= 0:
        if bounded and pos > 0 and kind_of(folded_text[pos - 1]) is first:
            pos = folded_text.find(term, pos + 1)  # inside a run: not a match
            continue
        found.append((pos, pos + size))
        pos = folded_text.find(term, pos + size)
    return found


def _occurs(term: str, folded_text: str) -> bool:
    if term not in folded_text:
        return False
    first = kind_of(term[0])
    if first is not Kind.LETTER and first is not Kind.DIGIT:
        return True
    return bool(term_occurrences(term, folded_text))


def _searched(term: Term, folded: FoldedFields, *, title_only: bool = False) -> str:
    return folded.title if term.title_only or title_only else folded.everything


def term_matches(term: Term, fields: Fields | FoldedFields) -> bool:
    """Whether one term matches a story (in its title only for a title: term)."""
    return _occurs(term.text, _searched(term, fold_fields(fields)))


def _matches(query: Query, folded: FoldedFields, *, title_only: bool) -> bool:
    if query.problem is not None or not query.groups:
        return False
    for group in query.groups:
        if not any(_occurs(t.text, _searched(t, folded, title_only=title_only)) for t in group):
            return False
    return not any(_occurs(t.text, _searched(t, folded)) for t in query.excluded)


def matches(query: Query, fields: Fields | FoldedFields) -> bool:
    """Whether the story matches: every group has a matching term, no exclusion matches.

    A query with a problem (see ``Query.problem``) matches nothing.
    """
    return _matches(query, fold_fields(fields), title_only=False)


def title_matches(query: Query, fields: Fields | FoldedFields) -> bool:
    """Whether the title alone satisfies the query (every group matches in the title,
    no exclusion matches the story): the first ranking tier.
    """
    return _matches(query, fold_fields(fields), title_only=True)


def occurrences(query: Query, fields: Fields | FoldedFields) -> int:
    """Total occurrences of the query's positive terms in the story (each distinct
    term counted once per place it occurs; title: terms only in the title).
    """
    folded = fold_fields(fields)
    return sum(len(term_occurrences(t.text, _searched(t, folded))) for t in query.positive_terms)

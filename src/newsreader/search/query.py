"""The query language: parsing what the user typed, and compiling it to FTS5.

This module owns ``parse_query`` (text -> ``Query``) and ``to_fts_match``
(``Query`` -> an FTS5 MATCH expression over the tokens of ``tokens``). Pure text:
it must not import SQL, Qt or other newsreader packages.

Syntax. Words are separated by whitespace; all words are required.

* ``"a phrase"`` keeps its spaces inside one term. A quote may open anywhere in a
  word and closes at the next quote (``ab"c d"`` is the term ``abc d``); a quote
  left open runs to the end of the input.
* ``-term`` (also ``-"a phrase"``, ``-title:x``) excludes stories the term matches.
  A lone ``-`` is the literal text ``-``; ``"-x"`` is the literal text ``-x``.
* ``A OR B`` (the bare word ``OR``, upper case) makes one group of alternatives;
  OR binds tighter than the implied AND: ``A B OR C`` is A and (B or C). An OR
  that is not between two positive terms (at either end, next to an exclusion)
  is ignored; ``"OR"`` and ``or`` are plain words.
* ``title:term`` (prefix in any case, also ``title:"a phrase"``) searches titles
  only; a bare ``title:`` and every other ``name:`` are literal text.
* Every other character is literal text: FTS5 operators (``NEAR * ^ : + ( )``),
  SQL, control characters. Terms are folded (``folding.fold``); a term that folds
  to nothing (only spaces or control characters) is dropped.

Limits (beyond them ``Query.problem`` says so in one line and nothing is
searched): the input at most ``MAX_QUERY_CHARS`` characters, at most ``MAX_TERMS``
distinct terms, each at most ``MAX_TERM_CHARS`` folded characters. They keep
every query a bounded amount of index work (a term's phrase has about as many
tokens as characters) and keep every token far below FTS5's 32 KiB token limit.

What a term matches (the oracle, ``matching``, implements this rule directly):
a term matches a field part (title, byline, one keyword, summary, one body
block) iff its folded text ``t`` occurs in the folded part at a position where,
if ``t`` starts with a LETTER (or DIGIT), the character before is not a LETTER
(or DIGIT). Letter and digit runs thus match from the start of a run
(``magic`` in ``magicos``, ``5`` in ``magic5``, ``301`` in ``301301``, not ``os``
in ``magicos``, ``1月`` in ``11月``); everything else matches anywhere.

Why the FTS5 phrase is exact. Split ``t`` into segments (``tokens.segments``);
a part's token stream has one token per LETTER run, DIGIT run and inner SPACE,
and one token per CHAR character (the pair starting there, or the character
alone at the end of its chunk). The phrase for ``t`` is:

* a LETTER/DIGIT run: the run exactly (the text run is exactly this run, since
  something of another class follows it in ``t``), or as a prefix token if it is
  the last segment (the text run starts with it); in both cases the text run
  starts where ``t`` does, which is the boundary rule;
* SPACE: SP exactly (leading and trailing spaces are stripped from ``t``);
* a CHAR chunk c1..ck: the pairs c1c2 .. c(k-1)ck exactly (the text has these
  characters consecutively inside one chunk); if the chunk is not the last
  segment, then ck alone exactly (the text chunk ends at ck, as ``t`` goes on with
  another class); if it is the last segment and k == 1, the prefix token ``c1*``
  (any token starting with c1: c1 is in the text, followed by anything); if last
  and k >= 2 nothing more (the pair c(k-1)ck already puts ck there).

The CHAR chunk may start inside a text chunk (its first pair is simply a pair of
that chunk), which is the "anywhere" rule. Conversely each phrase match pins the
segments of ``t`` onto consecutive text segments exactly as above, so ``t``
occurs there. Prefix tokens only stand for the last segment, and a token that
starts with a LETTER (DIGIT, CHAR) character is always a LETTER (DIGIT, CHAR)
token, so prefixes never match the wrong kind. BREAK separates parts, and FTS5
phrases never span columns: matches never span fields or blocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from newsreader.errors import CodedError, Message
from newsreader.text.folding import fold
from newsreader.search.tokens import SP, Kind, segments

__all__ = [
    "MAX_QUERY_CHARS",
    "MAX_TERMS",
    "MAX_TERM_CHARS",
    "Query",
    "QueryError",
    "Term",
    "parse_query",
    "to_fts_match",
    "to_fts_title_match",
]

MAX_QUERY_CHARS = 10_000
MAX_TERMS = 32
MAX_TERM_CHARS = 200

TITLE_PREFIX = "title:"
NO_POSITIVE_TERM = Message("query.no_positive_term")


class QueryError(CodedError, ValueError):
    """A query that cannot be searched (codes ``query.*``); ``str(err)`` is one line for
    the user (see ``newsreader.errors``)."""


@dataclass(frozen=True)
class Term:
    """One search term: folded, without leading or trailing spaces, never empty."""

    text: str
    title_only: bool = False


@dataclass(frozen=True)
class Query:
    """A parsed query: every group must match (one of its terms), no exclusion may.

    ``problem`` is a one-line message for the user when the query cannot be
    searched (no positive term, over a limit); then ``groups`` may be empty.
    """

    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    problem: Message | None = None

    @cached_property
    def positive_terms(self) -> tuple[Term, ...]:
        """Every term of every group, each once, in order."""
        return tuple(dict.fromkeys(t for group in self.groups for t in group))

    def check(self) -> None:
        """Raise ``QueryError`` with the plain message when the query cannot be searched."""
        if self.problem is not None:
            raise QueryError(self.problem.code, **self.problem.fields)


@dataclass(frozen=True)
class _Word:
    text: str  # raw, quotes removed
    negated: bool = False
    title_only: bool = False
    is_or: bool = False


def _split_words(q: str) -> list[_Word]:
    """Words of the raw query: whitespace outside quotes separates them."""
    words: list[_Word] = []
    i, n = 0, len(q)
    while i < n:
        if q[i].isspace():
            i += 1
            continue
        # One word: (unquoted text, quoted text) pieces until whitespace outside quotes.
        pieces: list[tuple[str, bool]] = []
        while i < n and not q[i].isspace():
            if q[i] == '"':
                close = q.find('"', i + 1)
                stop = n if close < 0 else close
                pieces.append((q[i + 1 : stop], True))
                i = stop + 1
            else:
                start = i
                while i < n and not q[i].isspace() and q[i] != '"':
                    i += 1
                pieces.append((q[start:i], False))
        words.append(_interpret(pieces))
    return words


def _interpret(pieces: list[tuple[str, bool]]) -> _Word:
    if pieces == [("OR", False)]:
        return _Word("OR", is_or=True)
    negated = title_only = False
    # The markers only count unquoted, at the start, with something after them.
    head, quoted = pieces[0]
    if not quoted and head.startswith("-") and (len(head) > 1 or len(pieces) > 1):
        negated = True
        pieces = [(head[1:], False), *pieces[1:]]
    head, quoted = pieces[0]
    if (
        not quoted
        and head[: len(TITLE_PREFIX)].lower() == TITLE_PREFIX
        and (len(head) > len(TITLE_PREFIX) or len(pieces) > 1)
    ):
        title_only = True
        pieces = [(head[len(TITLE_PREFIX) :], False), *pieces[1:]]
    return _Word("".join(text for text, _ in pieces), negated, title_only)


def parse_query(q: str) -> Query:
    """Parse what the user typed; never raises (see ``Query.problem``)."""
    if len(q) > MAX_QUERY_CHARS:
        return Query(problem=Message("query.too_long", n=MAX_QUERY_CHARS))
    # Items: Term (positive), ("-", Term) for exclusions, None for OR.
    items: list[Term | tuple[str, Term] | None] = []
    for word in _split_words(q):
        if word.is_or:
            items.append(None)
            continue
        text = fold(word.text).strip(" ")
        if not text:
            continue  # only spaces or control characters: nothing to look for
        if len(text) > MAX_TERM_CHARS:
            return Query(problem=Message("query.term_too_long", n=MAX_TERM_CHARS))
        term = Term(text, word.title_only)
        items.append(("-", term) if word.negated else term)

    # A run of ORs counts as one; an OR only joins two positive terms.
    items = [x for i, x in enumerate(items) if x is not None or i == 0 or items[i - 1] is not None]
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for index, item in enumerate(items):
        if item is None:
            before = items[index - 1] if index > 0 else None
            after = items[index + 1] if index + 1 < len(items) else None
            join_next = isinstance(before, Term) and isinstance(after, Term)
            continue
        if isinstance(item, tuple):
            excluded.append(item[1])
            join_next = False
        elif join_next:
            groups[-1].append(item)
            join_next = False
        else:
            groups.append([item])

    unique_groups = tuple(dict.fromkeys(tuple(dict.fromkeys(g)) for g in groups))
    unique_excluded = tuple(dict.fromkeys(excluded))
    terms = {t for g in unique_groups for t in g} | set(unique_excluded)
    problem = None
    if len(terms) > MAX_TERMS:
        problem = Message("query.too_many_terms", n=MAX_TERMS)
    elif not unique_groups:
        problem = NO_POSITIVE_TERM
    return Query(unique_groups, unique_excluded, problem)


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def phrase_tokens(text: str) -> list[tuple[str, bool]]:
    """The tokens of a term's FTS5 phrase as (token, is_prefix), in order."""
    segs = segments(text)
    while segs and segs[0][0] is Kind.SPACE:
        segs.pop(0)
    while segs and segs[-1][0] is Kind.SPACE:
        segs.pop()
    out: list[tuple[str, bool]] = []
    last = len(segs) - 1
    for index, (kind, seg) in enumerate(segs):
        if kind is Kind.SPACE:
            out.append((SP, False))
        elif kind is not Kind.CHAR:
            out.append((seg, index == last))
        else:
            out.extend((a + b, False) for a, b in zip(seg, seg[1:]))
            if index != last:
                out.append((seg[-1], False))
            elif len(seg) == 1:
                out.append((seg, True))
    return out


def _phrase(term: Term, *, title_only: bool = False) -> str:
    tokens = phrase_tokens(term.text)
    body = " + ".join(_quote(tok) + (" *" if prefix else "") for tok, prefix in tokens)
    if term.title_only or title_only:
        return "{title} : ( " + body + " )"
    return body


def _compile(query: Query, *, title_only: bool) -> str | None:
    if query.problem is not None or not query.groups:
        return None
    groups = []
    for group in query.groups:
        alternatives = [_phrase(t, title_only=title_only) for t in group]
        if len(alternatives) == 1:
            groups.append(alternatives[0])
        else:
            groups.append("( " + " OR ".join(alternatives) + " )")
    expression = " AND ".join(groups)
    if query.excluded:
        # Exclusions always look at their own fields, whatever title_only says.
        banned = " OR ".join(_phrase(t) for t in query.excluded)
        expression = f"( {expression} ) NOT ( {banned} )"
    return expression


def to_fts_match(query: Query) -> str | None:
    """The FTS5 MATCH expression for ``query``; None when it cannot be searched."""
    return _compile(query, title_only=False)


def to_fts_title_match(query: Query) -> str | None:
    """Like ``to_fts_match`` but every positive term must match in the title.

    This is ``matching.title_matches`` as an FTS5 expression, for ranking title
    matches first inside SQL.
    """
    return _compile(query, title_only=True)

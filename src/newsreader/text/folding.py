"""Folding: the one normal form that both stored text and query terms are compared in.

This module owns the search fold, ``fold`` (and ``fold_spans``/``fold_with_offsets`` for
snippets); ``fold_tables`` owns the character tables behind it. Pure text: it must not
import SQL, Qt or other newsreader packages.

``fold(text)`` is, by definition (``_reference_fold`` spells it out):

1. delete invisible characters: format characters (Cf: zero-width space and
   joiner, soft hyphen, BOM, bidi marks) and variation selectors; FTS5 would split
   tokens at the former, and nobody types either into a search box;
2. ``unicodedata.normalize("NFKC", ...)``: full-/half-width and compatibility forms
   (``ＭａｇｉｃＯＳ`` -> ``MagicOS``, ``，`` -> ``,``, ``①`` -> ``1``);
3. ``.lower()``, then NFKC again (lower-casing ``İ`` gives ``i`` + a combining dot,
   which may need reordering with marks after it; this keeps fold idempotent);
4. character by character through one table:
   * Traditional -> Simplified with OpenCC's ``t2s`` conversion applied to each CJK
     character on its own (so only its character tables take part, never its
     phrase table); chains are followed to the end (``薴`` -> ``苧`` -> ``苎``) so
     that folding is idempotent;
   * the few lower-case letters that SQLite's unicode61 tokenizer case-folds further
     (``ς`` -> ``σ``, ``ϐ`` -> ``β``, ...) are folded the same way here (Python's
     ``casefold``), so a token never changes inside FTS5;
   * U+E000/U+E001 (our SP and BREAK tokens), U+FFFE/U+FFFF (which FTS5 folds to
     U+FFFD) and lone surrogates become U+FFFD;
   * every control character (Cc) and every ``str.isspace`` character becomes ``' '``;
5. runs of spaces collapse to one ``' '`` (leading/trailing spaces are kept).

Speed: ``fold`` does all of this with one ``str.translate`` (a precomputed table of
step 1-4 per character) whenever per-character NFKC is exact, i.e. the text has no
combining mark or conjoining jamo (see ``fold_tables.build``); otherwise it runs the
steps. The tables are computed once and shipped (``fold_tables``), not per process.

After folding, the only character FTS5 (with our tokenizer options) treats as a
separator is ``' '``; ``tests/test_search_folding.py`` checks that for every code
point against SQLite itself.
"""

from __future__ import annotations

import re
import unicodedata

from newsreader.text import fold_tables
from newsreader.text.fold_tables import (
    JOINS_MARK,
    VARIATION_SELECTORS,
    VARLEN_MARK,
    FoldTables,
    post_char,
    steps,
)

__all__ = [
    "UNICODE_VERSION",
    "fold",
    "fold_spans",
    "fold_with_offsets",
    "may_fold_to_contain",
    "opencc_version",
    "sources_of",
]

# What folding depends on besides this code (search.TOKENS_SIGNATURE records it).
UNICODE_VERSION = unicodedata.unidata_version

_SPACE_RUN = re.compile(" {2,}")
_VARLEN_RUN = re.compile(VARLEN_MARK + "+")


def opencc_version() -> str:
    """The version of OpenCC whose t2s table the fold uses (loads the tables)."""
    return fold_tables.get().opencc_version


def _get_tables() -> FoldTables:
    return fold_tables.get()


# Han ideographs and ASCII letters and digits: no canonical composition produces
# one, so they come out of a text's fold only from characters whose own fold holds
# them (the table maps those character by character).
_PLAIN = ((0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
          (0x20000, 0x323AF))
_sources: dict[str, list[str]] | None = None
_source_patterns: dict[str, re.Pattern[str] | None] = {}
_term_patterns: dict[str, list[re.Pattern[str]]] = {}


def sources_of(ch: str) -> str | None:
    """Every character whose fold contains ``ch`` (``ch`` included), for a Han
    ideograph or an ASCII letter or digit; None for any other character (``é`` may
    come from ``e`` and a combining mark: only folding tells)."""
    global _sources
    cp = ord(ch)
    if not any(lo <= cp <= hi for lo, hi in _PLAIN):
        return None
    if _sources is None:
        sources: dict[str, list[str]] = {}
        for source, target in _get_tables().full.items():
            for out in set(target):
                sources.setdefault(out, []).append(chr(source))
        _sources = sources
    return ch + "".join(_sources.get(ch, ()))


def may_fold_to_contain(text: str, term: str) -> bool:
    """False only when ``fold(text)`` certainly does not contain the folded ``term``.

    Every Han character, ASCII letter and digit of the term must come from one of
    its ``sources_of`` in ``text``: one regular-expression scan each, at C speed,
    against ~100 ns a character for folding. Han characters are tried first (rarer).
    """
    patterns = _term_patterns.get(term)
    if patterns is None:
        patterns = _term_patterns[term] = _patterns_of(term)
    return all(pattern.search(text) is not None for pattern in patterns)


def _patterns_of(term: str) -> list[re.Pattern[str]]:
    patterns = []
    for ch in sorted(set(term), key=lambda c: (c.isascii(), term.index(c))):
        pattern = _source_patterns.get(ch, _MISSING)
        if pattern is _MISSING:
            sources = sources_of(ch)
            pattern = None if sources is None else re.compile(
                "[" + "".join(re.escape(c) for c in sources) + "]"
            )
            _source_patterns[ch] = pattern
        if pattern is not None:
            patterns.append(pattern)
    if len(_term_patterns) > 1000:
        _term_patterns.clear()  # terms come from what users type: keep the cache small
    return patterns


_MISSING = re.compile("")


def fold(text: str) -> str:
    """The folded form of ``text`` (see the module docstring); idempotent."""
    tables = _get_tables()
    folded = text.translate(tables.full)
    if JOINS_MARK in folded:
        # Combining marks or jamo: NFKC must see the whole text. Otherwise
        # character-by-character NFKC is exact and the one table did all of it.
        folded = steps(text, tables.invisible, tables.post)
    if "  " in folded:
        folded = _SPACE_RUN.sub(" ", folded)
    return folded


def _is_invisible(ch: str) -> bool:
    cp = ord(ch)
    return unicodedata.category(ch) == "Cf" or any(
        lo <= cp <= hi for lo, hi in VARIATION_SELECTORS
    )


_REFERENCE_T2S: dict[int, str] | None = None


def _reference_fold(text: str) -> str:
    """``fold`` written as its definition, for tests (slow; OpenCC's own t2s)."""
    global _REFERENCE_T2S
    if _REFERENCE_T2S is None:
        _REFERENCE_T2S = fold_tables.t2s_table()
    t2s = _REFERENCE_T2S
    kept = "".join(c for c in text if not _is_invisible(c))
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", kept).lower())
    folded = "".join(post_char(c, t2s) for c in folded)
    return _SPACE_RUN.sub(" ", folded)


def fold_spans(text: str) -> tuple[str, list[int], list[int]]:
    """``fold(text)`` with, per folded character, the original span it came from.

    ``text[starts[i]:ends[i]]`` is what produced folded character i (a run of
    spaces folds to one space whose span is the whole run).
    """
    tables = _get_tables()
    n = len(text)
    marked = text.translate(tables.varlen)
    if VARLEN_MARK not in marked:
        # The common case: every character folds to exactly one character.
        folded = text.translate(tables.full)
        starts, ends = list(range(n)), list(range(1, n + 1))
    else:
        pieces: list[str] = []
        origins: list[int] = []
        limits: list[int] = []
        done = 0
        for match in _VARLEN_RUN.finditer(marked):
            first, stop = match.span()
            if first > done and tables.joins_back.match(text, first):
                first -= 1  # the character a combining mark may join onto
            # Before the run: one folded character per character.
            pieces.append(text[done:first].translate(tables.full))
            origins.extend(range(done, first))
            limits.extend(range(done + 1, first + 1))
            chunk = _fold_clusters(text, first, stop, tables)
            pieces.extend(chunk[0])
            origins.extend(chunk[1])
            limits.extend(chunk[2])
            done = stop
        pieces.append(text[done:].translate(tables.full))
        origins.extend(range(done, n))
        limits.extend(range(done + 1, n + 1))
        folded = "".join(pieces)
        starts, ends = origins, limits
    if "  " in folded:
        for match in reversed(list(_SPACE_RUN.finditer(folded))):
            first, stop = match.span()
            ends[first] = ends[stop - 1]
            del starts[first + 1 : stop], ends[first + 1 : stop]
        folded = _SPACE_RUN.sub(" ", folded)
    return folded, starts, ends


def _fold_clusters(
    text: str, first: int, stop: int, tables: FoldTables
) -> tuple[list[str], list[int], list[int]]:
    """Fold ``text[first:stop]`` with ``fold``'s result; one origin per folded character.

    The slice holds characters that do not fold to exactly one character. A
    cluster is a character plus those that may join onto it (combining marks,
    jamo, and invisible characters, which vanish before NFKC); clusters fold
    independently, and ``first`` starts one (see ``fold_spans``).
    """
    pieces: list[str] = []
    origins: list[int] = []
    limits: list[int] = []
    joins_back = tables.joins_back
    i = first
    while i < stop:
        j = i + 1
        while j < len(text) and joins_back.match(text, j):
            j += 1
        if j == i + 1 and not joins_back.match(text, i):
            piece = tables.full.get(ord(text[i]), text[i])
        else:
            # NOTE: every folded character of a cluster (a letter and its combining
            # marks, a Hangul syllable spelled in jamo) maps to the whole cluster:
            # NFKC cannot say which input character each output came from.
            piece = steps(text[i:j], tables.invisible, tables.post)
        pieces.append(piece)
        origins.extend([i] * len(piece))
        limits.extend([j] * len(piece))
        i = j
    return pieces, origins, limits


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` and, per folded character, the index in ``text`` it came from.

    The folded string is exactly ``fold(text)``: the text is folded cluster by
    cluster (a character plus the combining marks that may compose with it), which
    is where NFKC itself can change across characters.
    """
    folded, starts, _ends = fold_spans(text)
    return folded, starts

"""Folding: the one normal form that both stored text and query terms are compared in.

This module owns the search fold, ``fold`` (and ``fold_spans``/``fold_with_offsets`` for
snippets), and the character
tables behind them. Pure text: it must not import SQL, Qt or other newsreader packages.

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
combining mark or conjoining jamo (see ``_build``); otherwise it runs the steps.

After folding, the only character FTS5 (with our tokenizer options) treats as a
separator is ``' '``; ``tests/test_search_folding.py`` checks that for every code
point against SQLite itself.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from itertools import compress
from operator import ne, or_

import opencc

__all__ = ["OPENCC_VERSION", "UNICODE_VERSION", "fold", "fold_spans", "fold_with_offsets"]

# What folding depends on besides this code (tokens.TOKENS_SIGNATURE records them).
UNICODE_VERSION = unicodedata.unidata_version
OPENCC_VERSION = str(opencc.__version__)

REPLACEMENT = "\ufffd"
# Become U+FFFD: our SP and BREAK tokens (see tokens.py), and the two
# noncharacters FTS5 itself folds to U+FFFD.
_RESERVED = frozenset({0xE000, 0xE001, 0xFFFE, 0xFFFF})

# Every character OpenCC's t2s changes lies in these blocks (CJK Unified Ideographs,
# Extensions A..H, Compatibility Ideographs and their supplement); the folding test
# converts every other code point too and checks that nothing else changes.
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x323AF))

# Code points whose NFKC, lower case or category can need an entry in the tables:
# planes 0 and 1, the CJK compatibility supplement and the tag/variation block of
# plane 14. The folding test scans all of Unicode to check nothing else does.
_SCAN_RANGES = ((0x0000, 0x1FFFF), (0x2F800, 0x2FA1F), (0xE0000, 0xE0FFF))

_SPACE_RUN = re.compile(" {2,}")
# What the fast table gives for a character that needs real NFKC: a reserved
# character, which fold never outputs, so one fast ``in`` finds it.
_JOINS_MARK = "\ue000"
_VARLEN_MARK = "\ue001"
_VARLEN_RUN = re.compile(_VARLEN_MARK + "+")
# Categories whose characters step 4 may change (besides t2s and case fixes).
_SPECIAL_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zs", "Zl", "Zp"})
# Variation selectors (Mongolian, standard, ideographic): invisible like Cf.
_VARIATION_SELECTORS = ((0x180B, 0x180D), (0x180F, 0x180F), (0xFE00, 0xFE0F), (0xE0100, 0xE01EF))


@dataclass(frozen=True)
class _Tables:
    t2s: dict[int, str]
    # Step 1: invisible characters -> deleted.
    invisible: dict[int, None]
    # Step 4: t2s, SQLite case fixes, controls, spaces.
    post: dict[int, str]
    # Steps 1-4 for one character, for every character that changes; _JOINS_MARK
    # for the characters that make per-character NFKC wrong.
    full: dict[int, str]
    # Matches a character a cluster may continue with: one that may join the
    # character before it under NFKC, or an invisible one (deleted before NFKC).
    joins_back: re.Pattern[str]
    # _VARLEN_MARK for every character ``full`` does not map to exactly one character.
    varlen: dict[int, str]


_tables: _Tables | None = None
_lock = threading.Lock()


def _t2s_table() -> dict[int, str]:
    """OpenCC t2s on each CJK code point on its own, as {code point: simplified}."""
    converter = opencc.OpenCC("t2s")
    chars = [chr(cp) for lo, hi in _CJK_RANGES for cp in range(lo, hi + 1)]
    # One call over all characters, one per line: a phrase never spans a newline,
    # so each line is converted on its own (about 50 ms instead of seconds).
    out = converter.convert("\n".join(chars)).split("\n")
    if len(out) != len(chars):  # pragma: no cover - OpenCC changed how it treats newlines
        out = [converter.convert(ch) for ch in chars]
    table = {ord(src): dst for src, dst in zip(chars, out) if len(dst) == 1 and dst != src}
    # Follow chains to their end so that folding twice changes nothing.
    for src, dst in table.items():
        seen = {src}
        while ord(dst) in table and ord(dst) not in seen:
            seen.add(ord(dst))
            dst = table[ord(dst)]
        table[src] = dst
    return table


def _post_char(ch: str, t2s: dict[int, str]) -> str:
    """Step 4 of the definition for one character."""
    cp = ord(ch)
    if cp in t2s:
        return t2s[cp]
    if ch.isspace():
        return " "
    category = unicodedata.category(ch)
    if category == "Cc":
        return " "
    if category == "Cs" or cp in _RESERVED:
        return REPLACEMENT
    folded = ch.casefold()
    # Only the simple (one-character) folds SQLite also makes; Cherokee, whose
    # casefold is upper case, is left alone (SQLite does not fold it either).
    if len(folded) == 1 and folded != ch and folded.lower() == folded:
        return folded
    return ch


def _composition_seconds(decomposing: dict[str, str]) -> set[int]:
    """Characters that canonical composition can merge into the character before."""
    seconds = set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))  # Hangul V, T jamo
    for ch in decomposing:
        decomposition = unicodedata.decomposition(ch)
        if decomposition and not decomposition.startswith("<"):
            parts = decomposition.split()
            if len(parts) == 2:
                seconds.add(int(parts[1], 16))
    return seconds


def _per_char(function: Callable[[str], str], chars: list[str]) -> list[str]:
    """``[function(c) for c in chars]`` in one call; ``chars`` must not contain '\\n'.

    Correct for NFKC/NFKD, lower and casefold: a newline never composes, reorders
    or gives case context, so each line is transformed on its own.
    """
    out = function("\n".join(chars)).split("\n")
    if len(out) != len(chars):  # pragma: no cover - a transform produced a newline
        out = [function(c) for c in chars]
    return out


def _steps(text: str, invisible: dict[int, None], post: dict[int, str]) -> str:
    """Steps 1-4 of the definition."""
    text = unicodedata.normalize("NFKC", text.translate(invisible)).lower()
    return unicodedata.normalize("NFKC", text).translate(post)


def _build() -> _Tables:
    t2s = _t2s_table()
    # Bulk transforms and C-level filters over every scanned code point (about
    # 200k): ~0.1 s, where a Python loop with a few calls per character takes 0.5 s.
    chars = list("".join("".join(map(chr, range(lo, hi + 1))) for lo, hi in _SCAN_RANGES))
    chars.remove("\n")  # the separator of _per_char; folds to " " (set below)
    nfkd = _per_char(lambda s: unicodedata.normalize("NFKD", s), chars)
    lowered = _per_char(str.lower, chars)
    casefolded = _per_char(str.casefold, chars)
    categories = list(map(unicodedata.category, chars))
    special = map(_SPECIAL_CATEGORIES.__contains__, categories)

    invisible: dict[int, None] = dict.fromkeys(
        ord(ch) for ch, category in zip(chars, categories) if category == "Cf"
    )
    for lo, hi in _VARIATION_SELECTORS:
        invisible.update(dict.fromkeys(range(lo, hi + 1)))

    post: dict[int, str] = dict(t2s)
    post[0x0A] = " "
    post_candidates = set(compress(chars, map(or_, special, map(ne, chars, casefolded))))
    post_candidates.update(map(chr, _RESERVED))
    for ch in post_candidates:
        mapped = _post_char(ch, t2s)
        if mapped != ch:
            post[ord(ch)] = mapped

    decomposing = {ch: d for ch, d in zip(chars, nfkd) if ch != d}
    full: dict[int, str] = {0x0A: " "}
    full_candidates = set(decomposing)
    full_candidates.update(compress(chars, map(ne, chars, lowered)))
    full_candidates.update(map(chr, post))
    full_candidates.update(map(chr, invisible))
    for ch in full_candidates:
        if ord(ch) in t2s and ch not in decomposing:
            full[ord(ch)] = t2s[ord(ch)]  # a CJK character has no case
            continue
        whole = _steps(ch, invisible, post)
        if whole != ch:
            full[ord(ch)] = whole

    # NOTE: NFKC of a string equals the NFKC of its characters joined, unless a
    # character's decomposition starts with a combining mark (ccc != 0: it may
    # reorder or compose with what comes before) or with a character that composes
    # with the one before it (Hangul V/T jamo, some Indic vowel signs). Text without
    # such characters takes the one-table fast path of ``fold``.
    joining = set(compress(chars, map(unicodedata.combining, chars)))
    joining.update(map(chr, _composition_seconds(decomposing)))
    joins = {ord(ch) for ch in joining if ch not in decomposing}
    joins.update(ord(ch) for ch, d in decomposing.items() if d[0] in joining)
    full.update(dict.fromkeys(joins, _JOINS_MARK))
    varlen = {cp: _VARLEN_MARK for cp, dst in full.items() if len(dst) != 1 or cp in joins}
    return _Tables(
        t2s=t2s,
        invisible=invisible,
        post=post,
        full=full,
        joins_back=re.compile(_char_class(sorted(joins | set(invisible)))),
        varlen=varlen,
    )


def _char_class(cps: list[int]) -> str:
    parts: list[str] = []
    start = prev = None
    for cp in sorted(cps):
        if prev is not None and cp == prev + 1:
            prev = cp
            continue
        if start is not None:
            parts.append(_range(start, prev))
        start = prev = cp
    if start is not None:
        parts.append(_range(start, prev))
    return "[" + "".join(parts) + "]"


def _range(lo: int, hi: int | None) -> str:
    assert hi is not None
    if lo == hi:
        return re.escape(chr(lo))
    return f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"


def _get_tables() -> _Tables:
    global _tables
    if _tables is None:
        with _lock:
            if _tables is None:
                _tables = _build()
    return _tables


def fold(text: str) -> str:
    """The folded form of ``text`` (see the module docstring); idempotent."""
    tables = _get_tables()
    folded = text.translate(tables.full)
    if _JOINS_MARK in folded:
        # Combining marks or jamo: NFKC must see the whole text. Otherwise
        # character-by-character NFKC is exact and the one table did all of it.
        folded = _steps(text, tables.invisible, tables.post)
    if "  " in folded:
        folded = _SPACE_RUN.sub(" ", folded)
    return folded


def _is_invisible(ch: str) -> bool:
    cp = ord(ch)
    return unicodedata.category(ch) == "Cf" or any(
        lo <= cp <= hi for lo, hi in _VARIATION_SELECTORS
    )


def _reference_fold(text: str) -> str:
    """``fold`` written as its definition, for tests (slow; no tables but t2s)."""
    t2s = _get_tables().t2s
    kept = "".join(c for c in text if not _is_invisible(c))
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", kept).lower())
    folded = "".join(_post_char(c, t2s) for c in folded)
    return _SPACE_RUN.sub(" ", folded)


def fold_spans(text: str) -> tuple[str, list[int], list[int]]:
    """``fold(text)`` with, per folded character, the original span it came from.

    ``text[starts[i]:ends[i]]`` is what produced folded character i (a run of
    spaces folds to one space whose span is the whole run).
    """
    tables = _get_tables()
    n = len(text)
    marked = text.translate(tables.varlen)
    if _VARLEN_MARK not in marked:
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
    text: str, first: int, stop: int, tables: _Tables
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
            piece = _steps(text[i:j], tables.invisible, tables.post)
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

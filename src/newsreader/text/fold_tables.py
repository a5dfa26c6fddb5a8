"""The character tables behind the search fold: computed once, then shipped or cached.

This module owns ``FoldTables`` (what ``folding.fold`` translates with), how they are
computed from Python's Unicode data and OpenCC (``build``, ~0.3 s, which every process
paid on its first fold before), and how a process gets them cheaply (``get``):

1. the tables shipped in the package (``newsreader/data/fold_tables.bin``, written by
   ``packaging/build_fold_tables.py``; a test checks they equal a fresh ``build``),
   used when they were made with this Python's Unicode version;
2. else a copy cached in the user's cache folder by an earlier run;
3. else ``build`` now, and cache the result for the next process.

The file is a zlib-compressed ``marshal`` of plain dicts (~120 KB; loading it takes a
few milliseconds, against ~300 ms to build). NOTE: the shipped tables, not the
installed OpenCC, define the fold: they carry the OpenCC version they came from, and
that version is what ``search.TOKENS_SIGNATURE`` records, so an index never needs a
rebuild because OpenCC was upgraded, and a process that loads them never imports it.

Pure text: must not import SQL, Qt or other newsreader packages.
"""

from __future__ import annotations

import marshal
import os
import re
import tempfile
import threading
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from itertools import compress
from operator import ne, or_
from pathlib import Path

__all__ = ["FoldTables", "build", "get", "load_file", "post_char", "save_file", "steps", "t2s_table"]

FORMAT = "newsreader-fold-tables-1"
SHIPPED = Path(__file__).resolve().parent.parent / "data" / "fold_tables.bin"

REPLACEMENT = "\ufffd"
# Become U+FFFD: our SP and BREAK tokens (see search.tokens), and the two
# noncharacters FTS5 itself folds to U+FFFD.
_RESERVED = frozenset({0xE000, 0xE001, 0xFFFE, 0xFFFF})

# Every character OpenCC's t2s changes lies in these blocks (CJK Unified Ideographs,
# Extensions A..H, Compatibility Ideographs and their supplement); the folding test
# converts every other code point too and checks that nothing else changes.
CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x323AF))

# Code points whose NFKC, lower case or category can need an entry in the tables:
# planes 0 and 1, the CJK compatibility supplement and the tag/variation block of
# plane 14. The folding test scans all of Unicode to check nothing else does.
_SCAN_RANGES = ((0x0000, 0x1FFFF), (0x2F800, 0x2FA1F), (0xE0000, 0xE0FFF))

# What the fast table gives for a character that needs real NFKC: a reserved
# character, which fold never outputs, so one fast ``in`` finds it.
JOINS_MARK = "\ue000"
VARLEN_MARK = "\ue001"
# Categories whose characters step 4 may change (besides t2s and case fixes).
_SPECIAL_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zs", "Zl", "Zp"})
# Variation selectors (Mongolian, standard, ideographic): invisible like Cf.
VARIATION_SELECTORS = ((0x180B, 0x180D), (0x180F, 0x180F), (0xFE00, 0xFE0F), (0xE0100, 0xE01EF))


@dataclass(frozen=True)
class FoldTables:
    """The tables of one Unicode version and one OpenCC t2s table."""

    unicode_version: str
    opencc_version: str
    # Step 1: invisible characters -> deleted.
    invisible: dict[int, None]
    # Step 4: t2s, SQLite case fixes, controls, spaces.
    post: dict[int, str]
    # Steps 1-4 for one character, for every character that changes; JOINS_MARK
    # for the characters that make per-character NFKC wrong.
    full: dict[int, str]
    # VARLEN_MARK for every character ``full`` does not map to exactly one character.
    varlen: dict[int, str]

    @cached_property
    def joins_back(self) -> re.Pattern[str]:
        """Matches a character a cluster may continue with: one that may join the
        character before it under NFKC, or an invisible one (deleted before NFKC)."""
        joins = [cp for cp, dst in self.full.items() if dst == JOINS_MARK]
        return re.compile(_char_class(sorted(set(joins) | set(self.invisible))))

    @cached_property
    def t2s(self) -> dict[int, str]:
        """The t2s part of ``post`` (CJK characters have no case, space or control)."""
        return {
            cp: dst for cp, dst in self.post.items()
            if any(lo <= cp <= hi for lo, hi in CJK_RANGES)
        }


def t2s_table() -> dict[int, str]:
    """OpenCC t2s on each CJK code point on its own, as {code point: simplified}."""
    import opencc

    converter = opencc.OpenCC("t2s")
    chars = [chr(cp) for lo, hi in CJK_RANGES for cp in range(lo, hi + 1)]
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


def post_char(ch: str, t2s: dict[int, str]) -> str:
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


def steps(text: str, invisible: dict[int, None], post: dict[int, str]) -> str:
    """Steps 1-4 of the definition."""
    text = unicodedata.normalize("NFKC", text.translate(invisible)).lower()
    return unicodedata.normalize("NFKC", text).translate(post)


def build() -> FoldTables:
    """Compute the tables from Python's Unicode data and OpenCC (~0.3 s)."""
    import opencc

    t2s = t2s_table()
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
    for lo, hi in VARIATION_SELECTORS:
        invisible.update(dict.fromkeys(range(lo, hi + 1)))

    post: dict[int, str] = dict(t2s)
    post[0x0A] = " "
    post_candidates = set(compress(chars, map(or_, special, map(ne, chars, casefolded))))
    post_candidates.update(map(chr, _RESERVED))
    for ch in post_candidates:
        mapped = post_char(ch, t2s)
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
        whole = steps(ch, invisible, post)
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
    full.update(dict.fromkeys(joins, JOINS_MARK))
    varlen = {cp: VARLEN_MARK for cp, dst in full.items() if len(dst) != 1 or cp in joins}
    return FoldTables(
        unicode_version=unicodedata.unidata_version,
        opencc_version=str(opencc.__version__),
        invisible=invisible,
        post=post,
        full=full,
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


def save_file(tables: FoldTables, path: Path) -> None:
    """Write ``tables`` to ``path`` atomically (a reader never sees half a file)."""
    payload = (
        FORMAT,
        tables.unicode_version,
        tables.opencc_version,
        tables.full,
        tables.post,
        list(tables.invisible),
        tables.varlen,
    )
    data = zlib.compress(marshal.dumps(payload), 9)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def load_file(path: Path) -> FoldTables | None:
    """The tables in ``path`` if it holds tables for this Python's Unicode version."""
    try:
        payload = marshal.loads(zlib.decompress(path.read_bytes()))
        name, unicode_version, opencc_version, full, post, invisible, varlen = payload
    except (OSError, ValueError, EOFError, TypeError, zlib.error):
        return None
    if name != FORMAT or unicode_version != unicodedata.unidata_version:
        return None
    return FoldTables(
        unicode_version=unicode_version,
        opencc_version=opencc_version,
        invisible=dict.fromkeys(invisible),
        post=post,
        full=full,
        varlen=varlen,
    )


def _cache_path() -> Path:
    from platformdirs import user_cache_dir

    name = f"fold-tables-unicode-{unicodedata.unidata_version}.bin"
    return Path(user_cache_dir("newsreader", appauthor=False)) / name


def _load() -> FoldTables:
    tables = load_file(SHIPPED)
    if tables is not None:
        return tables
    cache = _cache_path()
    tables = load_file(cache)
    if tables is not None:
        return tables
    tables = build()
    try:
        save_file(tables, cache)
    except OSError:
        pass  # a read-only or full home: build again next time, still correct
    return tables


_tables: FoldTables | None = None
_lock = threading.Lock()


def get() -> FoldTables:
    """The tables for this process, loaded (or built) on first use."""
    global _tables
    if _tables is None:
        with _lock:
            if _tables is None:
                _tables = _load()
    return _tables

"""Index tokens: how folded text is cut into the tokens the FTS5 table stores.

This module owns the character classes of folded text, the segments a folded
string is made of, and the token strings handed to FTS5 (``index_tokens``,
``index_field``). Pure text: it must not import SQL, Qt or other newsreader
packages.

Character classes (of folded text, see ``folding``):

* LETTER: Latin letters: ASCII ``a-z``, the letters of Latin-1 Supplement
  (U+00C0-U+00FF without ``×`` and ``÷``), Latin Extended-A and -B
  (U+0100-U+024F, pinyin ``ǎ ǚ`` included), IPA Extensions (U+0250-U+02AF, for the
  pinyin ``ɑ ɡ``) and Latin Extended Additional (U+1E00-U+1EFF, Vietnamese).
  Greek, Cyrillic and every other script are CHAR: they match anywhere, like Han.
* DIGIT: ASCII ``0-9`` (full-width and circled digits fold to these).
* SPACE: ``' '`` (fold turns every whitespace run into one space).
* CHAR: everything else: Han, kana, Hangul, punctuation, symbols, marks.

A folded string is a sequence of segments: LETTER runs, DIGIT runs, SPACEs and
CHAR chunks (maximal runs of CHAR), e.g. ``magic5手机 pro`` is ``magic`` ``5``
``手机`` `` `` ``pro``. Index tokens, space-separated:

* a LETTER run or DIGIT run: one token, the whole run;
* a SPACE between two segments: the token SP (U+E000);
* a CHAR chunk c1..cn: the overlapping pairs c1c2, ..., c(n-1)cn, then cn alone:
  n tokens, the i-th one starting with ci;
* parts of one field (body blocks, keywords) are joined by the token BREAK
  (U+E001), so no phrase can span two parts.

Folding maps any real U+E000/U+E001 to U+FFFD, so SP and BREAK never collide
with text. Our FTS5 tokenizer (unicode61 with categories ``L* N* Co M* P* S*``)
splits only at ``' '``, so these tokens reach the index unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from enum import Enum
from operator import add

from newsreader.text.folding import UNICODE_VERSION, fold, opencc_version

__all__ = [
    "BREAK",
    "SP",
    "Kind",
    "index_field",
    "index_tokens",
    "kind_of",
    "tokens_signature",
    "segments",
    "tokens_of_folded",
]

SP = "\ue000"
BREAK = "\ue001"



def tokens_signature() -> str:
    """Changes whenever the tokens of some text could change: a stored index made with
    another signature cannot be updated with FTS5's 'delete' and must be rebuilt.

    (Also the module attribute ``TOKENS_SIGNATURE``, computed when first asked for:
    it names the fold tables' OpenCC version, and loading them at import would cost
    every process that never folds.)
    """
    return f"tokens-1 unicode-{UNICODE_VERSION} opencc-{opencc_version()}"


def __getattr__(name: str) -> str:
    if name == "TOKENS_SIGNATURE":
        return tokens_signature()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

LETTERS = "a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02af\u1e00-\u1eff"
DIGITS = "0-9"


class Kind(Enum):
    """The class of a segment of folded text."""

    LETTER = "letter"
    DIGIT = "digit"
    SPACE = "space"
    CHAR = "char"


_SEGMENT = re.compile(
    f"(?P<letter>[{LETTERS}]+)|(?P<digit>[{DIGITS}]+)|(?P<space> )|(?P<char>[^ {LETTERS}{DIGITS}]+)"
)
# Splits folded text into CHAR chunks (even items) and the runs between them.
_SPLIT = re.compile(f"([{LETTERS}]+|[{DIGITS}]+| )")
_KINDS = {kind.value: kind for kind in Kind}


def kind_of(ch: str) -> Kind:
    """The class of one folded character (the same classes as LETTERS and DIGITS)."""
    if "a" <= ch <= "z" or "\u1e00" <= ch <= "\u1eff":
        return Kind.LETTER
    if "\u00c0" <= ch <= "\u02af":
        return Kind.CHAR if ch in "\u00d7\u00f7" else Kind.LETTER
    if "0" <= ch <= "9":
        return Kind.DIGIT
    if ch == " ":
        return Kind.SPACE
    return Kind.CHAR


def segments(folded: str) -> list[tuple[Kind, str]]:
    """The segments of a folded string, in order."""
    return [(_KINDS[m.lastgroup or ""], m.group()) for m in _SEGMENT.finditer(folded)]


#: Han runs longer than this are paired window by window (same tokens).
_PAIR_WINDOW = 1 << 16


def _chunk_tokens(chunk: str) -> str:
    if len(chunk) == 1:
        return chunk
    if len(chunk) <= _PAIR_WINDOW:
        return " ".join(map(add, chunk, chunk[1:])) + " " + chunk[-1]
    # NOTE: join() holds every pair at once: a 64 MiB line of Han text (22M pairs of
    # ~60 bytes each) took 2.3 GB. Window by window, only one window's pairs live.
    parts = []
    for start in range(0, len(chunk) - 1, _PAIR_WINDOW):
        piece = chunk[start:start + _PAIR_WINDOW + 1]
        parts.append(" ".join(map(add, piece, piece[1:])))
    return " ".join(parts) + " " + chunk[-1]


def tokens_of_folded(folded: str) -> str:
    """The space-joined index tokens of already folded text."""
    folded = folded.strip(" ")
    if not folded:
        return ""
    pieces = _SPLIT.split(folded)
    out: list[str] = []
    # pieces alternate: CHAR chunk (maybe empty), run or space, CHAR chunk, ...
    for i, piece in enumerate(pieces):
        if not piece:
            continue
        if i % 2:
            out.append(SP if piece == " " else piece)
        else:
            out.append(_chunk_tokens(piece))
    return " ".join(out)


def index_tokens(text: str) -> str:
    """The space-joined index tokens of one text (one part of a field)."""
    return tokens_of_folded(fold(text))


def index_field(parts: Sequence[str] | Iterable[str]) -> str:
    """The index tokens of a field made of parts (blocks, keywords), BREAK between parts.

    Parts that hold no token (empty, only spaces) are left out.
    """
    tokens = [t for t in map(index_tokens, parts) if t]
    return f" {BREAK} ".join(tokens)

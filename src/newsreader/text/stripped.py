"""The stripped forms: NFKC with whole character categories deleted.

This module owns ``key_text`` (identity keys) and ``comparison_text`` (the portal
parser's summary-against-article test); see the package docstring for why they
differ from each other and from the search fold. Pure text: must not import SQL,
Qt or other newsreader packages.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache

__all__ = ["comparison_text", "key_text"]


class _DeletingTable(dict[int, int | None]):
    """A ``str.translate`` table that deletes the characters ``drop`` says to.

    Filled lazily: each distinct character is classified once, then looked up at C
    speed.
    """

    def __init__(self, drop: Callable[[str], bool]) -> None:
        super().__init__()
        self._drop = drop

    def __missing__(self, code: int) -> int | None:
        value = None if self._drop(chr(code)) else code
        self[code] = value
        return value


# Whitespace and punctuation never tell two titles apart: portals add and drop them.
_KEY_NOISE = _DeletingTable(
    lambda ch: ch.isspace() or unicodedata.category(ch)[0] in "PZ"
)
# Punctuation, symbols, separators and controls: the portal drops some of them from
# its summaries (`报收于9 2元` for the article's `报收于9.2元`).
_COMPARISON_NOISE = _DeletingTable(lambda ch: unicodedata.category(ch)[0] in "PSZC")


# NOTE: an import meets each headline in ~3 dumps (300k sightings for 100k stories at
# the benchmark's 100k) and keys every sighting: short texts are remembered (57% of
# the calls of a 2,000-dump import found their answer here).
_CACHED_UP_TO = 400


@lru_cache(maxsize=32768)
def _cached_key_text(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_KEY_NOISE)


def key_text(text: str) -> str:
    """NFKC, then drop whitespace and punctuation: what identity keys are made of."""
    if len(text) <= _CACHED_UP_TO:
        return _cached_key_text(text)
    return unicodedata.normalize("NFKC", text).translate(_KEY_NOISE)


def comparison_text(text: str) -> str:
    """NFKC without punctuation, symbols, separators or controls: for telling whether
    one text starts another although the portal dropped some of its punctuation."""
    return unicodedata.normalize("NFKC", text).translate(_COMPARISON_NOISE)

"""The dump-format registry: which format module reads a file, decided by content.

This module owns the list of format modules and the choice among them. A format
module is a sibling module exposing::

    NAME: str                                   # recorded per import (dumps.format)
    def sniff(head: bytes) -> float: ...        # cheap; 0.0 "not mine" .. 1.0 "surely mine"
    def parse(data: bytes) -> ParsedDump: ...   # the whole file; raises DumpError only

``sniff`` sees only the first ``HEAD_BYTES`` of the file, undecoded, and must not
raise. The highest confidence wins; a tie goes to the module listed first. The file
name plays no part: a ``.txt`` holding HTML is HTML. Must not import SQL, Qt or the
store.
"""

from __future__ import annotations

from types import ModuleType

#: How much of a file a format's ``sniff`` sees.
HEAD_BYTES = 64 * 1024


def formats() -> tuple[ModuleType, ...]:
    """The format modules, most specific first; ``portal_text`` (reads any text) last."""
    # NOTE: imported on first use, not with the package: the desktop app loads the
    # domain types (``model``) at start-up but never parses there.
    from newsreader.dumps import html_page, mhtml, portal_text, text_browser

    return (mhtml, html_page, text_browser, portal_text)


def detect(data: bytes) -> ModuleType:
    """The format module that reads ``data``: the most confident ``sniff`` wins."""
    head = data[:HEAD_BYTES]
    best: ModuleType | None = None
    best_confidence = 0.0
    for fmt in formats():
        confidence = float(fmt.sniff(head))
        if best is None or confidence > best_confidence:
            best, best_confidence = fmt, confidence
    assert best is not None  # formats() is never empty
    return best


def names() -> tuple[str, ...]:
    """Every format's ``NAME``, in registry order."""
    return tuple(fmt.NAME for fmt in formats())

"""Dump files in, plain domain types out: the one entry point to every dump format.

This package owns reading dump files: ``parse_dump(bytes) -> ParsedDump``. It
decides the encoding (``encoding``), then hands the text to the first format
module whose ``sniff`` accepts it. It must not import SQL, Qt or the store.

A format module is a sibling module exposing::

    NAME: str
    def sniff(text: str) -> bool: ...              # cheap: "this is my format"
    def parse(text: str, encoding: str) -> ParsedDump: ...

Add new formats (saved HTML pages, other portals' text dumps) to ``_FORMATS``
before ``portal_text``, which accepts any text and so must stay last.
"""

from __future__ import annotations

from types import ModuleType

from newsreader.dumps import encoding, portal_text
from newsreader.dumps.model import (
    Article,
    Block,
    BlockKind,
    DumpError,
    Headline,
    ParsedDump,
    Timestamp,
)

__all__ = [
    "MAX_DUMP_BYTES",
    "Article",
    "Block",
    "BlockKind",
    "DumpError",
    "Headline",
    "ParsedDump",
    "Timestamp",
    "parse_dump",
]

#: Files larger than this (64 MiB) are refused before decoding.
MAX_DUMP_BYTES = 67_108_864

# Most specific first; the catch-all text format last.
_FORMATS: tuple[ModuleType, ...] = (portal_text,)


def parse_dump(data: bytes) -> ParsedDump:
    """Parse one dump file's bytes.

    Raises only :class:`DumpError` (one line, the input's fault): too large, empty,
    binary, or in an encoding we do not read.
    """
    if len(data) > MAX_DUMP_BYTES:
        raise DumpError(
            f"file too large: {len(data):,} bytes (the limit is {MAX_DUMP_BYTES:,} bytes, 64 MiB)"
        )
    text, name = encoding.decode(data)
    for fmt in _FORMATS:
        if fmt.sniff(text):
            return fmt.parse(text, name)
    # Unreachable while portal_text accepts everything; kept so a future reorder
    # fails with a clear message rather than returning None.
    raise DumpError("not a dump format this version reads")

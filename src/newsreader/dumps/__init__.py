"""Dump files in, plain domain types out: the one entry point to every dump format.

This package owns reading dump files: ``parse_dump(bytes) -> ParsedDump``. It
decides the encoding (``encoding``), then hands the text to the first format
module whose ``sniff`` accepts it. It must not import SQL, Qt or the store.

A format module is a sibling module exposing::

    NAME: str
    def sniff(text: str) -> bool: ...              # cheap: "this is my format"
    def parse(text: str, encoding: str) -> ParsedDump: ...

Add new formats (saved HTML pages, other portals' text dumps) to ``_formats()``
before ``portal_text``, which accepts any text and so must stay last.
"""

from __future__ import annotations

from types import ModuleType

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


def _formats() -> tuple[ModuleType, ...]:
    """The format modules, most specific first; the catch-all text format last."""
    # NOTE: imported on first parse, not with the package: the desktop app loads the
    # domain types (``model``) at start-up but never parses there.
    from newsreader.dumps import portal_text

    return (portal_text,)


def parse_dump(data: bytes) -> ParsedDump:
    """Parse one dump file's bytes.

    Raises only :class:`DumpError` (one line, the input's fault): too large, empty,
    binary, or in an encoding we do not read.
    """
    if len(data) > MAX_DUMP_BYTES:
        raise DumpError(
            f"file too large: {len(data):,} bytes (the limit is {MAX_DUMP_BYTES:,} bytes, 64 MiB)"
        )
    from newsreader.dumps import encoding

    text, name = encoding.decode(data)
    for fmt in _formats():
        if fmt.sniff(text):
            return fmt.parse(text, name)
    # Unreachable while portal_text accepts everything; kept so a future reorder
    # fails with a clear message rather than returning None.
    raise DumpError("not a dump format this version reads")

"""Dump files in, plain domain types out: the one entry point to every dump format.

This package owns reading dump files: ``parse_dump(bytes) -> ParsedDump``. The
registry (``registry``) asks every format module how sure it is that the bytes are
its format (``sniff``) and the most confident one parses them; the result names
that format (``ParsedDump.format``). It must not import SQL, Qt or the store.
"""

from __future__ import annotations

from dataclasses import replace

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


def parse_dump(data: bytes) -> ParsedDump:
    """Parse one dump file's bytes, in whatever format the registry recognises.

    Raises only :class:`DumpError` (one line, the input's fault): too large, empty,
    binary, in an encoding we do not read, or not a dump of any format.
    """
    if len(data) > MAX_DUMP_BYTES:
        raise DumpError("dump.too_large", size=len(data), limit=MAX_DUMP_BYTES)
    from newsreader.dumps import registry

    fmt = registry.detect(data)
    parsed: ParsedDump = fmt.parse(data)
    if parsed.format != fmt.NAME:
        parsed = replace(parsed, format=fmt.NAME)
    return parsed

"""Dump files in, plain domain types out: the one entry point to every dump format.

This package owns reading dump files: ``parse_dump(bytes) -> ParsedDump``. The
registry (``registry``) asks every format module how sure it is that the bytes are
its format (``sniff``) and the most confident one parses them; the result names
that format (``ParsedDump.format``). It must not import SQL, Qt or the store.
"""

from __future__ import annotations

from dataclasses import replace

from newsreader.errors import Message
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
    "no_story_reason",
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


#: A dump whose only story has fewer letters and digits than this holds no story:
#: random files of a few bytes decode as text and used to become one-word stories.
MIN_STORY_CHARS = 10


def no_story_reason(parsed: ParsedDump) -> Message | None:
    """Why an importer should refuse ``parsed`` as holding no recognisable story, or None.

    Refused: a lone article with nothing of a story's shape (no headline list, no
    keywords line, no byline) and only a few letters of text. The parser itself
    reads such text (a short test input is fine there); storing it is the question.
    """
    article = parsed.article
    if article is None or parsed.headlines or article.keywords or article.byline:
        return None
    texts = [article.title, *(b.text for b in article.blocks)]
    letters = sum(ch.isalnum() for text in texts for ch in text)
    if letters < MIN_STORY_CHARS:
        return Message("dump.no_story", n=letters, least=MIN_STORY_CHARS)
    return None

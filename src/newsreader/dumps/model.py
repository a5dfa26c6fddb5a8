"""Plain domain types that every dump parser produces.

This module owns the parser's output contract. It must not import SQL, Qt or any
parser module: the store and the UI depend on these types, never on a parser.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from newsreader.errors import CodedError, Message

BlockKind = Literal["paragraph", "heading", "caption"]


class DumpError(CodedError, ValueError):
    """The input is not a dump we can read (codes ``dump.*``); ``str(err)`` is one line
    for the user (see ``newsreader.errors``)."""


@dataclass(frozen=True)
class Block:
    """One block of an article body, in reading order."""

    kind: BlockKind
    text: str


@dataclass(frozen=True)
class Timestamp:
    """A timestamp as the portal printed it.

    ``date`` is None when the text is not a valid date; ``time`` is None when the
    portal gave no usable clock (never invented).
    """

    raw: str
    date: dt.date | None
    time: dt.time | None = None

    @property
    def iso(self) -> str | None:
        """``2023-08-10``, ``2023-08-11T09:15`` or None without a date."""
        if self.date is None:
            return None
        if self.time is None:
            return self.date.isoformat()
        return f"{self.date.isoformat()}T{self.time.strftime('%H:%M')}"


@dataclass(frozen=True)
class Headline:
    """One group of the portal's headline list (sidebar).

    ``position`` is the 0-based index of the group in the dump's list, counting the
    article's own group too.
    """

    title: str
    summary: str | None
    title_truncated: bool
    summary_truncated: bool
    timestamp: Timestamp
    position: int


@dataclass(frozen=True)
class Article:
    """The dump's one full article.

    ``headline`` is the list group that names this article (its title, summary and
    timestamp), or None; then ``title`` comes from the first sentence and
    ``untitled`` is True.
    """

    title: str
    untitled: bool
    byline: str | None
    blocks: tuple[Block, ...]
    keywords: tuple[str, ...]
    headline: Headline | None
    #: The page's own address (``link rel=canonical``, ``og:url``) and site name, for
    #: formats that carry them (saved web pages); None otherwise.
    url: str | None = None
    site: str | None = None


@dataclass(frozen=True)
class ParsedDump:
    """Everything one dump file says.

    ``headlines`` excludes the article's own group (that is ``article.headline``).
    """

    encoding: str
    article: Article | None
    headlines: tuple[Headline, ...]
    orphan_timestamps: int = 0
    warnings: tuple[Message, ...] = field(default_factory=tuple)
    #: The ``NAME`` of the format module that read it (recorded per import).
    format: str = ""

    @property
    def story_count(self) -> int:
        return len(self.headlines) + (1 if self.article is not None else 0)

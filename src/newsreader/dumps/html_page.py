"""Saved web pages ("Web page, complete" or "HTML only"): one page, one story.

This module owns the saved-HTML format: recognising it by content (``sniff``), and
turning a page into a ``ParsedDump`` with one article: decode (``page_encoding``),
parse and make safe (``page_tree``), read headline, date, byline, keywords, address
and site (``page_meta``) and the body (``page_body``). A page carries no headline
list: its lists of other headlines are navigation, not stories. Nothing is fetched
or run. Must not import SQL, Qt or the store.
"""

from __future__ import annotations

import re

from newsreader.dumps import page_body, page_meta, page_tree
from newsreader.dumps.model import Article, Block, DumpError, Headline, ParsedDump, Timestamp
from newsreader.dumps.page_encoding import decode_page
from newsreader.errors import Message

NAME = "html_page"

# Markup that only HTML starts with (after a BOM, whitespace and comments).
_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title"
    rb"|\?xml[^>]*>\s*<!doctype\s+html|\?xml[^>]*>\s*<html)",
    re.IGNORECASE | re.DOTALL,
)
_TAGS = re.compile(rb"<(?:html|head|body|div|p|meta|title|script|table|span|a)[\s>]",
                   re.IGNORECASE)
#: Pages with more tags than this are refused before parsing (see ``parse_page``).
MAX_TAGS = 500_000
# A page needs a headline and at least this much body text to be an article.
_MIN_BODY_CHARS = 20
# A body shorter than this is double-checked without the furniture-by-name rule.
_SHORT_BODY = 200


def sniff(head: bytes) -> float:
    """0.95 for a document that starts as HTML; less for text merely holding tags."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            head = head.decode("utf-16").encode("utf-8", "replace")
        except UnicodeDecodeError:
            return 0.0
    if _START.match(head[:4096]):
        return 0.95
    tags = len(_TAGS.findall(head))
    if tags >= 10 and b"</" in head:
        return 0.6
    return 0.0


def _body(blocks: list[page_tree.TextBlock], headline: str | None,
          furniture: set) -> tuple[Block, ...]:
    container = page_body.choose_container(blocks, furniture)
    if container is None:
        return ()
    return page_body.body_blocks(blocks, container, headline, furniture)


def _chars(blocks: tuple[Block, ...]) -> int:
    return sum(len(b.text) for b in blocks)


def parse(data: bytes) -> ParsedDump:
    """One saved page's bytes -> a dump with one article."""
    return parse_page(data)


def parse_page(data: bytes, *, charset: str | None = None, url: str | None = None) -> ParsedDump:
    """Parse a page; ``charset``/``url`` are what a container (MHTML) says about it."""
    text, encoding = decode_page(data, charset)
    tags = text.count("<")
    if tags > MAX_TAGS:
        # NOTE: the tree costs ~1 KB and the walk ~10 µs a tag: a 64 MiB page of nothing
        # but tags would take minutes and gigabytes. Real article pages have 1-50k tags.
        raise DumpError("dump.page_too_many_elements", n=tags, limit=MAX_TAGS)
    root, truncated = page_tree.parse(text)
    head = page_meta.read_head(root)
    page_tree.clean(root)
    body = root.find("body")
    blocks = page_tree.blocks(body if body is not None else root)
    headline, headline_block = page_meta.find_headline(blocks, head)
    body_blocks = _body(blocks, headline, page_body.furniture_marks(blocks, headline_block))
    if _chars(body_blocks) < _SHORT_BODY:
        # NOTE: furniture is told by class names; should a page name its article
        # container like furniture ("share-body"), read the page without that rule.
        plain = _body(blocks, headline, set())
        if _chars(plain) >= 2 * max(_chars(body_blocks), 1):
            body_blocks = plain
    if not headline or _chars(body_blocks) < _MIN_BODY_CHARS:
        if truncated:
            raise DumpError("dump.page_too_deep", limit=page_tree.MAX_DEPTH)
        raise DumpError("dump.page_no_body" if headline else "dump.page_no_article")
    found = page_meta.find_date(blocks, headline_block, head, url)
    timestamp = (Timestamp(found.raw, found.date, found.time) if found is not None
                 else Timestamp("", None))
    start = headline_block.index if headline_block is not None else 0
    near = blocks[max(0, start - 3): start + 10]
    address = page_meta.find_url(head, url)
    article = Article(
        title=headline,
        untitled=False,
        byline=page_meta.find_byline(near, head),
        blocks=body_blocks,
        keywords=page_meta.find_keywords(head),
        headline=Headline(
            title=headline, summary=None, title_truncated=False, summary_truncated=False,
            timestamp=timestamp, position=0,
        ),
        url=address,
        site=page_meta.find_site(head, headline),
    )
    warnings: tuple[Message, ...] = ()
    if truncated:
        warnings = (Message("dump.page_deep", limit=page_tree.MAX_DEPTH),)
    return ParsedDump(encoding=encoding, article=article, headlines=(), warnings=warnings,
                      format=NAME)

"""A saved page's element tree, made safe, and its text as a reader's blocks.

This module owns parsing page text with lxml (no network, no DTDs, no entities
fetched), removing everything that is not readable text (scripts, styles, frames,
embedded objects, forms' controls, hidden elements; event handlers go with the tree,
they are never run), and cutting the remaining text into blocks: one per run of
inline text between block-level boundaries, each knowing the element that owns it
and how much of it is link text. Walks are iterative (``iterwalk``), never
recursive, so a deeply nested page cannot exhaust the stack. Must not import SQL,
Qt, the store or a format module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree
import lxml.html

# Removed with their contents: never text a reader reads.
_DROP_TAGS = (
    "script", "style", "noscript", "iframe", "frame", "frameset", "object", "embed",
    "applet", "template", "svg", "math", "canvas", "audio", "video", "button", "input",
    "select", "option", "textarea", "link", "meta", "head", "map", "dialog",
)
BLOCK_TAGS = frozenset((
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "h1", "h2",
    "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "td", "th",
    "tbody", "thead", "tfoot", "blockquote", "pre", "figure", "figcaption", "center", "form",
    "fieldset", "address", "hr", "body", "html", "caption", "hgroup", "details", "summary",
    "br", "legend", "menu",
))
HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u3000\xa0\u200b\u200c\u200d\ufeff]+")
# libxml2 stops building the tree below this depth (its own limit; not configurable
# for HTML): what lies deeper is lost, and the page says so in its error log.
MAX_DEPTH = 256
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


@dataclass
class TextBlock:
    """One run of text between block boundaries, in document order."""

    text: str
    owner: lxml.etree._Element  # the innermost block-level element holding the text
    link_chars: int
    index: int
    heading: bool = False
    caption: bool = False


def parse(text: str) -> tuple[lxml.html.HtmlElement, bool]:
    """Parse page text; return ``(root, truncated)`` (truncated: nested beyond MAX_DEPTH)."""
    parser = lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True,
        default_doctype=False,
    )
    # Control characters (and lone surrogates) are not text and not allowed in a tree.
    data = _CONTROLS.sub("", text).encode("utf-8", "replace")
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        root = lxml.html.document_fromstring(b"<html><body></body></html>", parser=parser)
    truncated = any("Excessive depth" in (e.message or "") for e in parser.error_log)
    return root, truncated


def collapse(text: str) -> str:
    """Whitespace (including ideographic and no-break spaces) folded to single spaces."""
    return _SPACES.sub(" ", text).strip()


def clean(root: lxml.html.HtmlElement) -> None:
    """Remove, in place, everything a reader never reads as text."""
    doomed = [el for el in root.iter(*_DROP_TAGS)]
    doomed.extend(
        el for el in root.iter()
        if isinstance(el.tag, str) and (
            el.get("hidden") is not None
            or _HIDDEN_STYLE.search(el.get("style") or "")
        )
    )
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        _drop_keep_tail(el, parent)


def _drop_keep_tail(el: lxml.etree._Element, parent: lxml.etree._Element) -> None:
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def blocks(root: lxml.etree._Element) -> list[TextBlock]:
    """The tree's text as blocks, in document order (iterative walk)."""
    out: list[TextBlock] = []
    parts: list[str] = []
    link_chars = 0
    owners: list[lxml.etree._Element] = []
    in_link = 0
    in_heading = 0
    in_caption = 0

    def flush() -> None:
        nonlocal parts, link_chars
        if parts:
            text = collapse("".join(parts))
            if text and owners:
                out.append(TextBlock(text, owners[-1], min(link_chars, len(text)), len(out),
                                     heading=in_heading > 0, caption=in_caption > 0))
        parts = []
        link_chars = 0

    def add(text: str | None) -> None:
        nonlocal link_chars
        if text:
            parts.append(text)
            if in_link:
                link_chars += len(collapse(text))

    for event, el in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        block = tag in BLOCK_TAGS
        if event == "start":
            if block:
                flush()
                if tag != "br" and tag != "hr":
                    owners.append(el)
            if tag == "a":
                in_link += 1
            if tag in HEADING_TAGS:
                in_heading += 1
            if tag == "figcaption":
                in_caption += 1
            add(el.text)
        else:
            if block:
                flush()
                if tag != "br" and tag != "hr" and owners and owners[-1] is el:
                    owners.pop()
            if tag == "a":
                in_link -= 1
            if tag in HEADING_TAGS:
                in_heading -= 1
            if tag == "figcaption":
                in_caption -= 1
            add(el.tail)
    flush()
    return out

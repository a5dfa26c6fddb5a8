"""What the article pane says about a story: its HTML, and its text for the clipboard.

This module owns turning a ``Story`` into the pane's rich text (title, meta line,
keywords, blocks, the notes for headline-only and untitled stories, search
highlights, and links for http(s) addresses only) and into plain text with a
citation line. Pure functions over records: no widgets. Must not import SQL.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from newsreader.dumps.model import Block
from newsreader.store.records import Story
from newsreader.ui.i18n import Language

# Only web addresses become links; anything else (file:, javascript:, data:) stays text.
_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+")
# A Markdown link some dumps carry: ``[查看原文](https://…)`` shows as its label.
_MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]{1,200})\]\((https?://[^\s()]+)\)")

# Search hits on a light page (the pane passes its palette's colours: see ``colours``).
LIGHT_HIGHLIGHT = ("#ffe08a", "#000000")
# The heading shows at most this many characters; the full title is its tooltip.
TITLE_CAP = 60


def highlight_spans(query: str | None, text: str, field: str = "body") -> list[tuple[int, int]]:
    """Code-point spans of ``text`` (one ``field`` of a story) that ``query`` matches."""
    if not query or not text:
        return []
    try:
        from newsreader.search import highlight_spans as spans

        return [(int(a), int(b)) for a, b in spans(query, text, field=field)]
    except Exception:  # noqa: BLE001 - a highlight must never break reading
        return []


def marked(
    text: str,
    hits: Sequence[tuple[int, int]] = (),
    colours: tuple[str, str] = LIGHT_HIGHLIGHT,
) -> str:
    """``text`` as HTML: escaped, search hits highlighted (``colours``: background and
    text), http(s) addresses and Markdown links to them linked."""
    hits = [(a, b) for a, b in hits if 0 <= a < b <= len(text)]
    links = list(_MARKDOWN_LINK.finditer(text))
    if links:
        out: list[str] = []
        done = 0
        for m in links:
            out.append(_marked_piece(text, done, m.start(), hits, colours))
            label = _marked_piece(text, m.start(1), m.end(1), hits, colours, linkify=False)
            out.append(f'<a href="{html.escape(m.group(2), quote=True)}">{label}</a>')
            done = m.end()
        out.append(_marked_piece(text, done, len(text), hits, colours))
        return "".join(out)
    return _marked_plain(text, hits, colours)


def _marked_piece(
    text: str, start: int, end: int, hits: Sequence[tuple[int, int]],
    colours: tuple[str, str], *, linkify: bool = True,
) -> str:
    """``text[start:end]`` marked, with the hits that fall in it."""
    shifted = [(max(a, start) - start, min(b, end) - start) for a, b in hits
               if a < end and b > start]
    return _marked_plain(text[start:end], shifted, colours, linkify=linkify)


def _marked_plain(
    text: str, hits: Sequence[tuple[int, int]], colours: tuple[str, str], *,
    linkify: bool = True,
) -> str:
    background, foreground = colours
    links = {m.start(): m.end() for m in _URL.finditer(text)} if linkify else {}
    cuts = {0, len(text), *links, *links.values()}
    for a, b in hits:
        cuts.update((a, b))
    points = sorted(cuts)
    out: list[str] = []
    link_end = -1
    for start, end in zip(points, points[1:]):
        if start in links:
            link_end = links[start]
            out.append(f'<a href="{html.escape(text[start:link_end], quote=True)}">')
        piece = html.escape(text[start:end], quote=False)
        if any(a <= start < b for a, b in hits):
            piece = (f'<span style="background-color:{background}; color:{foreground}">'
                     f"{piece}</span>")
        out.append(piece)
        if end == link_end:
            out.append("</a>")
            link_end = -1
    return "".join(out)


def _marked(
    text: str, query: str | None, field: str = "body",
    colours: tuple[str, str] = LIGHT_HIGHLIGHT,
) -> str:
    return marked(text, highlight_spans(query, text, field), colours)


def seen_in(story: Story) -> str:
    dumps = len({s.dump_id for s in story.sources})
    if dumps == 1:
        return QCoreApplication.translate("Article", "seen in 1 dump")
    return QCoreApplication.translate("Article", "seen in {n} dumps").format(n=dumps)


def meta_line(story: Story, language: Language) -> str:
    parts = [story.byline or "", language.date_label(story.published), seen_in(story)]
    return " · ".join(p for p in parts if p)


def address_html(story: Story) -> str:
    """A saved page's site and address; the address opens in the browser only when clicked
    (the view never follows it by itself; see ``ArticleView``)."""
    pieces = [html.escape(story.site)] if story.site else []
    if story.url:
        url = html.escape(story.url, quote=True)
        pieces.append(f'<a href="{url}">{url}</a>')
    return " · ".join(pieces)


def display_title(story: Story) -> str:
    return story.title + ("…" if story.title_truncated else "")


def heading_title(story: Story) -> str:
    """The title as the pane's heading shows it: at most ``TITLE_CAP`` characters."""
    title = display_title(story)
    return title if len(title) <= TITLE_CAP else title[: TITLE_CAP - 1] + "…"


def title_is_capped(story: Story) -> bool:
    return len(display_title(story)) > TITLE_CAP


# NOTE: Qt's rich text takes margins in px only, so they are computed from the font.
STYLE_SHEET = """
h1 { font-size: 1.4em; font-weight: 600; margin-top: 0px; margin-bottom: %(half)dpx; }
h2 { font-size: 1.1em; font-weight: 600; margin-top: %(one)dpx; margin-bottom: %(quarter)dpx; }
p { margin-top: 0px; margin-bottom: %(three_q)dpx; }
.meta { color: %(muted)s; font-size: 0.9em; margin-bottom: %(one)dpx; }
.keywords { color: %(muted)s; font-size: 0.9em; margin-bottom: %(one)dpx; }
.caption { color: %(muted)s; font-size: 0.9em; }
.note { color: %(muted)s; font-style: italic; }
a { color: %(link)s; }
"""


def style_sheet(muted: str, link: str, em_px: int = 16) -> str:
    return STYLE_SHEET % {
        "muted": muted, "link": link, "one": em_px, "three_q": round(em_px * 0.75),
        "half": round(em_px * 0.5), "quarter": round(em_px * 0.25),
    }


def story_html(
    story: Story, language: Language, query: str | None = None,
    colours: tuple[str, str] = LIGHT_HIGHLIGHT, star: str | None = None,
    blocks: Sequence[Block] | None = None, tail: str = "",
) -> str:
    """The article pane's HTML for one story (``star``: the star's colour).

    ``blocks`` replaces the story's own (one page of a very long story) and ``tail``
    is HTML put after them (that page's note)."""
    line = 'style="line-height: 160%;"'
    tight = 'style="line-height: 125%;"'  # headings: a big line gap splits a title in two
    parts = [f'<h1 {tight}>{_marked(heading_title(story), query, "title", colours)}</h1>']
    meta = _marked(meta_line(story, language), query, "byline", colours)
    if story.starred:
        label = html.escape(QCoreApplication.translate("Article", "Starred"))
        colour = f' style="color:{star}"' if star else ""
        meta = f'<span{colour} title="{label}">★</span> ' + meta
    parts.append(f'<p class="meta">{meta}</p>')
    if story.url or story.site:
        parts.append(f'<p class="meta">{address_html(story)}</p>')
    if story.keywords:
        label = html.escape(QCoreApplication.translate("Article", "Keywords:"))
        words = "、".join(story.keywords)  # Chinese keywords take Chinese punctuation
        parts.append(
            f'<p class="keywords">{label} {_marked(words, query, "keywords", colours)}</p>'
        )
    if story.untitled:
        parts.append(
            '<p class="note">'
            + html.escape(
                QCoreApplication.translate(
                    "Article",
                    "No headline was captured for this story; the title is its first sentence.",
                )
            )
            + "</p>"
        )
    if not story.has_body:
        if story.summary:
            summary = story.summary + ("…" if story.summary_truncated else "")
            parts.append(f"<p {line}>{_marked(summary, query, 'summary', colours)}</p>")
            note = QCoreApplication.translate(
                "Article",
                "Only the headline and summary of this story were captured, not its text.",
            )
        else:
            note = QCoreApplication.translate(
                "Article", "Only the headline of this story was captured, not its text."
            )
        parts.append(f'<p class="note">{html.escape(note)}</p>')
    for block in story.blocks if blocks is None else blocks:
        body = _marked(block.text, query, "body", colours)
        if block.kind == "heading":
            parts.append(f"<h2 {tight}>{body}</h2>")
        elif block.kind == "caption":
            parts.append(f'<p class="caption" {line}>{body}</p>')
        else:
            parts.append(f"<p {line}>{body}</p>")
    if tail:
        parts.append(tail)
    return "\n".join(parts)


def story_text(story: Story, language: Language) -> str:
    """The story as plain text, ending with a citation line (title, date, source dumps)."""
    lines = [display_title(story), meta_line(story, language)]
    if story.url or story.site:
        lines.append(" · ".join(p for p in (story.site, story.url) if p))
    if story.keywords:
        label = QCoreApplication.translate("Article", "Keywords:")
        lines.append(label + " " + "、".join(story.keywords))
    lines.append("")
    if not story.has_body and story.summary:
        lines.append(story.summary + ("…" if story.summary_truncated else ""))
        lines.append("")
    for block in story.blocks:
        lines.append(block.text)
        lines.append("")
    sources = "; ".join(dict.fromkeys(s.path for s in story.sources))
    published = (
        story.published.replace("T", " ")
        if story.published
        else QCoreApplication.translate("Article", "undated")
    )
    lines.append(
        QCoreApplication.translate(
            "Article", "Source: “{title}”, {date}, from {sources}"
        ).format(
            title=display_title(story), date=published, sources=sources or "—"
        )
    )
    return "\n".join(lines)

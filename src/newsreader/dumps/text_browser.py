"""Whole pages dumped as text by a text browser (``lynx -dump``, ``w3m -dump``).

This module owns that format: the page's text laid out by the browser, navigation
and all (bulleted link lists, ``[image]`` and form-field marks, wrapped lines). It
is told apart from the portal text format by those marks, and read as one article:
wrapped lines are joined back into paragraphs, the longest run of prose is the body,
and the headline is the title-like line just above it (above the date line, where
there is one). A dump with no such article is rejected with its reason, not stored.
Must not import SQL, Qt or the store.
"""

from __future__ import annotations

import re
import unicodedata

from newsreader.dumps import page_body, page_meta
from newsreader.dumps.encoding import decode
from newsreader.dumps.page_encoding import decode_page
from newsreader.dumps.model import Article, Block, DumpError, Headline, ParsedDump, Timestamp

NAME = "text_browser"

_BULLET = re.compile(r"^\s*(?:[•*+□■◦·o#-]|\[\d+\]|\d+\.)\s")
_MARK = re.compile(r"\[[^\]\n]{0,80}\]")
_PORTAL_STAMP = re.compile(r"^\s*(?:[0-9]{2}年[0-9]{1,2}月[0-9]{1,2}日|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2})"
                           r"\s*[0-9]{1,2}:[0-9]{2}\s*$")
_PROSE_END = "。！？!?；;…”」』"
_PROSE = re.compile(r"[。，；！？、,;!?]")
_MIN_PROSE = 12
_MAX_HEADLINE = 80
_LOOK_BACK = 14
_STOP_WEIGHT = -1000.0
_MIN_RUN = 100.0
# Markup a browser printed as text (a page that escaped its own tags).
_MARKUP = re.compile(r"<[a-z]+[\s>]|\bdata-[a-z0-9]+=|\bclass=\"")
_DATE_LOOK_BACK = 40


def sniff(head: bytes) -> float:
    """0.6 for text full of a text browser's marks (bullets, ``[..]``), 0 otherwise."""
    text = _lenient(head)
    lines = text.splitlines()
    if not lines or "<html" in text[:2000].lower() or "<!doctype" in text[:2000].lower():
        return 0.0
    if sum(1 for line in lines if _PORTAL_STAMP.match(line)) >= 3:
        return 0.0  # a headline list with timestamps: the portal's own format
    bullets = sum(1 for line in lines if _BULLET.match(line))
    marks = sum(1 for line in lines if _MARK.search(line))
    indented = sum(1 for line in lines if line.startswith("   "))
    if bullets >= 8 or (bullets >= 3 and marks >= 2) or (marks >= 3 and indented >= 10):
        return 0.6
    return 0.0


def _lenient(head: bytes) -> str:
    for encoding in ("utf-8", "gb18030"):
        try:
            return head.decode(encoding)
        except UnicodeDecodeError as err:
            if err.start > len(head) - 4:  # a character cut at the end of the head
                return head[: err.start].decode(encoding, "replace")
    return head.decode("utf-8", "replace")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _logical_lines(text: str) -> list[str]:
    """The dump's lines with the browser's wrapping undone (a full-width line continues)."""
    raw = text.split("\n")
    widths = sorted(_width(line.rstrip()) for line in raw if len(line.strip()) > 10)
    if not widths:
        return [line.strip() for line in raw]
    wrap = widths[int(len(widths) * 0.97)] if len(widths) > 20 else widths[-1]
    out: list[str] = []
    joining = False
    for line in raw:
        stripped = line.strip()
        if joining and stripped and not _BULLET.match(line):
            prev = out[-1]
            gap = "" if _cjk_edge(prev[-1:]) or _cjk_edge(stripped[:1]) else " "
            out[-1] = prev + gap + stripped
        else:
            out.append(stripped)
        joining = bool(stripped) and _width(line.rstrip()) >= wrap - 4 and wrap >= 60
    return out


def _cjk_edge(char: str) -> bool:
    return bool(char) and unicodedata.east_asian_width(char) in "WF"


def _weight(line: str) -> float:
    if not line:
        return 0.0
    if page_body.STOP.match(line) and len(line) <= 20:
        return _STOP_WEIGHT  # "related news", "comments": the article ends above
    if _BULLET.match(line) or not _MARK.sub("", line).strip() or _MARKUP.search(line):
        return -10.0
    if page_body.RELATIVE_TIME.search(line) and len(line) <= 30:
        return -40.0
    if _PROSE.search(line) and len(line) >= _MIN_PROSE:
        return float(len(line))
    return -3.0 - len(line) * 0.2


def _decode(data: bytes) -> tuple[str, str]:
    """Strictly as a dump; failing that, as a page (a text browser may cut a character)."""
    try:
        return decode(data)
    except DumpError:
        text, encoding = decode_page(data)
        return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def parse(data: bytes) -> ParsedDump:
    text, encoding = _decode(data)
    lines = _logical_lines(text)
    start, end = _best_run(lines)
    if start is None:
        raise DumpError("dump.text_no_article")
    headline, furniture_end = _headline(lines, start)
    if headline is None:
        raise DumpError("dump.text_no_article")
    date_line = lines[furniture_end]
    blocks: list[Block] = []
    for line in lines[max(start, furniture_end + 1):end]:
        line = _MARK.sub("", line).strip()
        if not line or _BULLET.match(line):
            continue
        if page_body.STOP.match(line) and len(line) <= 20:
            break
        if page_body.is_boilerplate(line):
            continue
        if line == headline:
            continue
        blocks.append(Block("paragraph", line))
    if sum(len(b.text) for b in blocks) < 20:
        raise DumpError("dump.text_no_article")
    found = page_meta.parse_date(date_line) if len(date_line) <= 60 else None
    timestamp = Timestamp(found.raw, found.date, found.time) if found else Timestamp("", None)
    near = [line for line in lines[max(0, start - _LOOK_BACK): start + 3] if line]
    article = Article(
        title=headline,
        untitled=False,
        byline=page_meta.byline_from_lines(near),
        blocks=tuple(blocks),
        keywords=(),
        headline=Headline(
            title=headline, summary=None, title_truncated=False, summary_truncated=False,
            timestamp=timestamp, position=0,
        ),
    )
    return ParsedDump(encoding=encoding, article=article, headlines=(), format=NAME)


def _best_run(lines: list[str]) -> tuple[int | None, int]:
    """The article's lines: in the first stretch between "related"/"comments" headings
    that holds a real run of prose, the run with the most prose for the least furniture.

    NOTE: a page's feed of other articles' summaries can outweigh a short article; the
    heading above such a feed ends the article, so stretches are tried in order.
    """
    cuts = [i for i, line in enumerate(lines) if _weight(line) == _STOP_WEIGHT]
    fallback: tuple[float, int | None, int] = (0.0, None, 0)
    for lo, hi in zip([0, *cuts], [*cuts, len(lines)]):
        score, start, end = _max_run(lines, lo, hi)
        if start is not None and score >= _MIN_RUN:
            return start, end
        if score > fallback[0]:
            fallback = (score, start, end)
    return fallback[1], fallback[2]


def _max_run(lines: list[str], lo: int, hi: int) -> tuple[float, int | None, int]:
    """The maximum-sum run of line weights within ``lines[lo:hi]``."""
    best = 0.0
    best_span: tuple[int | None, int] = (None, 0)
    total = 0.0
    run_start = lo
    for i in range(lo, hi):
        line = lines[i]
        if total <= 0:
            total, run_start = 0.0, i
        total += _weight(line)
        if total > best:
            best, best_span = total, (run_start, i + 1)
    start, end = best_span
    if start is None:
        return 0.0, None, 0
    while start < end and _weight(lines[start]) <= 0:
        start += 1
    return best, start, end


def _headline(lines: list[str], start: int) -> tuple[str | None, int]:
    """The title-like line above the body (above its date line), and where the
    article's furniture ends (the date line, else the headline)."""
    # The date line sits under the headline; share widgets and promotions may stand
    # between it and the body, so look further back for it than for the headline.
    # The run of prose may begin with the headline itself (a question mark is prose).
    window = list(range(min(start + 5, len(lines) - 1), max(-1, start - 1 - _DATE_LOOK_BACK), -1))
    date_at = next(
        (i for i in window if lines[i] and len(lines[i]) <= 60 and page_meta.parse_date(lines[i])),
        None,
    )
    if date_at is not None:
        above = list(range(date_at - 1, max(-1, date_at - 1 - _LOOK_BACK // 2), -1))
    else:
        above = list(range(start, max(-1, start - _LOOK_BACK), -1))
    for i in above:
        line = _MARK.sub("", lines[i]).strip()
        if _looks_like_headline(line):
            return line, (date_at if date_at is not None else i)
    return None, None


def _looks_like_headline(line: str) -> bool:
    if not 5 <= len(line) <= _MAX_HEADLINE or _BULLET.match(line):
        return False
    if line[-1] in "。：:" or any(c in line for c in "<>›[]"):
        return False
    if page_meta.parse_date(line) is not None or page_body.is_boilerplate(line):
        return False
    return sum(1 for c in line if c.isalpha()) >= 4

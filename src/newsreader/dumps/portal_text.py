"""The reference portal's whole-page text dump: one article, then the headline list.

This module owns the rules of that format (issue 2, "The dump format", rules 2-7):
where the headline list starts, how its groups and timestamps read, how the article
splits into byline, paragraphs, headings and captions, and which list group names
the article. Text in (already decoded, ``\\n`` line endings), ``ParsedDump`` out.
It must not import SQL, Qt, the store or another format module.

Layout of a dump, top to bottom (blank lines mean nothing anywhere)::

    [byline]                          optional, rule 3
    article lines                     paragraphs / headings / captions
    [关键词: kw1 kw2 ...]             optional; ends the article body
    title / summary / timestamp       the headline list, rule 2: groups of 1-2
    line / timestamp                  text lines, each closed by a timestamp line,
    timestamp                         and orphan timestamps (no text line before)
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from newsreader.dumps.encoding import decode
from newsreader.dumps.model import Article, Block, BlockKind, Headline, ParsedDump, Timestamp
from newsreader.errors import Message
from newsreader.text import comparison_text

NAME = "portal_text"

# --- timestamps (rules 2, 6) -------------------------------------------------------
_TIMESTAMP = re.compile(
    r"(?:(?P<yy>[0-9]{2})年(?P<m1>[0-9]{1,2})月(?P<d1>[0-9]{1,2})日\s*"
    r"|(?P<yyyy>[0-9]{4})-(?P<m2>[0-9]{1,2})-(?P<d2>[0-9]{1,2})\s+)"
    r"(?P<hh>[0-9]{1,2})[:：](?P<mm>[0-9]{2})"
)
_MAX_TIMESTAMP_LINE = 40  # characters; a timestamp is 16-18, inner spacing aside
_KEYWORDS_PREFIXES = ("关键词:", "关键词：")
_KEYWORD_SEPARATORS = re.compile(r"[\s、,，;；]+")

# --- article blocks (rule 3) -------------------------------------------------------
_BYLINE_MARKERS = ("记者", "通讯员", "编辑", "作者", "来源", "实习生")
_BYLINE_PREFIXES = ("文/", "图/", "文／", "图／")
_MAX_SHORT_LINE = 30  # characters: the limit for bylines and headings
_SENTENCE_END = "。！？!?…；;"
_CLOSERS = "”’\"'」』）)]】》〉〕｝}>"
_OPEN_PARENS = "(（"
_CLOSE_PARENS = ")）"
_FIRST_SENTENCE = re.compile(r"[^。！？!?]+")
_MAX_UNTITLED_TITLE = 40

# --- one-line truncation (rule 4) --------------------------------------------------
# NOTE: the portal cuts summaries at a fixed display width, then drops decimal points
# and narrows some punctuation, so a cut line falls a few columns short of the cut
# width (the reference dump's summaries are 63-66 columns wide). The widest summary
# of the list is the best estimate of that width; a one-line group within
# _WIDTH_TOLERANCE columns of it and without closing punctuation was cut the same way.
_WIDTH_TOLERANCE = 4
# With no two-line group in a list there is no summary to measure; use the reference
# portal's cut width (its widest summary, 66 columns) rather than a guess: a default
# far from it would mark no cut line truncated.
_DEFAULT_SUMMARY_WIDTH = 66
# How many characters of the article text (after byline) rule 5 folds for matching,
# per character of the longest folded summary; folding drops characters, so take more.
_MATCH_WINDOW_FACTOR = 3


#: This format's confidence for any text: it reads anything (at worst as an article
#: only), so it is the fallback every more specific format outranks.
FALLBACK_CONFIDENCE = 0.1


def sniff(head: bytes) -> float:
    """Any text reads as this format: a low, constant confidence (the fallback)."""
    return FALLBACK_CONFIDENCE


def parse(data: bytes) -> ParsedDump:
    """Decode (``encoding.decode``) and parse one dump file of this format."""
    text, name = decode(data)
    return parse_text(text, name)


def parse_text(text: str, encoding: str) -> ParsedDump:
    """Parse a decoded dump (``\\n`` line endings) of this format."""
    lines = [line for line in (raw.strip() for raw in text.split("\n")) if line]
    warnings: list[Message] = []

    keywords_at = next(
        (i for i, line in enumerate(lines) if line.startswith(_KEYWORDS_PREFIXES)), None
    )
    list_floor = 0 if keywords_at is None else keywords_at + 1
    list_start, raw_groups = _find_list(lines, list_floor)

    keywords: tuple[str, ...] = ()
    if keywords_at is None:
        body = lines[:list_start]
    else:
        body = lines[:keywords_at]
        keywords = _split_keywords(lines[keywords_at])
        stray = list_start - list_floor
        if stray:
            warnings.append(Message("dump.stray_lines", n=stray))

    groups, orphans, list_warnings = _read_list(raw_groups)
    warnings.extend(list_warnings)

    article = None
    headlines = groups
    if body:
        byline, blocks = _read_article(body)
        own = _find_own_group(groups, byline, blocks)
        article = Article(
            title=own.title if own is not None else _title_from_text(blocks, byline),
            untitled=own is None,
            byline=byline,
            blocks=blocks,
            keywords=keywords,
            headline=own,
        )
        if own is not None:
            headlines = [g for g in groups if g is not own]
    elif keywords:
        warnings.append(Message("dump.lone_keywords"))

    if orphans:
        warnings.insert(0, Message("dump.orphan_timestamps", n=orphans))
    return ParsedDump(
        encoding=encoding,
        article=article,
        headlines=tuple(headlines),
        orphan_timestamps=orphans,
        warnings=tuple(warnings),
        format=NAME,
    )


# --- the headline list ------------------------------------------------------------


@dataclass(frozen=True)
class _RawStamp:
    raw: str
    date: dt.date | None
    hour: int
    minute: int

    @property
    def clock_ok(self) -> bool:
        return self.hour <= 23 and self.minute <= 59


def _parse_stamp(line: str) -> _RawStamp | None:
    # Cheap rejection first: most lines tested are headlines, not timestamps.
    if len(line) > _MAX_TIMESTAMP_LINE or not "0" <= line[-1] <= "9":
        return None
    m = _TIMESTAMP.fullmatch(line)
    if m is None:
        return None
    if m["yy"] is not None:
        year, month, day = 2000 + int(m["yy"]), int(m["m1"]), int(m["d1"])
    else:
        year, month, day = int(m["yyyy"]), int(m["m2"]), int(m["d2"])
    try:
        date: dt.date | None = dt.date(year, month, day)
    except ValueError:
        date = None
    return _RawStamp(line, date, int(m["hh"]), int(m["mm"]))


def _find_list(
    lines: list[str], floor: int
) -> tuple[int, list[tuple[tuple[str, ...], _RawStamp]]]:
    """Find the longest tail of ``lines[floor:]`` made of groups and orphans.

    Returns the tail's first index and its groups in order, each as (text lines,
    timestamp); an orphan has no text lines. Walking back from the end, each
    timestamp takes up to two text lines before it: taking fewer would leave a text
    line that no timestamp closes, so greedy is also longest.
    """
    groups: list[tuple[tuple[str, ...], _RawStamp]] = []
    i = len(lines) - 1
    while i >= floor:
        stamp = _parse_stamp(lines[i])
        if stamp is None:
            break
        j = i - 1
        while j >= floor and i - 1 - j < 2 and _parse_stamp(lines[j]) is None:
            j -= 1
        groups.append((tuple(lines[j + 1 : i]), stamp))
        i = j
    groups.reverse()
    return i + 1, groups


def _read_list(
    raw_groups: list[tuple[tuple[str, ...], _RawStamp]],
) -> tuple[list[Headline], int, list[Message]]:
    """Turn the raw tail into headlines; return (headlines, orphan count, warnings)."""
    # Rule 6: one impossible clock anywhere in the list (orphans included) means the
    # column is not a clock for any entry of this list.
    clocks_ok = all(stamp.clock_ok for _, stamp in raw_groups)
    summary_widths = [display_width(texts[1]) for texts, _ in raw_groups if len(texts) == 2]
    cut_width = max(summary_widths, default=_DEFAULT_SUMMARY_WIDTH)

    headlines: list[Headline] = []
    orphans = 0
    bad_dates = 0
    for texts, stamp in raw_groups:
        if stamp.date is None:
            bad_dates += 1
        if not texts:
            orphans += 1
            continue
        timestamp = Timestamp(
            raw=stamp.raw,
            date=stamp.date,
            time=dt.time(stamp.hour, stamp.minute) if clocks_ok else None,
        )
        if len(texts) == 2:
            title, summary = texts
            headline = Headline(
                title=title, summary=summary, title_truncated=False, summary_truncated=True,
                timestamp=timestamp, position=len(headlines),
            )
        else:
            (title,) = texts
            truncated = (
                abs(display_width(title) - cut_width) <= _WIDTH_TOLERANCE
                and not ends_with_closing_punctuation(title)
            )
            headline = Headline(
                title=title, summary=None, title_truncated=truncated, summary_truncated=False,
                timestamp=timestamp, position=len(headlines),
            )
        headlines.append(headline)

    warnings: list[Message] = []
    if bad_dates:
        warnings.append(Message("dump.impossible_dates", n=bad_dates))
    return headlines, orphans, warnings


def _split_keywords(line: str) -> tuple[str, ...]:
    rest = line[len(_KEYWORDS_PREFIXES[0]) :]
    return tuple(k for k in _KEYWORD_SEPARATORS.split(rest) if k)


class _WideOnly(dict[int, str | None]):
    """A ``str.translate`` table that keeps East Asian Wide/Fullwidth characters.

    NOTE: filled lazily (one ``unicodedata`` call per distinct character ever seen)
    so that measuring runs at ``str.translate`` speed; a dump import measures every
    headline line.
    """

    def __missing__(self, code: int) -> str | None:
        kept = chr(code) if unicodedata.east_asian_width(chr(code)) in "WF" else None
        self[code] = kept
        return kept


_WIDE_ONLY = _WideOnly()


def display_width(text: str) -> int:
    """Terminal-style display width: East Asian Wide and Fullwidth count 2."""
    return len(text) + len(text.translate(_WIDE_ONLY))


def ends_with_closing_punctuation(line: str) -> bool:
    """True when the line ends a sentence (closing quotes and brackets may follow)."""
    stripped = line.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _SENTENCE_END


# --- the article ------------------------------------------------------------------


def _read_article(body: list[str]) -> tuple[str | None, tuple[Block, ...]]:
    """Split the article lines into (byline, blocks)."""
    byline = None
    # A byline needs body after it: a lone short line is the article itself.
    if len(body) > 1 and _is_byline(body[0]):
        byline, body = body[0], body[1:]
    captions = [_is_caption(line) for line in body]
    # Index of the last line that is not a caption: a heading needs body after it,
    # and captions alone (between heading and paragraph) do not count as body.
    last_text = max((i for i, c in enumerate(captions) if not c), default=-1)
    blocks = []
    for i, line in enumerate(body):
        kind: BlockKind
        if captions[i]:
            kind = "caption"
        elif (
            i < last_text
            and len(line) <= _MAX_SHORT_LINE
            and not ends_with_closing_punctuation(line)
        ):
            kind = "heading"
        else:
            kind = "paragraph"
        blocks.append(Block(kind, line))
    return byline, tuple(blocks)


def _is_byline(line: str) -> bool:
    if len(line) > _MAX_SHORT_LINE:
        return False
    if line.startswith(_BYLINE_PREFIXES):
        return True
    if not any(marker in line for marker in _BYLINE_MARKERS):
        return False
    # NOTE: `（图片来源：网络）` names a source but is a picture caption; a whole
    # line in parentheses about a picture stays a caption even as the first line.
    return not (_is_caption(line) and "图" in line)


def _is_caption(line: str) -> bool:
    """A whole line wrapped in one pair of (full- or half-width) parentheses."""
    if len(line) < 3 or line[0] not in _OPEN_PARENS or line[-1] not in _CLOSE_PARENS:
        return False
    depth = 0
    for i, char in enumerate(line):
        if char in _OPEN_PARENS:
            depth += 1
        elif char in _CLOSE_PARENS:
            depth -= 1
            if depth == 0 and i != len(line) - 1:
                return False  # `(a) and (b)`: the first pair closes early
    return depth == 0 and bool(line[1:-1].strip())


def _title_from_text(blocks: tuple[Block, ...], byline: str | None) -> str:
    """An untitled article's title: its first sentence, cut to a headline's length."""
    source = next((b.text for b in blocks if b.kind != "caption"), None)
    if source is None:
        source = blocks[0].text if blocks else (byline or "")
    sentence = next(
        (s for s in (m.group().strip() for m in _FIRST_SENTENCE.finditer(source)) if s),
        source,
    )
    if len(sentence) > _MAX_UNTITLED_TITLE:
        return sentence[:_MAX_UNTITLED_TITLE] + "…"
    return sentence


# --- the article's own group (rule 5) -------------------------------------------


def _find_own_group(
    groups: list[Headline], byline: str | None, blocks: tuple[Block, ...]
) -> Headline | None:
    """The group whose summary (or only line) is a prefix of byline + article text."""
    candidates = []
    for group in groups:
        folded = comparison_text(group.summary if group.summary is not None else group.title)
        if folded:
            candidates.append((group, folded))
    if not candidates:
        return None
    longest = max(len(folded) for _, folded in candidates)
    # Only the start of the article can match: fold a bounded prefix so huge
    # articles cost no more than small ones.
    window = longest * _MATCH_WINDOW_FACTOR + 64
    lead = [byline] if byline else []
    with_captions = _folded_prefix(lead + [b.text for b in blocks], window)
    # The portal's summary may skip picture captions at the top of the article.
    without_captions = _folded_prefix(
        lead + [b.text for b in blocks if b.kind != "caption"], window
    )
    best: tuple[int, Headline] | None = None
    for group, folded in candidates:
        if with_captions.startswith(folded) or without_captions.startswith(folded):
            if best is None or len(folded) > best[0]:
                best = (len(folded), group)
    return None if best is None else best[1]


def _folded_prefix(parts: list[str], window: int) -> str:
    text = ""
    for part in parts:
        text += part
        if len(text) >= window:
            break
    folded = comparison_text(text[:window])
    if len(text) > window and len(folded) < window // _MATCH_WINDOW_FACTOR:
        folded = comparison_text(text)  # mostly punctuation: fold it all rather than miss a match
    return folded

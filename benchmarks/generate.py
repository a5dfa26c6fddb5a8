"""Deterministic page dumps for the benchmark library, in the portal's format.

Owns planning a library of a given size (which stories exist, which dumps show them), rendering
each dump like the reference dump (one article, then a sidebar of headline groups closed by
timestamps) and writing the dumps with a ``manifest.json``. Story identity follows issue 2
("One story, many sightings"), so the number of story rows an import creates is known exactly.
Must not import ``newsreader`` (the thing being measured) or Qt.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
import json
import multiprocessing
import os
import random
import re
import shutil
import sys
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from benchmarks import GENERATOR_VERSION
from benchmarks.corpus import (
    BYLINE_ROLES, CAPTIONS, GIVEN_NAMES, SURNAMES, Record, TextSource, open_text_source,
)

ARTICLE_SHARE = 0.2  # issue 3: about one story in five has a full body
EXTRA_GROUPS = (9, 19)  # sidebar groups besides the article's own: 10-20 groups in all
# NOTE: the reference dump's summaries and cut one-line headlines are 57-66 display columns
# wide (CJK = 2), so each story gets a fixed cut width in this range.
CUT_WIDTHS = (62, 66)
LEAD_MIN_WIDTH = 80  # the first paragraph alone covers the article's own summary
WINDOW = 40  # repeated headlines come from stories this close in date order
FILES_PER_FOLDER = 1000
GARBLED_SHARE = 0.4
ORPHAN_SHARE = 0.15
BYLINE_SHARE = 0.35
DROP_DECIMALS_SHARE = 0.3
GB18030_SHARE = 0.05
BOM_SHARE = 0.02
CRLF_SHARE = 0.10
FIRST_DAY = dt.date(2018, 1, 1).toordinal()
LAST_DAY = dt.date(2024, 12, 31).toordinal()
# when news is published: few stories at night (cumulative weights: rng.choices is faster so)
_HOURS = range(24)
_HOUR_CUMULATIVE = tuple(itertools.accumulate(
    (1, 1, 2, 2, 2, 3, 5, 9, 13, 15, 15, 14, 12, 12, 13, 14, 14, 13, 12, 11, 10, 8, 5, 3)
))

_PUNCTUATION_AND_SPACE = dict.fromkeys(
    cp for cp in range(sys.maxunicode + 1)
    if chr(cp).isspace() or unicodedata.category(chr(cp))[0] in "PZ"
)
_NOT_WORD_RE = re.compile(r"[\W_]+")
_WHITESPACE_RE = re.compile(r"\s+")
_DECIMAL_POINT_RE = re.compile(r"(?<=\d)\.(?=\d)")
_SENTENCE_END_RE = re.compile(r"(?:[。！？!?…；;]+[”’」』)）\]]*|\s+)$")


# ------------------------------------------------------------------------------ text shaping
def story_key(title: str) -> str:
    """Issue 2's identity of a title: NFKC, then without whitespace, separators and punctuation."""
    return unicodedata.normalize("NFKC", title).translate(_PUNCTUATION_AND_SPACE)


def _loose_key(title: str) -> str:
    # NOTE: new titles must differ even under a coarser rule (case and symbols ignored too), so
    # the story count holds whatever exact normalisation the importer settles on.
    return _NOT_WORD_RE.sub("", unicodedata.normalize("NFKC", title).casefold())


class _WideOnly(dict):
    """A ``str.translate`` table keeping only East Asian Wide/Fullwidth characters.

    NOTE: filled lazily, one ``unicodedata`` call per distinct character, so measuring
    runs at ``str.translate`` speed (widths are the generator's hot spot).
    """

    def __missing__(self, code: int) -> str | None:
        kept = chr(code) if unicodedata.east_asian_width(chr(code)) in "WF" else None
        self[code] = kept
        return kept


_WIDE_ONLY = _WideOnly()


def display_width(text: str) -> int:
    """Terminal columns: East Asian Wide and Fullwidth characters count 2."""
    return len(text) + len(text.translate(_WIDE_ONLY))


def cut_to_width(text: str, width: int) -> str:
    """The portal's cut: at most ``width`` columns, never ending on closing punctuation."""
    total = 0
    for index, char in enumerate(text):
        total += 1 if _WIDE_ONLY[ord(char)] is None else 2
        if total > width:
            text = text[:index]
            break
    while True:
        trimmed = _SENTENCE_END_RE.sub("", text)
        if trimmed == text:
            return text
        text = trimmed


def portal_summary(text: str, width: int, drop_decimals: bool) -> str:
    """A sidebar summary: whitespace removed, maybe ``9.2`` printed as ``9 2``, cut to width."""
    summary = _WHITESPACE_RE.sub("", text[: 3 * width])  # whitespace can't eat two thirds
    if drop_decimals:
        summary = _DECIMAL_POINT_RE.sub(" ", summary)
    return cut_to_width(summary, width)


def _at_least(text: str, width: int) -> bool:
    return len(text) >= width or display_width(text) >= width  # cheap for long paragraphs


def split_lead(paragraphs: tuple[str, ...]) -> tuple[str, tuple[str, ...]] | None:
    """The first paragraph, with following ones joined on until it is long enough, and the rest."""
    if not paragraphs:
        return None
    lead, index = paragraphs[0], 1
    while not _at_least(lead, LEAD_MIN_WIDTH) and index < len(paragraphs):
        lead += paragraphs[index]
        index += 1
    if not _at_least(lead, LEAD_MIN_WIDTH) or lead[0] in "(（" and lead[-1] in ")）":
        return None  # too short for a cut summary, or would read as a caption
    return lead, paragraphs[index:]


# ------------------------------------------------------------------------------ the plan
@dataclass(frozen=True)
class ArticleSpec:
    byline: str | None
    lead: str
    rest: tuple[str, ...] | None  # the corpus's paragraphs after the lead; None: recombine
    shape: tuple[int, ...]  # sentences per paragraph after the lead, when recombined
    recombined: bool


@dataclass
class Plan:
    """Every story (parallel lists indexed by story id) and every dump's groups."""

    seed: int
    stories: int  # story rows after import
    date: list[int]  # proleptic ordinal
    clock: list[int]  # minutes into the day, printed in lists with valid clocks
    garbled: list[int]  # minutes*60+seconds, printed in lists with garbled clocks
    line1: list[str]  # the title as printed
    line2: list[str | None]  # the summary, or None for a one-line group
    group: list[int]  # stories with one identity (title key and date) share a group
    articles: dict[int, ArticleSpec]
    dumps: list[tuple[int, tuple[int, ...]]]  # (article story, other sidebar stories)


class _Planner:
    def __init__(self, text: TextSource, seed: int) -> None:
        self.text = text
        self.rng = random.Random(seed)
        self.plan = Plan(seed, 0, [], [], [], [], [], [], {}, [])
        self.heads: list[str] = []  # start of each group's text, to keep own-group matches unique
        self.groups: dict[tuple[str, int], int] = {}
        self.bodies: dict[int, set[bytes]] = {}  # group -> hashes of its articles' bodies
        self.taken = {_loose_key(r.title) for r in text.records}

    # -- one story
    def _add(self, date: int, clock: int | None, line1: str, line2: str | None,
             article: ArticleSpec | None = None) -> int | None:
        plan, rng = self.plan, self.rng
        line2 = line2 or None  # a cut that left nothing: show the title alone
        key = (story_key(line1), date)
        known = key in self.groups
        group = self.groups.setdefault(key, len(self.groups))
        before = max(1, len(self.bodies.get(group, ()))) if known else 0
        if article is not None:
            bodies = self.bodies.setdefault(group, set())
            body = hashlib.blake2b((article.lead + "\n".join(article.rest or ())).encode()).digest()
            if body in bodies:
                return None  # the same article twice is one story: show it as a headline instead
            bodies.add(body)
        plan.stories += max(1, len(self.bodies.get(group, ()))) - before
        story = len(plan.date)
        plan.date.append(date)
        if clock is None:
            clock = rng.choices(_HOURS, cum_weights=_HOUR_CUMULATIVE)[0] * 60 + rng.randrange(60)
        plan.clock.append(clock)
        plan.garbled.append(rng.randint(15, 40) * 60 + rng.randrange(60))
        plan.line1.append(line1)
        plan.line2.append(line2)
        plan.group.append(group)
        # how the article-title rule sees this group: its summary, or its only line
        self.heads.append(_loose_key(line2 or line1)[:12])
        if article is not None:
            plan.articles[story] = article
        return story

    def _when(self, number: int, record: Record) -> tuple[int, int | None]:
        published = record.published or ""
        try:
            date = dt.date.fromisoformat(published[:10]).toordinal()
        except ValueError:  # undated: spread over 2018-2024, the same day whatever the size
            seed = zlib.crc32(f"{number}\0{record.title}".encode())
            return FIRST_DAY + seed % (LAST_DAY - FIRST_DAY + 1), None
        match = re.match(r"(\d\d):(\d\d)", published[11:])
        if match and int(match[1]) < 24 and int(match[2]) < 60:
            return date, int(match[1]) * 60 + int(match[2])
        return date, None

    def _byline(self) -> str | None:
        rng = self.rng
        if rng.random() >= BYLINE_SHARE:
            return None
        names = [rng.choice(SURNAMES) + "".join(rng.choices(GIVEN_NAMES, k=rng.randint(1, 2)))
                 for _ in range(1 if rng.random() < 0.8 else 2)]
        if rng.random() < 0.1:
            return "文/" + names[0]
        return f"{rng.choice(BYLINE_ROLES)} {' '.join(names)}"

    def _new_lead(self, min_width: int) -> str:
        lead, width = "", 0
        while width < min_width:
            sentence = self.text.sentence(self.rng)
            lead += sentence
            width += display_width(sentence)
        return lead

    def _new_title(self) -> str:
        while True:
            title = self.text.title(self.rng)
            loose = _loose_key(title)
            if loose and loose not in self.taken:
                self.taken.add(loose)
                return title

    def _random_day(self) -> int:
        return self.rng.randint(FIRST_DAY, LAST_DAY)

    def _width(self) -> int:
        return self.rng.randint(*CUT_WIDTHS)

    def _drop(self) -> bool:
        return self.rng.random() < DROP_DECIMALS_SHARE

    # -- kinds of stories
    def add_corpus_article(self, number: int, record: Record) -> bool:
        split = split_lead(record.paragraphs)
        if split is None:
            return False
        lead, rest = split
        spec = ArticleSpec(self._byline(), lead, rest, (), recombined=False)
        summary = portal_summary((spec.byline or "") + lead, self._width(), self._drop())
        date, clock = self._when(number, record)
        return self._add(date, clock, record.title, summary, spec) is not None

    def add_recombined_article(self) -> None:
        spec = ArticleSpec(self._byline(), self._new_lead(LEAD_MIN_WIDTH), None,
                           self.text.paragraph_shape(self.rng)[1:], recombined=True)
        summary = portal_summary((spec.byline or "") + spec.lead, self._width(), self._drop())
        self._add(self._random_day(), None, self._new_title(), summary, spec)

    def add_corpus_headline(self, number: int, record: Record) -> None:
        rng, width = self.rng, self._width()
        date, clock = self._when(number, record)
        one_line_share = 0.25 if record.paragraphs else 0.4
        if rng.random() < one_line_share and display_width(record.title) <= width:
            self._add(date, clock, record.title, None)
            return
        source = " ".join(record.paragraphs[:8])
        if not _at_least(source, width + 8):
            source += self._new_lead(width + 8)
        self._add(date, clock, record.title, portal_summary(source, width, self._drop()))

    def add_recombined_headline(self) -> None:
        rng, width = self.rng, self._width()
        form = rng.random()
        if form < 0.3:  # the portal printed only the start of the story, cut
            while True:
                line = portal_summary(self._new_lead(width + 8), width, self._drop())
                loose = _loose_key(line)
                if loose and loose not in self.taken:
                    self.taken.add(loose)
                    break
            self._add(self._random_day(), None, line, None)
            return
        title = self._new_title()
        if form < 0.45 and display_width(title) <= width:
            self._add(self._random_day(), None, title, None)
            return
        summary = portal_summary(self._new_lead(width + 8), width, self._drop())
        self._add(self._random_day(), None, title, summary)

    # -- which dumps show which stories
    def _clash(self, story: int, article: int, groups: set[int]) -> bool:
        plan = self.plan
        if plan.group[story] in groups:
            return True
        # NOTE: issue 2 names the article by the group whose summary (or only line) starts the
        # article's text; another group starting the same way would make that ambiguous. The
        # first 12 loosely folded characters are compared: stricter than needed, never looser.
        return self.heads[article].startswith(self.heads[story])

    def lay_out_dumps(self) -> None:
        plan, rng = self.plan, self.rng
        order = sorted(range(len(plan.date)), key=lambda s: (plan.date[s], plan.clock[s], s))
        position = {s: p for p, s in enumerate(order)}
        articles = [s for s in order if s in plan.articles]
        headlines = [s for s in order if s not in plan.articles]
        carried: list[int] = []
        for number, article in enumerate(articles):
            groups = {plan.group[article]}
            chosen: list[int] = []
            fresh = carried + headlines[number * len(headlines) // len(articles):
                                        (number + 1) * len(headlines) // len(articles)]
            carried = []
            for story in fresh:  # every headline story is shown at least once
                if self._clash(story, article, groups):
                    carried.append(story)
                else:
                    chosen.append(story)
                    groups.add(plan.group[story])
            wanted = rng.randint(*EXTRA_GROUPS)
            low = max(0, position[article] - WINDOW)
            high = min(len(order), position[article] + WINDOW + 1)
            for _ in range(3 * max(0, wanted - len(chosen))):
                if len(chosen) >= wanted:
                    break
                story = order[rng.randrange(low, high)]
                if story != article and not self._clash(story, article, groups):
                    chosen.append(story)
                    groups.add(plan.group[story])
            rng.shuffle(chosen)
            plan.dumps.append((article, tuple(chosen)))
        for story in carried:  # rare: the last dump clashed; any dump that does not will do
            for number in range(len(plan.dumps) - 1, -1, -1):
                article, chosen = plan.dumps[number]
                groups = {plan.group[s] for s in (article, *chosen)}
                if not self._clash(story, article, groups):
                    plan.dumps[number] = (article, chosen + (story,))
                    break
            else:
                raise AssertionError(f"no dump can show story {story}")


def plan_library(stories: int, seed: int, text: TextSource) -> Plan:
    """Which stories exist and which dumps show them; ``plan.stories == stories`` exactly."""
    if stories < 1:
        raise ValueError("stories must be at least 1")
    planner = _Planner(text, seed)
    plan = planner.plan
    wanted_articles = max(1, round(stories * ARTICLE_SHARE))
    order = list(range(len(text.records)))
    planner.rng.shuffle(order)
    leftovers = []
    # a title with nothing but punctuation would make a story "known by its text": leave it out
    order = [number for number in order if _loose_key(text.records[number].title)]
    for number in order:
        record = text.records[number]
        if not (len(plan.articles) < wanted_articles
                and planner.add_corpus_article(number, record)):
            leftovers.append(number)
    while len(plan.articles) < wanted_articles:
        planner.add_recombined_article()
    for number in leftovers:  # at sizes beyond the corpus, every record is shown
        if plan.stories >= stories:
            break
        planner.add_corpus_headline(number, text.records[number])
    while plan.stories < stories:
        planner.add_recombined_headline()
    assert plan.stories == stories, (plan.stories, stories)
    planner.lay_out_dumps()
    return plan


# ------------------------------------------------------------------------------ rendering
@dataclass(frozen=True)
class DumpStats:
    size: int
    encoding: str
    groups: int
    orphans: int
    garbled: bool
    crlf: bool


def _article_lines(plan: Plan, text: TextSource, story: int, rng: random.Random) -> list[str]:
    spec = plan.articles[story]
    if spec.rest is not None:
        rest = list(spec.rest)
    else:
        body_rng = random.Random(f"{plan.seed}/body/{story}")
        rest = ["".join(text.sentence(body_rng) for _ in range(n)) for n in spec.shape]
    blocks = [spec.lead, *rest]
    if len(blocks) >= 3 and rng.random() < (0.5 if spec.recombined else 0.25):
        # a heading is a short line before more of the body, never two in a row
        count = rng.randint(1, min(3, len(blocks) - 1))
        for at in sorted(rng.sample(range(1, len(blocks)), count), reverse=True):
            blocks.insert(at, text.heading(rng))
    if len(blocks) >= 2 and rng.random() < 0.25:
        blocks.insert(rng.randrange(1, len(blocks)), rng.choice(CAPTIONS))
    keywords = ""
    if rng.random() < 0.6:
        keywords = rng.choice((" ", "、", ",", "，")).join(text.keywords(rng))
    colon = "：" if rng.random() < 0.2 else ":"
    return ([spec.byline] if spec.byline else []) + blocks + [f"关键词{colon}{keywords}"]


@functools.cache
def _day_text(ordinal: int) -> tuple[str, str]:
    day = dt.date.fromordinal(ordinal)
    return f"{day.year % 100:02d}年{day.month:02d}月{day.day:02d}日", day.isoformat()


def render_dump(plan: Plan, text: TextSource, number: int) -> tuple[bytes, DumpStats]:
    """One dump's bytes: the same for the same plan and number, whatever the process."""
    rng = random.Random(f"{plan.seed}/dump/{number}")
    article, others = plan.dumps[number]
    lines = _article_lines(plan, text, article, rng)
    groups = (article, *others)
    garbled = rng.random() < GARBLED_SHARE
    # a list reads as garbled only when some "hour" is impossible; otherwise print real clocks
    garbled = garbled and any(plan.garbled[s] >= 24 * 60 for s in groups)
    for story in groups:
        lines.append(plan.line1[story])
        if plan.line2[story] is not None:
            lines.append(plan.line2[story])
        clock = plan.garbled[story] if garbled else plan.clock[story]
        lines.append(f"{_day_text(plan.date[story])[0]} {clock // 60:02d}:{clock % 60:02d}")
    orphans = rng.randint(1, 6) if rng.random() < ORPHAN_SHARE else 0
    if orphans:
        day, at = _day_text(plan.date[article])[1], rng.randrange(20, 24 * 60 - 20)
        lines += [f"{day} {(m := at + rng.randint(-10, 10)) // 60:02d}:{m % 60:02d}"
                  for _ in range(orphans)]
    crlf = rng.random() < CRLF_SHARE
    content = ("\r\n" if crlf else "\n").join(lines)
    if rng.random() < 0.7:
        content += "\r\n" if crlf else "\n"
    roll = rng.random()
    encoding = "utf-8"
    if roll < GB18030_SHARE:
        encoding = "gb18030"
    elif roll < GB18030_SHARE + BOM_SHARE:
        encoding = "utf-8-sig"
    try:
        data = content.encode(encoding)
    except UnicodeEncodeError:
        encoding, data = "utf-8", content.encode("utf-8")
    return data, DumpStats(len(data), encoding, len(groups), orphans, garbled, crlf)


# ------------------------------------------------------------------------------ writing
def dump_path(root: Path, number: int, total: int) -> Path:
    """``dumps/000/000123.txt``: fixed-width names sort in dump order."""
    digits = max(6, len(str(max(0, total - 1))))
    folder = str(number // FILES_PER_FOLDER).zfill(digits - 3)
    return root / "dumps" / folder / f"{number:0{digits}d}.txt"


_WORK: tuple[Plan, TextSource, Path] | None = None  # set before forking: workers inherit it


def _write_folder(first: int) -> list[DumpStats]:
    assert _WORK is not None
    plan, text, root = _WORK
    stats = []
    last = min(first + FILES_PER_FOLDER, len(plan.dumps))
    dump_path(root, first, len(plan.dumps)).parent.mkdir(parents=True, exist_ok=True)
    for number in range(first, last):
        data, stat = render_dump(plan, text, number)
        dump_path(root, number, len(plan.dumps)).write_bytes(data)
        stats.append(stat)
    return stats


def _prepare_out(out: Path) -> None:
    if out.exists() and any(out.iterdir()):
        if not (out / "manifest.json").is_file():
            raise FileExistsError(f"{out} is not empty and holds no generated library; "
                                  "refusing to overwrite it")
        (out / "manifest.json").unlink()
        shutil.rmtree(out / "dumps", ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        for chunk in iter(lambda: data.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def generate(out: Path, stories: int, seed: int = 1, corpus: Path | None = None,
             jobs: int | None = None) -> dict:
    """Write the library under ``out`` (``dumps/`` and ``manifest.json``); return the manifest."""
    global _WORK
    text = open_text_source(corpus)
    plan = plan_library(stories, seed, text)
    _prepare_out(out)
    jobs = jobs or min(2, os.cpu_count() or 1)
    folders = range(0, len(plan.dumps), FILES_PER_FOLDER)
    _WORK = (plan, text, out)
    try:
        if jobs > 1 and len(folders) > 1 and "fork" in multiprocessing.get_all_start_methods():
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                results = pool.map(_write_folder, folders, chunksize=1)
        else:
            results = [_write_folder(first) for first in folders]
    finally:
        _WORK = None
    stats = [stat for folder in results for stat in folder]
    manifest = {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "stories_expected": plan.stories,
        "corpus": "synthetic" if text.label == "synthetic" else str(Path(text.label).resolve()),
        "corpus_sha256": None if text.label == "synthetic" else _file_sha256(Path(text.label)),
        "dumps": len(stats),
        "bytes": sum(s.size for s in stats),
        "articles": len(plan.articles),
        "headline_groups": sum(s.groups for s in stats),
        "headline_stories": plan.stories - len(plan.articles),
        "orphan_timestamps": sum(s.orphans for s in stats),
        "garbled_lists": sum(s.garbled for s in stats),
        "crlf_dumps": sum(s.crlf for s in stats),
        "encodings": dict(sorted(Counter(s.encoding for s in stats).items())),
        "layout": "dumps/<folder>/<number>.txt, 1000 per folder, in date order",
    }
    temporary = out / "manifest.json.tmp"
    temporary.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    temporary.replace(out / "manifest.json")  # written last: its presence means complete
    return manifest


def read_manifest(out: Path) -> dict | None:
    try:
        return json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def ensure_library(out: Path, stories: int, seed: int = 1, corpus: Path | None = None,
                   jobs: int | None = None) -> tuple[dict, bool]:
    """The cached library at ``out`` when it matches these settings, else a fresh one.

    Returns the manifest and whether it was generated now (for the harness's cache).
    """
    manifest = read_manifest(out)
    use_corpus = corpus is not None and corpus.is_file()
    if manifest and (
        manifest.get("generator_version") == GENERATOR_VERSION
        and manifest.get("seed") == seed
        and manifest.get("stories_expected") == stories
        and manifest.get("corpus_sha256") == (_file_sha256(corpus) if use_corpus else None)
    ):
        return manifest, False
    return generate(out, stories, seed, corpus, jobs), True

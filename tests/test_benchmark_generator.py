"""The benchmark library generator: same bytes per seed, exact story count, the portal's format.

Dumps are read back with a small reader written here from issue 2's rules (independent of the
generator's own bookkeeping) and, once it exists, with ``newsreader.dumps.parse_dump``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks import generate as generator
from benchmarks import textstats


_LIST_STAMP = re.compile(r"^(\d\d)年(\d\d)月(\d\d)日 (\d\d):(\d\d)$")
_ORPHAN_STAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d$")
_ENDERS = "。！？!?…；;"
_CLOSERS = "”’」』)）]"


def _norm(text: str) -> str:
    """Issue 2: NFKC, then whitespace and punctuation removed."""
    return "".join(
        c for c in unicodedata.normalize("NFKC", text)
        if not c.isspace() and not unicodedata.category(c).startswith("P")
    )


def _ends_a_sentence(line: str) -> bool:
    stripped = line.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _ENDERS


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@dataclass
class Group:
    lines: list[str]
    stamp: str
    date: dt.date


@dataclass
class Dump:
    encoding: str
    crlf: bool
    article: list[str]  # every line before the keywords line
    groups: list[Group]
    orphans: int
    garbled: bool


def _read(path: Path) -> Dump:
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        encoding, text = "utf-8-sig", data[3:].decode("utf-8")
    else:
        try:
            encoding, text = "utf-8", data.decode("utf-8")
        except UnicodeDecodeError:
            encoding, text = "gb18030", data.decode("gb18030")
    lines = text.splitlines()
    keywords = next(i for i, line in enumerate(lines) if line.startswith(("关键词:", "关键词：")))
    groups, pending, orphans = [], [], 0
    for line in lines[keywords + 1:]:
        match = _LIST_STAMP.match(line)
        if match:
            assert 1 <= len(pending) <= 2, (path, pending)
            date = dt.date(2000 + int(match[1]), int(match[2]), int(match[3]))
            groups.append(Group(pending, line, date))
            pending = []
        elif _ORPHAN_STAMP.match(line):
            assert not pending, (path, line)
            orphans += 1
        else:
            assert not orphans, f"{path}: text after an orphan timestamp"
            pending.append(line)
    assert not pending, f"{path}: the list does not end with a timestamp"
    garbled = any(int(g.stamp[-5:-3]) >= 24 for g in groups)
    return Dump(encoding, b"\r\n" in data, lines[:keywords], groups, orphans, garbled)


def _article_text(article: list[str]) -> str:
    return _norm("".join(article))


def _count_stories(dumps: list[Dump]) -> int:
    """Issue 2's merge rules: one story per (title, date), split only by differing bodies."""
    bodies: dict[tuple[str, dt.date], set[str]] = defaultdict(set)
    for dump in dumps:
        text = _article_text(dump.article)
        own = [g for g in dump.groups if len(g.lines) == 2 and text.startswith(_norm(g.lines[1]))]
        assert len(own) == 1 and own[0] is dump.groups[0], "the article's own group must be first"
        for index, group in enumerate(dump.groups):
            key = (_norm(group.lines[0]), group.date)
            bodies[key]  # a headline sighting: the story exists
            if index == 0:
                bodies[key].add(text)
    return sum(max(1, len(found)) for found in bodies.values())


def _library(root: Path) -> list[Dump]:
    return [_read(path) for path in sorted((root / "dumps").rglob("*.txt"))]


def _digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("synthetic")
    manifest = generator.generate(root, 3000, seed=7, corpus=None, jobs=1)
    return root, manifest


def test_same_seed_and_size_give_the_same_bytes_whatever_the_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(generator, "FILES_PER_FOLDER", 40)  # several folders: the pool is used
    one = generator.generate(tmp_path / "one", 1200, seed=3, jobs=1)
    two = generator.generate(tmp_path / "two", 1200, seed=3, jobs=2)
    generator.generate(tmp_path / "other", 1200, seed=4, jobs=1)
    assert one == two
    assert _digest(tmp_path / "one") == _digest(tmp_path / "two")
    assert _digest(tmp_path / "one") != _digest(tmp_path / "other")
    assert len(list((tmp_path / "one" / "dumps").iterdir())) == -(-one["dumps"] // 40) > 1


def test_the_import_would_create_exactly_the_requested_stories(
    synthetic: tuple[Path, dict],
) -> None:
    root, manifest = synthetic
    dumps = _library(root)
    assert manifest["stories_expected"] == 3000
    assert _count_stories(dumps) == 3000
    assert manifest["articles"] == len(dumps) == manifest["dumps"] == 600
    groups = sum(len(d.groups) for d in dumps)
    assert manifest["headline_groups"] == groups
    assert groups > 3000 * 1.5, "sidebars overlap: far more groups than stories"
    assert manifest["bytes"] == sum(p.stat().st_size for p in (root / "dumps").rglob("*.txt"))


def test_dumps_have_the_reference_format_and_its_variety(synthetic: tuple[Path, dict]) -> None:
    root, manifest = synthetic
    dumps = _library(root)
    assert all(10 <= len(d.groups) <= 20 for d in dumps)
    encodings = Counter(d.encoding for d in dumps)
    assert encodings["gb18030"] > 0 and encodings["utf-8-sig"] > 0 and encodings["utf-8"] > 0
    assert dict(sorted(encodings.items())) == manifest["encodings"]
    assert 0 < sum(d.crlf for d in dumps) == manifest["crlf_dumps"]
    garbled = sum(d.garbled for d in dumps)
    assert 0.25 * len(dumps) < garbled == manifest["garbled_lists"] < 0.55 * len(dumps)
    assert 0 < sum(d.orphans for d in dumps) == manifest["orphan_timestamps"]
    summaries = [g.lines[1] for d in dumps for g in d.groups if len(g.lines) == 2]
    assert all(_width(s) <= 66 and not _ends_a_sentence(s) for s in summaries)
    assert any(re.search(r"\d \d", s) for s in summaries), "the portal drops decimal points"
    assert sum(len(g.lines) == 1 for d in dumps for g in d.groups) > 0.2 * len(summaries)
    articles = [d.article for d in dumps]
    assert any(re.fullmatch(r"(本报|实习)?记者 .+|文/.+|通讯员 .+|实习生 .+|编辑 .+", a[0]) for a in articles)
    assert any(line in generator.CAPTIONS for a in articles for line in a)
    # the dumps sort by name in date order (the article's own group carries its date)
    dates = [d.groups[0].date for d in dumps]
    assert dates == sorted(dates)


def test_the_manifest_says_synthetic_and_the_output_is_reused(synthetic: tuple[Path, dict]) -> None:
    root, manifest = synthetic
    assert manifest["corpus"] == "synthetic" and manifest["corpus_sha256"] is None
    assert json.loads((root / "manifest.json").read_text(encoding="utf-8")) == manifest
    again, generated = generator.ensure_library(root, 3000, seed=7)
    assert again == manifest and not generated


def test_generate_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        generator.generate(tmp_path, 50)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


@given(st.text(), st.integers(min_value=2, max_value=80))
def test_the_portal_cut_fits_and_never_ends_a_sentence(text: str, width: int) -> None:
    cut = generator.cut_to_width(text, width)
    assert text.startswith(cut)
    assert _width(cut) <= width
    if cut != text:
        assert not _ends_a_sentence(cut) and not cut[-1:].isspace()


def test_parse_dump_agrees_with_the_story_count(synthetic: tuple[Path, dict]) -> None:
    dumps_module = pytest.importorskip("newsreader.dumps")
    parse_dump = getattr(dumps_module, "parse_dump", None)
    if parse_dump is None:
        pytest.skip("newsreader.dumps.parse_dump does not exist yet")
    root, manifest = synthetic
    bodies: dict[tuple[str, str | None], set[tuple]] = defaultdict(set)
    for path in sorted((root / "dumps").rglob("*.txt")):
        parsed = parse_dump(path.read_bytes())
        assert parsed.article is not None and not parsed.article.untitled, path
        own = parsed.article.headline
        bodies[(_norm(parsed.article.title), own.timestamp.date)].add(parsed.article.blocks)
        for headline in parsed.headlines:
            bodies[(_norm(headline.title), headline.timestamp.date)]
    assert sum(max(1, len(found)) for found in bodies.values()) == manifest["stories_expected"]


@pytest.mark.corpus
@pytest.mark.slow
def test_real_news_library_counts_exactly_and_reads_like_the_corpus(
    tmp_path: Path, corpus_path: Path
) -> None:
    manifest = generator.generate(tmp_path, 4000, seed=1, corpus=corpus_path)
    assert manifest["corpus"] == str(corpus_path.resolve()) and manifest["corpus_sha256"]
    assert _count_stories(_library(tmp_path)) == manifest["stories_expected"] == 4000
    report = textstats.compare_library(tmp_path, corpus_path, max_files=800)
    assert report.whole.chars < 0.1, textstats.format_report(report)
    assert report.articles.chars < 0.05, textstats.format_report(report)

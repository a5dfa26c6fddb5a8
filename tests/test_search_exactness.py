"""Exactness: the FTS5 index finds exactly what the brute-force rule finds.

Stories are indexed with ``index_field`` into a real FTS5 table built with the
store's options and queried with ``to_fts_match``; the oracle is
``matching.matches`` over the same stories. Also: the matching rule itself,
occurrence counts and snippets.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import sqlite3
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import opencc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsreader.search import (
    FoldedFields,
    fold,
    fold_fields,
    index_field,
    matches,
    occurrences,
    parse_query,
    snippet,
    story_snippet,
    term_occurrences,
    title_matches,
    to_fts_match,
    to_fts_title_match,
)

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "combined.jsonl.gz"
COLUMNS = ("title", "byline", "keywords", "summary", "body")
CREATE = (
    "CREATE VIRTUAL TABLE s USING fts5(title, byline, keywords, summary, body, "
    "tokenize = \"unicode61 remove_diacritics 0 categories 'L* N* Co M* P* S*'\", "
    "prefix = '1', content = '', columnsize = 0, detail = full)"
)
Story = Mapping[str, Any]


def _parts(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


class Index:
    """Stories in a real in-memory FTS5 table, next to their folded fields."""

    def __init__(self) -> None:
        self.conn = sqlite3.connect(":memory:")
        self.conn.execute(CREATE)
        self.folded: dict[int, FoldedFields] = {}

    def add(self, rowid: int, story: Story) -> None:
        row = [index_field(_parts(story.get(name))) for name in COLUMNS]
        self.conn.execute(
            "INSERT INTO s (rowid, title, byline, keywords, summary, body) VALUES (?, ?, ?, ?, ?, ?)",
            (rowid, *row),
        )
        self.folded[rowid] = fold_fields(story)

    def fts(self, q: str, *, title: bool = False) -> set[int] | None:
        query = parse_query(q)
        match = to_fts_title_match(query) if title else to_fts_match(query)
        if match is None:
            return None
        return {r for (r,) in self.conn.execute("SELECT rowid FROM s WHERE s MATCH ?", (match,))}

    def oracle(self, q: str, *, title: bool = False) -> set[int]:
        query = parse_query(q)
        test = title_matches if title else matches
        return {rowid for rowid, folded in self.folded.items() if test(query, folded)}


STORIES: dict[int, Story] = {
    1: {"title": "孤困儿童得到保障", "body": ["本报讯 民政部门发布新规。", "MagicOS 8 发布，Magic5 手机降价"]},
    2: {"title": "股票 301301 上涨", "body": ["代码301601的公司", "11月报告"]},
    3: {"title": "1月新闻", "body": ["ＭａｇｉｃＯＳ的全角写法，标点"]},
    4: {"title": "臺灣資料庫", "byline": "記者 王小明", "keywords": ["資料", "臺灣"],
        "summary": "繁體摘要"},
    5: {"title": "台湾资料", "body": ["简体正文 儿", "童话"]},
    6: {"title": "spaces", "body": ["社会  保障\u3000体系", "a b\nc"], "keywords": []},
    7: {"title": "儿童", "body": [], "byline": None, "summary": None},
    8: {"title": "x:y title: NEAR(a) \"q\"", "body": ["C++ 和 C# 以及 *星号* ^"]},
}


@pytest.fixture(scope="module")
def index() -> Iterator[Index]:
    idx = Index()
    for rowid, story in STORIES.items():
        idx.add(rowid, story)
    yield idx
    idx.conn.close()


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("童", {1, 5, 7}),
        ("儿童", {1, 7}),  # story 5 has 儿 and 童 in two blocks
        ("孤困儿童", {1}),
        ("困儿", {1}),
        ("Magic", {1, 3}),
        ("magic5", {1}),
        ("5", {1}),
        ("8", {1}),
        ("301", {2}),
        ("301301", {2}),
        ("os", set()),
        ("agic", set()),
        ("1月", {3}),
        ("11月", {2}),
        ("601", set()),
        ("01", set()),
        ("ＭａｇｉｃＯＳ", {1, 3}),
        ("MAGICOS的", {3}),
        ("，", {1, 3}),
        (",", {1, 3}),
        ("臺灣", {4, 5}),
        ("台湾", {4, 5}),
        ("資料", {4, 5}),
        ("资料", {4, 5}),
        ("料台", set()),  # two keywords: no match across them
        ("王小明", {4}),
        ("记者", {4}),
        ("繁体", {4}),
        ('"社会 保障 体系"', {6}),
        ("社会保障", set()),
        ('"b c"', {6}),
        ('"a b c"', {6}),
        ("儿 童", {1, 5, 7}),
        ('"儿 童"', set()),
        ("title:儿童", {1, 7}),
        ("title:资料", {4, 5}),
        ("title:发布", set()),
        ('title:"股票 301"', {2}),
        ("儿童 -保障", {7}),
        ("-保障 儿童", {7}),
        ("儿童 -title:保障", {7}),
        ("Magic OR 臺灣", {1, 3, 4, 5}),
        ("童 资料 OR 1月", {5}),
        ("x:y", {8}),
        ("title:", {8}),
        ("near(a)", {8}),
        ('"q"', {8}),  # the quotes are syntax: this is the term q
        ("\uff02q\uff02", {8}),  # full-width quotes fold to the literal "
        ("c++", {8}),
        ("c#", {8}),
        ("*星号*", {8}),
        ("^", {8}),
        ("", None),
        ("-儿童", None),
    ],
)
def test_rules_on_hand_written_stories(index: Index, q: str, expected: set[int] | None) -> None:
    found = index.fts(q)
    assert found == expected
    if expected is not None:
        assert index.oracle(q) == expected


def test_title_matches_tier(index: Index) -> None:
    for q in ("儿童", "儿童 保障", "资料", "magic", "儿童 OR 资料", "title:儿童", "儿童 -孤困"):
        assert index.fts(q, title=True) == index.oracle(q, title=True)
    assert index.oracle("儿童 保障", title=True) == {1}
    assert index.oracle("儿童 -孤困", title=True) == {7}


@pytest.mark.parametrize(
    ("term", "text", "spans"),
    [
        ("magic", "magicos magic5 xmagic", [(0, 5), (8, 13)]),
        ("5", "magic5 15 5", [(5, 6), (10, 11)]),
        ("301", "301301 301601", [(0, 3), (7, 10)]),
        ("601", "301601", []),
        ("1月", "11月 1月", [(4, 6)]),
        ("哈哈", "哈哈哈哈哈", [(0, 2), (2, 4)]),  # left to right, no overlap
        ("童", "儿童童", [(1, 2), (2, 3)]),
        ("é", "éé é", [(0, 1), (3, 4)]),
    ],
)
def test_term_occurrences(term: str, text: str, spans: list[tuple[int, int]]) -> None:
    assert term_occurrences(term, text) == spans


def test_occurrences_count_every_positive_term() -> None:
    story = {"title": "儿童节", "body": ["儿童 儿童", "保障儿童"], "keywords": ["儿童"]}
    assert occurrences(parse_query("儿童"), story) == 5
    assert occurrences(parse_query("儿童 保障 -节日"), story) == 6
    assert occurrences(parse_query("title:儿童"), story) == 1
    assert occurrences(parse_query("儿童 OR 保障"), story) == 6
    assert occurrences(parse_query(""), story) == 0


# --- snippets --------------------------------------------------------------------


def test_snippet_marks_matches_in_the_original_text() -> None:
    text = "据报道，ＭａｇｉｃＯＳ\n\n  新版本发布。Magic5手机"
    shown, spans = snippet(parse_query("magicos 发布 magic"), text, width=80)
    assert shown == "据报道，ＭａｇｉｃＯＳ 新版本发布。Magic5手机"
    assert [shown[a:b] for a, b in spans] == ["ＭａｇｉｃＯＳ", "发布", "Magic"]


def test_snippet_window_and_ellipses() -> None:
    text = "前" * 100 + "儿童" + "后" * 100
    shown, spans = snippet(parse_query("儿童"), text, width=20)
    assert shown.startswith("…") and shown.endswith("…")
    assert len(shown) == 22
    [(a, b)] = spans
    assert shown[a:b] == "儿童"
    assert 1 < a < 10  # context before the match, more after it
    start, _ = snippet(parse_query("前"), text, width=20)
    assert not start.startswith("…") and start.endswith("…")
    end, _ = snippet(parse_query("后后后后后后后后后后后后后后后后后后后后后后后后后后后后后后"), text, width=20)
    assert end.startswith("…")


def test_snippet_of_traditional_text_and_long_matches() -> None:
    shown, spans = snippet(parse_query("台湾"), "這是臺灣的新聞", width=80)
    assert [shown[a:b] for a, b in spans] == ["臺灣"]
    shown, spans = snippet(parse_query('"儿童 保障"'), "儿童  保障" * 3, width=4)
    assert shown == "儿童…" and spans == [(0, 2)]  # the match is wider than the window


def test_snippet_without_a_match_shows_the_start() -> None:
    assert snippet(parse_query("没有"), "  第一段\n第二段", width=4) == ("第一段…", [])
    assert snippet(parse_query("-x"), "abc") == ("abc", [])


def test_snippet_picks_the_block_and_field() -> None:
    query = parse_query("儿童 OR 资料")
    shown, spans = snippet(query, ["第一段", "第二段有儿童"], width=80)
    assert shown == "第二段有儿童" and spans == [(4, 6)]
    story = {"title": "资料", "summary": "摘要有儿童", "body": ["正文"]}
    assert story_snippet(query, story).field == "summary"
    assert story_snippet(parse_query("title:资料"), story).field == "title"
    only_keywords = {"title": "标题", "body": ["正文内容"], "keywords": ["儿童"]}
    picked = story_snippet(query, only_keywords)
    assert (picked.field, picked.text, picked.highlights) == ("body", "正文内容", [])


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120), st.sampled_from(["儿童", "a", "5", "，", "é", "臺", "ab 1"]),
       st.integers(1, 40))
def test_snippet_highlights_are_matches(text: str, term: str, width: int) -> None:
    query = parse_query(f'"{term}"')
    shown, spans = snippet(query, text, width=width)
    assert spans == sorted(spans)
    for a, b in spans:
        assert 0 <= a < b <= len(shown)
        assert term_occurrences(query.positive_terms[0].text, fold(shown[a:b])) or len(
            fold(shown[a:b])) < len(query.positive_terms[0].text)  # cut by the window


# --- random stories and queries from a tiny alphabet -----------------------------

PIECES = ["a", "b", "ab", "1", "2", "12", " ", "儿", "童", "臺", "台", ",", "，", "A", "é", "\n",
          "e\u0301", "\u0327", "\u200b", "İ", "ㄱ", "ㅏ", "\ue001", "ς"]
QUERY_PIECES = [*PIECES, " ", " ", "-", "OR", '"', "title:"]


def _texts(pieces: list[str], max_size: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


STORY = st.fixed_dictionaries({
    "title": _texts(PIECES, 8),
    "byline": st.one_of(st.none(), _texts(PIECES, 4)),
    "keywords": st.lists(_texts(PIECES, 3), max_size=3),
    "summary": _texts(PIECES, 6),
    "body": st.lists(_texts(PIECES, 10), max_size=3),
})


@pytest.mark.slow  # over 3 s on 2 shared cores: the fast subset stays under a minute
@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(STORY, min_size=1, max_size=8),
       st.lists(_texts(QUERY_PIECES, 6), min_size=1, max_size=6))
def test_fts_equals_oracle_on_random_stories(stories: list[Story], queries: list[str]) -> None:
    idx = Index()
    for rowid, story in enumerate(stories, 1):
        idx.add(rowid, story)
    for q in queries:
        found = idx.fts(q)
        if found is None:
            assert parse_query(q).problem is not None
            continue
        assert found == idx.oracle(q), q
        assert idx.fts(q, title=True) == idx.oracle(q, title=True), q
    idx.conn.close()


# --- the real corpus ---------------------------------------------------------------

_S2T = opencc.OpenCC("s2t")
_CJK = re.compile(r"[\u3400-\u9fff]")


def _corpus_stories(rng: random.Random) -> list[Story]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    with_body = [r for r in records if r.get("body")]
    titles_only = [r for r in records if not r.get("body")]
    chosen = rng.sample(with_body, min(2500, len(with_body)))
    chosen += rng.sample(titles_only, min(500, len(titles_only)))
    stories = []
    for r in chosen:
        body = r.get("body") or ""
        stories.append({
            "title": r.get("title") or "",
            "byline": r.get("dataset"),
            "keywords": [r["category"]] if r.get("category") else [],
            "summary": body[:40] if rng.random() < 0.3 else None,
            "body": [block for block in body.split("\n") if block.strip()],
        })
    return stories


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


class _QueryMaker:
    """Seeded random queries of every kind, cut from the stories' own text."""

    def __init__(self, stories: list[Story], rng: random.Random) -> None:
        self.rng = rng
        self.texts = [t for s in stories for t in [s["title"], *s["body"]] if t.strip()]
        self.titles = [s["title"] for s in stories if s["title"].strip()]
        self.runs = {
            "latin": self._runs(r"[A-Za-z]{2,}"),
            "digits": self._runs(r"[0-9]{2,}"),
            "mixed": self._runs(r"[0-9]+[\u4e00-\u9fff]{1,2}|[\u4e00-\u9fff]{1,2}[0-9]+"),
        }

    def _runs(self, pattern: str) -> list[str]:
        return [m.group() for t in self.texts for m in re.finditer(pattern, t)]

    def substring(self, size: int, *, cjk: bool = False) -> str:
        for _ in range(100):
            text = self.rng.choice(self.texts)
            if len(text) < size:
                continue
            start = self.rng.randrange(len(text) - size + 1)
            piece = text[start : start + size]
            if (piece.strip() and '"' not in piece and not piece.startswith("-")
                    and (not cjk or _CJK.match(piece))):
                return piece
        return "儿童"

    def inside(self, kind: str) -> str:
        """A piece from inside a run (never its start): must not match there."""
        run = self.rng.choice(self.runs[kind])
        start = self.rng.randrange(1, len(run))
        return run[start : self.rng.randrange(start + 1, len(run) + 1)]

    def prefix(self, kind: str) -> str:
        run = self.rng.choice(self.runs[kind])
        return run[: self.rng.randrange(1, len(run) + 1)]

    def terms_of_one_text(self, count: int) -> list[str]:
        """Substrings of one text, so that several terms can match together."""
        text = self.rng.choice([t for t in self.texts if len(t) > 20] or self.texts)
        terms = []
        for _ in range(count):
            size = self.rng.choice([1, 2, 3])
            start = self.rng.randrange(max(1, len(text) - size + 1))
            piece = text[start : start + size].strip()
            if piece and '"' not in piece and not piece.startswith("-"):
                terms.append(piece)
        return terms or ["儿童"]

    def title_piece(self) -> str:
        title = self.rng.choice(self.titles)
        start = self.rng.randrange(max(1, len(title) - 1))
        return title[start : start + self.rng.choice([1, 2, 3])].replace('"', "") or "儿童"

    def make(self, kind: str) -> str:
        r = self.rng
        sub = self.substring
        return {
            "1-char": lambda: sub(1, cjk=True),
            "2-char": lambda: sub(2),
            "3-4-char": lambda: sub(r.choice([3, 4])),
            "mixed": lambda: r.choice(self.runs["mixed"]),
            "latin": lambda: self.prefix("latin"),
            "digits": lambda: self.prefix("digits"),
            "inside-latin": lambda: self.inside("latin"),
            "inside-digits": lambda: self.inside("digits"),
            "traditional": lambda: _S2T.convert(sub(r.choice([1, 2, 3, 4]), cjk=True)),
            "full-width": lambda: _full_width(r.choice([*self.runs["mixed"], self.prefix("latin")])),
            "phrase": lambda: f'"{sub(r.choice([5, 8, 12]))}"',
            "multi-term": lambda: " ".join(self.terms_of_one_text(r.choice([2, 3]))),
            "or": lambda: f"{sub(2)} OR " + " ".join(self.terms_of_one_text(2)),
            "exclusion": lambda: f"{sub(1, cjk=True)} -{sub(2)}",
            "title": lambda: f'title:"{self.title_piece()}" ' + sub(1, cjk=True),
            "absent": lambda: "".join(chr(r.randrange(0x4E00, 0x9FA5)) for _ in range(2)),
        }[kind]()


@pytest.mark.slow  # over 3 s on 2 shared cores: the fast subset stays under a minute
@pytest.mark.corpus
def test_fts_equals_oracle_on_the_corpus() -> None:
    if not CORPUS.exists():
        pytest.skip(f"corpus {CORPUS} is not present (../shared/corpus/)")
    started = time.monotonic()
    rng = random.Random(20240804)
    stories = _corpus_stories(rng)
    idx = Index()
    for rowid, story in enumerate(stories, 1):
        idx.add(rowid, story)
    maker = _QueryMaker(stories, rng)
    kinds = ["1-char", "2-char", "3-4-char", "mixed", "latin", "digits", "inside-latin",
             "inside-digits", "traditional", "full-width", "phrase", "multi-term", "or",
             "exclusion", "title", "absent"]
    found_any = 0
    boundary_mattered = 0
    for n in range(25 * len(kinds)):
        kind = kinds[n % len(kinds)]
        q = maker.make(kind)
        found = idx.fts(q)
        expected = idx.oracle(q)
        assert found == expected, (kind, q, sorted(found ^ expected) if found else expected)
        found_any += bool(found)
        if kind.startswith("inside"):
            naive = {rowid for rowid, f in idx.folded.items()
                     if any(fold(q) in p for parts in f.parts.values() for p in parts)}
            boundary_mattered += naive != expected
    # The queries must have exercised something: most find stories, and the run
    # boundary rule changed the answer for many pieces cut from inside runs.
    assert found_any > 0.6 * 25 * len(kinds)
    assert boundary_mattered > 10
    assert time.monotonic() - started < 60



def test_highlight_spans_mark_matches_in_the_original_text() -> None:
    from newsreader.search import highlight_spans

    text = "臺灣的ＭａｇｉｃＯＳ與Magic5，资料"
    assert [text[a:b] for a, b in highlight_spans("台湾 magic", text)] == [
        "臺灣", "ＭａｇｉｃＯＳ"[:5], "Magic"]
    assert [text[a:b] for a, b in highlight_spans("5", text)] == ["5"]
    assert highlight_spans("title:台湾", text) == []
    assert highlight_spans("title:台湾", text, field="title") == [(0, 2)]
    assert highlight_spans("-台湾", text) == []

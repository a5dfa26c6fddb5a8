"""Folding and index tokens: examples, every code point against the definition and
against SQLite's own tokenizer, and property tests for the offsets."""

from __future__ import annotations

import sqlite3
import sys
import unicodedata

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.search import BREAK, SP, fold, fold_with_offsets, index_field, index_tokens
from newsreader.text.fold_tables import CJK_RANGES as _CJK_RANGES
from newsreader.text.folding import _get_tables, _reference_fold, fold_spans
from newsreader.search.tokens import Kind, kind_of, segments, tokens_of_folded

TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* N* Co M* P* S*'"
ALL_CODE_POINTS = [cp for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("ＭａｇｉｃＯＳ", "magicos"),
        ("MagicOS", "magicos"),
        ("，。！（）", ",。!()"),
        ("臺灣", "台湾"),
        ("資料", "资料"),
        ("台湾资料", "台湾资料"),
        ("①２Ⅲ", "12iii"),
        ("ﬁ…", "fi..."),
        ("ΟΔΟΣ ς", "οδοσ σ"),  # SQLite folds final sigma too
        ("e\u0301", "é"),  # NFKC composes
        ("ㄱㅏ", "가"),  # compatibility jamo compose
        ("a \t\n\u3000\u00a0 b", "a b"),
        ("  a  ", " a "),
        ("儿\u200b童\u00ad", "儿童"),  # format characters vanish
        ("a\x00b\x01c\x7fd", "a b c d"),  # controls separate
        ("\ue000\ue001\ufffe\uffff", "\ufffd" * 4),  # reserved for SP and BREAK
        ("薴", "苎"),  # t2s chains are followed to the end
    ],
)
def test_fold_examples(text: str, folded: str) -> None:
    assert fold(text) == folded
    assert _reference_fold(text) == folded
    assert fold_with_offsets(text)[0] == folded


def test_traditional_and_simplified_fold_together() -> None:
    converter = opencc.OpenCC("s2t")
    simplified = "孤困儿童保障台湾资料发展经济国际关系应对气候变化学习计算机软件"
    assert fold(converter.convert(simplified)) == simplified


@pytest.fixture(scope="module")
def folded_code_points() -> dict[int, str]:
    return {cp: fold(chr(cp)) for cp in ALL_CODE_POINTS}


@pytest.mark.slow
def test_every_code_point_folds_by_the_definition_and_idempotently(
    folded_code_points: dict[int, str],
) -> None:
    bad = []
    for cp, folded in folded_code_points.items():
        if folded != _reference_fold(chr(cp)) or fold(folded) != folded:
            bad.append(hex(cp))
    assert not bad, bad[:20]


@pytest.mark.slow
def test_every_mark_that_may_join_takes_the_careful_path() -> None:
    joins_back = _get_tables().joins_back
    missed = [hex(cp) for cp in ALL_CODE_POINTS
              if unicodedata.combining(chr(cp)) and not joins_back.match(chr(cp))]
    assert not missed, missed[:20]


@pytest.mark.slow
def test_t2s_changes_nothing_outside_the_cjk_blocks() -> None:
    inside = {cp for lo, hi in _CJK_RANGES for cp in range(lo, hi + 1)}
    chars = [chr(cp) for cp in ALL_CODE_POINTS if cp not in inside and cp != 0x0A]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    assert len(converted) == len(chars)
    changed = [hex(ord(a)) for a, b in zip(chars, converted) if a != b]
    assert not changed, changed[:20]


def _sqlite_misfits(chars: list[str]) -> list[str]:
    """The characters SQLite does not keep as they are inside a token: separators
    and characters its case folding changes."""
    conn = sqlite3.connect(":memory:")
    conn.execute(f'CREATE VIRTUAL TABLE t USING fts5(x, tokenize="{TOKENIZER}", content=\'\')')
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    misfits: list[str] = []
    size = 20_000
    for n, start in enumerate(range(0, len(chars), size)):
        chunk = chars[start : start + size]
        conn.execute("INSERT INTO t (rowid, x) VALUES (?, ?)",
                     (n + 1, " ".join(f"a{c}b" for c in chunk)))
        terms = [t for (t,) in conn.execute(
            "SELECT term FROM v WHERE doc = ? ORDER BY offset", (n + 1,))]
        if terms != [f"a{c}b" for c in chunk]:
            misfits.extend(c for c in chunk if f"a{c}b" not in set(terms))
    return misfits


@pytest.mark.slow
def test_sqlite_keeps_every_folded_character_as_is(folded_code_points: dict[int, str]) -> None:
    outputs = set("".join(folded_code_points.values()))
    outputs.discard(" ")
    misfits = _sqlite_misfits(sorted(outputs))
    assert not misfits, [hex(ord(c)) for c in misfits[:20]]


def test_the_probe_finds_what_sqlite_changes() -> None:
    # The check above would be worthless if it could not see a separator or a fold.
    assert _sqlite_misfits(["x", "\u200b", "A", "ς", "\u3000", "儿"]) == ["\u200b", "A", "ς", "\u3000"]


# Pieces that exercise every path of folding: width, case, t2s, whitespace,
# controls, combining marks and jamo (real NFKC), expansions, reserved characters.
RICH = st.lists(
    st.sampled_from(
        list("aZé5０Ａ儿童臺灣資料，。 \t\n\u3000\u00a0\u200b\x01ﬁ…①Σςİẞǅ")
        + ["e\u0301", "\u0301", "\u0327", "\u1100", "\u1161", "\u11a8", "ㄱ", "ㅏ", "가",
           "\ue000", "\ufffe", "\U0002a6a5", "\U0001d400", "\ufb2a", "\u0f73", "\u0b47\u0b3e"]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(RICH, st.text(max_size=60)))
def test_fold_matches_its_definition(text: str) -> None:
    folded = fold(text)
    assert folded == _reference_fold(text)
    assert fold(folded) == folded
    assert "  " not in folded


@settings(max_examples=400, deadline=None)
@given(st.one_of(RICH, st.text(max_size=60)))
def test_fold_spans_map_back_to_the_original(text: str) -> None:
    folded, starts, ends = fold_spans(text)
    assert folded == fold(text)
    assert len(starts) == len(ends) == len(folded)
    assert starts == sorted(starts) and ends == sorted(ends)
    for i, ch in enumerate(folded):
        assert 0 <= starts[i] < ends[i] <= len(text)
        if ch != " ":
            assert ch in fold(text[starts[i] : ends[i]])
    assert fold_with_offsets(text) == (folded, starts)


def test_fold_with_offsets_points_at_the_source_characters() -> None:
    text = "ＡＢ  臺…x"
    folded, starts = fold_with_offsets(text)
    assert folded == "ab 台...x"
    assert starts == [0, 1, 2, 4, 5, 5, 5, 6]


# --- character classes and index tokens ------------------------------------------


def test_character_classes() -> None:
    assert [kind_of(c) for c in "aé5 儿,ɑǚ×α"] == [
        Kind.LETTER, Kind.LETTER, Kind.DIGIT, Kind.SPACE, Kind.CHAR, Kind.CHAR,
        Kind.LETTER, Kind.LETTER, Kind.CHAR, Kind.CHAR,
    ]


def test_kind_of_agrees_with_the_segment_pattern() -> None:
    for cp in range(0x3000):
        ch = chr(cp)
        [(kind, _text)] = segments(ch) or [(Kind.SPACE, ch)]
        assert kind_of(ch) is kind, hex(cp)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("孤困儿童", "孤困 困儿 儿童 童"),
        ("儿", "儿"),
        ("Magic5", "magic 5"),
        ("MagicOS 5手机，价格", f"magicos {SP} 5 手机 机, ,价 价格 格"),
        ("301301", "301301"),
        ("1月 11月", f"1 月 {SP} 11 月"),
        ("  a \n b  ", f"a {SP} b"),
        ("", ""),
        (" \t ", ""),
        ("ＭａｇｉｃＯＳ", "magicos"),
        ('"q"*', '" q "* *'),
    ],
)
def test_index_tokens(text: str, tokens: str) -> None:
    assert index_tokens(text) == tokens


def test_index_field_breaks_between_parts_and_skips_empty_ones() -> None:
    assert index_field(["儿童", " ", "", "保障"]) == f"儿童 童 {BREAK} 保障 障"
    assert index_field([]) == ""


@settings(max_examples=300, deadline=None)
@given(RICH)
def test_tokens_rebuild_the_folded_text(text: str) -> None:
    folded = fold(text).strip(" ")
    tokens = tokens_of_folded(folded).split(" ") if folded else []
    # Every CHAR character starts exactly one token; runs and SP are one token each.
    rebuilt = "".join(" " if t == SP else (t[0] if kind_of(t[0]) is Kind.CHAR else t)
                      for t in tokens)
    assert rebuilt == folded

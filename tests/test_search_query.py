"""The query language: parsing, limits, and FTS5 expressions that are always valid."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsreader.search import (
    MAX_QUERY_CHARS,
    MAX_TERM_CHARS,
    MAX_TERMS,
    SP,
    Query,
    QueryError,
    Term,
    index_field,
    parse_query,
    to_fts_match,
    to_fts_title_match,
)
from newsreader.search.query import NO_POSITIVE_TERM, phrase_tokens

COLUMNS = ("title", "byline", "keywords", "summary", "body")
CREATE = (
    "CREATE VIRTUAL TABLE s USING fts5(title, byline, keywords, summary, body, "
    "tokenize = \"unicode61 remove_diacritics 0 categories 'L* N* Co M* P* S*'\", "
    "prefix = '1', content = '', columnsize = 0, detail = full)"
)


@pytest.fixture(scope="module")
def fts() -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(":memory:")
    conn.execute(CREATE)
    rows = [
        ("儿童保障", "记者 王小明", "儿童", "", "孤困儿童 MagicOS 5 301301 1月"),
        ('a "b" * : ^ NEAR ( ) + - OR', "", "", "x:y", "title: 11月"),
    ]
    for rowid, row in enumerate(rows, 1):
        conn.execute("INSERT INTO s (rowid, title, byline, keywords, summary, body) "
                     "VALUES (?, ?, ?, ?, ?, ?)", (rowid, *(index_field([v]) for v in row)))
    yield conn
    conn.close()


def _search(conn: sqlite3.Connection, query: Query) -> list[int] | None:
    match = to_fts_match(query)
    if match is None:
        return None
    return sorted(r for (r,) in conn.execute("SELECT rowid FROM s WHERE s MATCH ?", (match,)))


def T(text: str, title: bool = False) -> Term:  # noqa: N802 - reads like the dataclass
    return Term(text, title)


@pytest.mark.parametrize(
    ("q", "groups", "excluded"),
    [
        ("儿童", [[T("儿童")]], []),
        ("  儿童   保障 ", [[T("儿童")], [T("保障")]], []),
        ('"a phrase"  b', [[T("a phrase")], [T("b")]], []),
        ('"a   phrase', [[T("a phrase")]], []),  # open quote runs to the end
        ('ab"c d"e', [[T("abc de")]], []),
        ("儿童 -保障", [[T("儿童")]], [T("保障")]),
        ('儿童 -"社会 保障"', [[T("儿童")]], [T("社会 保障")]),
        ("A B OR C", [[T("a")], [T("b"), T("c")]], []),
        ("A OR B OR C D", [[T("a"), T("b"), T("c")], [T("d")]], []),
        ("A OR OR B", [[T("a"), T("b")]], []),
        ("OR A OR", [[T("a")]], []),  # dangling ORs are ignored
        ("A OR -B", [[T("a")]], [T("b")]),
        ("A or B", [[T("a")], [T("or")], [T("b")]], []),
        ('A "OR" B', [[T("a")], [T("or")], [T("b")]], []),
        ("title:儿童", [[T("儿童", True)]], []),
        ('TITLE:"儿童 保障"', [[T("儿童 保障", True)]], []),
        ("-title:儿童 x", [[T("x")]], [T("儿童", True)]),
        ("title:", [[T("title:")]], []),
        ("title:-x", [[T("-x", True)]], []),
        ("body:儿童 x:y", [[T("body:儿童")], [T("x:y")]], []),
        ("-", [[T("-")]], []),
        ("--x y", [[T("y")]], [T("-x")]),
        ('"-x"', [[T("-x")]], []),
        ("ＭａｇｉｃＯＳ 臺灣", [[T("magicos")], [T("台湾")]], []),
        ("a\x00\x01 \u200b b", [[T("a")], [T("b")]], []),
        ('"" a " "', [[T("a")]], []),
        ("a a OR a", [[T("a")]], []),
        ("NEAR(a b) x* ^y", [[T("near(a")], [T("b)")], [T("x*")], [T("^y")]], []),
        ("'; DROP TABLE s; --", [[T("';")], [T("drop")], [T("table")], [T("s;")]], [T("-")]),
    ],
)
def test_parse(q: str, groups: list[list[Term]], excluded: list[Term]) -> None:
    query = parse_query(q)
    assert query.problem is None
    assert [list(g) for g in query.groups] == groups
    assert list(query.excluded) == excluded


@pytest.mark.parametrize("q", ["", "   ", "-儿童", '""', "\x00\x01", "OR", "-a -b OR -c", "\u200b"])
def test_no_positive_term_is_a_plain_message(q: str) -> None:
    query = parse_query(q)
    assert query.problem == NO_POSITIVE_TERM
    assert to_fts_match(query) is None and to_fts_title_match(query) is None
    with pytest.raises(QueryError, match="Nothing to search for"):
        query.check()


def test_limits_are_plain_messages() -> None:
    too_long = parse_query("儿" * (MAX_QUERY_CHARS + 1))
    assert too_long.problem is not None and "too long" in too_long.problem
    long_term = parse_query("儿" * (MAX_TERM_CHARS + 1))
    assert long_term.problem is not None and "term is too long" in long_term.problem
    assert parse_query("儿" * MAX_TERM_CHARS).problem is None
    many = parse_query(" ".join(f"w{i}" for i in range(MAX_TERMS + 1)))
    assert many.problem is not None and "Too many" in many.problem
    assert parse_query(" ".join(f"w{i}" for i in range(MAX_TERMS))).problem is None
    # Repeated terms count once.
    assert parse_query(" ".join(["儿童"] * 3000)).problem is None
    for query in (too_long, long_term, many):
        assert to_fts_match(query) is None
        with pytest.raises(QueryError):
            query.check()


def test_ten_thousand_characters_give_results_or_a_message(fts: sqlite3.Connection) -> None:
    for q in ("儿" * MAX_QUERY_CHARS, "儿 " * (MAX_QUERY_CHARS // 2), "x" * MAX_QUERY_CHARS,
              '"' + "儿童 " * 3000, "-" * MAX_QUERY_CHARS, "OR " * 3000 + "儿童"):
        query = parse_query(q)
        assert (query.problem is None) == (_search(fts, query) is not None)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("童", [("童", True)]),
        ("儿童", [("儿童", False)]),
        ("孤困儿童", [("孤困", False), ("困儿", False), ("儿童", False)]),
        ("magic", [("magic", True)]),
        ("magic5", [("magic", False), ("5", True)]),
        ("1月", [("1", False), ("月", True)]),
        ("月1", [("月", False), ("1", True)]),
        ("儿童5", [("儿童", False), ("童", False), ("5", True)]),
        ("a b", [("a", False), (SP, False), ("b", True)]),
        ("儿 童", [("儿", False), (SP, False), ("童", True)]),
    ],
)
def test_phrase_tokens(text: str, tokens: list[tuple[str, bool]]) -> None:
    assert phrase_tokens(text) == tokens


def test_fts_expressions() -> None:
    assert to_fts_match(parse_query("童")) == '"童" *'
    assert to_fts_match(parse_query('1月 "a""b"')) == '"1" + "月" * AND "ab" *'
    assert to_fts_match(parse_query('x"')) == '"x" *'
    assert to_fts_match(parse_query('\uff02')) == '"""" *'  # a full-width quote is searchable
    assert to_fts_match(parse_query("a b OR title:c -d")) == (
        '( "a" * AND ( "b" * OR {title} : ( "c" * ) ) ) NOT ( "d" * )'
    )
    assert to_fts_title_match(parse_query("a -d")) == '( {title} : ( "a" * ) ) NOT ( "d" * )'


def test_undecodable_arguments_are_searchable(fts: sqlite3.Connection) -> None:
    # A command line with invalid UTF-8 reaches Python as lone surrogates.
    query = parse_query("\udce4\udcbd 儿童")
    assert query.groups[0] == (T("\ufffd\ufffd"),)
    assert _search(fts, query) == []


def test_operators_are_literal_text(fts: sqlite3.Connection) -> None:
    for q in ('"', "*", ":", "^", "NEAR", "(", ")", "+", "-x", "OR x", '"b"', "x:y", "title:"):
        query = parse_query(q)
        if query.problem is None:
            assert _search(fts, query) is not None
    assert _search(fts, parse_query("near")) == [2]
    assert _search(fts, parse_query('"\uff02b\uff02"')) == [2]
    assert _search(fts, parse_query("x:y")) == [2]
    assert _search(fts, parse_query("title:")) == [2]  # in the body of story 2
    assert _search(fts, parse_query("title:儿童")) == [1]
    assert _search(fts, parse_query("title:11月")) == []


QUERY_PIECES = st.sampled_from(
    ['"', "-", "OR", "title:", "TITLE:", "NEAR", "NEAR(", "*", "^", ":", "(", ")", "+", "{",
     "}", "AND", "NOT", " ", "  ", "\t", "儿童", "儿", "a", "5", "301", "\x00", "\x1f", "'",
     ";", "--", "\\", "\u200b", "\ue000", "\ue001", "\ufffd", "ＡＢ", "臺", "x:", "\u0301", "ㅏ"]
)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.lists(QUERY_PIECES, max_size=25).map("".join), st.text(max_size=80)))
def test_any_input_parses_and_compiles_to_valid_fts5(q: str) -> None:
    conn = _shared_fts()
    query = parse_query(q)  # never raises
    assert query.problem is not None or query.groups  # searchable means a positive term
    for match in (to_fts_match(query), to_fts_title_match(query)):
        if query.problem is not None:
            assert match is None
            continue
        assert match is not None
        conn.execute("SELECT rowid FROM s WHERE s MATCH ?", (match,)).fetchall()


_CONN: sqlite3.Connection | None = None


def _shared_fts() -> sqlite3.Connection:
    # Hypothesis does not mix with function-scoped fixtures; one table serves all.
    global _CONN
    if _CONN is None:
        _CONN = sqlite3.connect(":memory:")
        _CONN.execute(CREATE)
        _CONN.execute("INSERT INTO s (rowid, title, body) VALUES (1, ?, ?)",
                      (index_field(["儿童 a 5"]), index_field(['NEAR "x" * ^ : 301'])))
    return _CONN

"""A query compiled once: the plan carries what the store runs, and its per-story
methods agree with the search rules they stand for."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.search import (
    FIELDS,
    compile_query,
    occurrences,
    parse_query,
    story_snippet,
    term_matches,
    to_fts_match,
    to_fts_title_match,
)
from newsreader.search.query import phrase_tokens

STORY = {
    "title": "孤困儿童得到保障",
    "byline": "記者 王小明",
    "keywords": ["儿童", "Magic"],
    "summary": "繁體摘要 兒童",
    "body": ["本报讯 民政部门发布新规。", "MagicOS 8 发布，Magic5 手机降价 儿童"],
}


def _old_fields(q: str, story: dict) -> tuple[str, ...]:
    """Which fields matched, as the store computed it before plans existed."""
    query = parse_query(q)
    return tuple(
        name
        for name in FIELDS
        if any(
            term_matches(t, {name: story.get(name)})
            for t in query.positive_terms
            if name == "title" or not t.title_only
        )
    )


@pytest.mark.parametrize("q", ["儿童", "title:儿童 magic", "magic -新规", "兒童 OR 发布", "8"])
def test_the_plan_carries_every_string_the_store_runs(q: str) -> None:
    plan = compile_query(q)
    query = parse_query(q)
    assert plan.problem is None
    assert plan.match == to_fts_match(query)
    assert plan.title_match == to_fts_title_match(query)
    assert [t.text for t in plan.terms] == [t.text for t in query.positive_terms]
    assert [t.tokens for t in plan.terms] == [tuple(phrase_tokens(t.text)) for t in query.positive_terms]
    assert plan.highlight_terms == query.positive_terms


@pytest.mark.parametrize("q", ["", "-x", "   ", "儿" * 10_001])
def test_a_query_with_nothing_to_search_has_a_problem_and_no_match(q: str) -> None:
    plan = compile_query(q)
    assert plan.problem is not None and plan.match is None and plan.terms == ()


@pytest.mark.parametrize("q", ["儿童", "title:儿童 magic", "magic", "兒童 OR 发布", "王小明", "摘要", "没有"])
def test_describe_is_the_snippet_and_the_matched_fields(q: str) -> None:
    plan = compile_query(q)
    quote, fields = plan.describe(STORY)
    assert quote == story_snippet(plan.query, STORY)
    assert fields == _old_fields(q, STORY)
    assert plan.occurrences(STORY) == occurrences(plan.query, STORY)


# Traditional and compatibility forms fold onto the query's characters (兒 ⼉ -> 儿,
# 臺 -> 台, ㈠ -> (一)): the plan must still fold exactly the parts that can match.
_text = st.text(alphabet="儿童兒⼉㈠一臺台a bM5，\u0301eＡａ８⑧\n", max_size=12)


@settings(max_examples=300, deadline=None)
@given(
    q=st.text(alphabet='儿童兒一台ab é58-"', max_size=6),
    title=_text,
    summary=st.one_of(st.none(), _text),
    body=st.lists(_text, max_size=3),
    keywords=st.lists(_text, max_size=2),
)
def test_describe_agrees_with_the_rules_for_any_story(
    q: str, title: str, summary: str | None, body: list[str], keywords: list[str]
) -> None:
    story = {"title": title, "summary": summary, "body": body, "keywords": keywords, "byline": None}
    plan = compile_query(q)
    if plan.problem is not None:
        return
    quote, fields = plan.describe(story)
    assert quote == story_snippet(plan.query, story)
    assert fields == _old_fields(q, story)
    assert plan.occurrences(story) == occurrences(plan.query, story)


def test_the_store_runs_a_plan_without_calling_back_into_search() -> None:
    source = Path(__file__).resolve().parents[1] / "src" / "newsreader" / "store" / "search.py"
    names: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("newsreader.search"):
            names.update(alias.name for alias in node.names)
    # Only the compiler and the plan's types (and the two token constants).
    assert names <= {"compile_query", "SearchPlan", "PlannedTerm", "SP", "BREAK"}, names
    assert "compile_query" in names


def test_every_character_that_folds_to_a_term_start_is_a_source() -> None:
    import sys

    from newsreader.text.folding import fold, may_fold_to_contain, sources_of

    starts = "儿台一8am"
    every = [chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF]
    folds = [fold(c) for c in every]
    for ch in starts:
        sources = sources_of(ch)
        assert sources is not None
        missed = [hex(ord(c)) for c, f in zip(every, folds) if ch in f and c not in sources]
        assert not missed, (ch, missed[:10])
        assert not may_fold_to_contain("没有", ch)
    assert may_fold_to_contain("x\u0301", "é") and sources_of("é") is None
    assert may_fold_to_contain("１１月", "11月") and not may_fold_to_contain("11日", "11月")

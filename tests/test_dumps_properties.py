"""Property tests for the dump parser: it never raises anything but DumpError, and a
headline list written from known groups reads back as those groups."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsreader.dumps import DumpError, ParsedDump, parse_dump
from newsreader.dumps.encoding import ENCODINGS

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parse_or_reject(data: bytes) -> ParsedDump | None:
    try:
        parsed = parse_dump(data)
    except DumpError as err:
        message = str(err)
        assert message and "\n" not in message
        return None
    check_invariants(parsed)
    return parsed


def check_invariants(parsed: ParsedDump) -> None:
    assert parsed.encoding in ENCODINGS
    assert parsed.orphan_timestamps >= 0
    positions = [h.position for h in parsed.headlines]
    if parsed.article is not None and parsed.article.headline is not None:
        positions.append(parsed.article.headline.position)
        assert not parsed.article.untitled
        assert parsed.article.title == parsed.article.headline.title
    assert sorted(positions) == list(range(len(positions)))
    assert parsed.story_count == len(parsed.headlines) + (parsed.article is not None)
    for h in parsed.headlines:
        assert h.title and h.title == h.title.strip()
        assert h.summary_truncated == (h.summary is not None)
        assert not (h.title_truncated and h.summary is not None)
        assert h.timestamp.raw
    if parsed.article is not None:
        assert parsed.article.blocks or parsed.article.byline
        assert all(b.text for b in parsed.article.blocks)
        assert all(k for k in parsed.article.keywords)
    assert (parsed.orphan_timestamps > 0) == any("orphan" in w for w in parsed.warnings)


@SETTINGS
@given(st.binary(max_size=2048))
@example(b"")
@example(b"\xff\xfe")
@example(b"\xfe\xff\x00")
@example(codecs.BOM_UTF8)
@example(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
@example(b"PK\x03\x04\x14\x00\x00\x00\x08\x00")
def test_any_bytes_parse_or_are_rejected(data: bytes) -> None:
    parse_or_reject(data)


@SETTINGS
@given(st.text(max_size=1000), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]))
def test_any_text_parses_or_is_rejected(text: str, encoding: str) -> None:
    parse_or_reject(text.encode(encoding))


# Lines that exercise every rule: timestamps (good, garbled, invalid dates), keyword
# lines, bylines, captions, short and long lines, blank lines.
DUMP_LINES = st.one_of(
    st.sampled_from(
        [
            "",
            "   ",
            "23年08月10日 29:32",
            "23年13月10日 09:15",
            "2023-08-10 18:25",
            "2023-02-30 24:00",
            " 23年8月1日\t9:05 ",
            "关键词:",
            "关键词：甲、乙,,丙",
            "实习记者 徐畅",
            "文/张三",
            "(资料图片仅供参考)",
            "（图片来源：网络）",
            "(",
            "()",
            "）（",
            "小标题",
            "短句。",
            "“引号。”",
            "……",
            "。",
            "报收于9.2元,上涨3.14%。",
            "报收于9 2元,上涨3 14%",
        ]
    ),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80),
)


@SETTINGS
@given(st.lists(DUMP_LINES, max_size=40), st.sampled_from(["\n", "\r\n", "\r"]))
def test_dump_like_text_parses(lines: list[str], newline: str) -> None:
    data = newline.join(lines).encode("utf-8")
    parsed = parse_or_reject(data)
    if parsed is not None and newline != "\n":
        assert parsed == parse_dump("\n".join(lines).encode("utf-8"))


HEADLINE_TEXT = st.text(
    alphabet=st.sampled_from("青河市发布防汛应急响应新闻标题摘要报收于元上涨ABCxyz0123456789 ,.:“”()（）。!?"),
    min_size=1,
    max_size=40,
).map(str.strip).filter(lambda s: s and not s.startswith("关键词"))
TIMESTAMPS = st.builds(
    lambda y, m, d, hh, mm: f"{y:02d}年{m:02d}月{d:02d}日 {hh:02d}:{mm:02d}",
    st.integers(0, 99), st.integers(1, 12), st.integers(1, 28), st.integers(0, 23), st.integers(0, 59),
)  # fmt: skip
GROUPS = st.lists(
    st.tuples(st.lists(HEADLINE_TEXT, min_size=0, max_size=2), TIMESTAMPS), min_size=1, max_size=15
)


@pytest.mark.slow  # over 3 s on 2 shared cores: the fast subset stays under a minute
@SETTINGS
@given(GROUPS)
def test_a_written_list_reads_back(groups: list[tuple[list[str], str]]) -> None:
    lines: list[str] = []
    for texts, stamp in groups:
        lines += [*texts, stamp]
    parsed = parse_dump("\n".join(lines).encode("utf-8"))
    check_invariants(parsed)
    # A list-only dump: every group reads back in order, every orphan is counted.
    assert parsed.article is None
    got = [[h.title] + ([h.summary] if h.summary is not None else []) for h in parsed.headlines]
    assert got == [texts for texts, _ in groups if texts]
    assert [h.timestamp.raw for h in parsed.headlines] == [s for t, s in groups if t]
    assert parsed.orphan_timestamps == sum(1 for texts, _ in groups if not texts)
    assert all(h.timestamp.time is not None for h in parsed.headlines)

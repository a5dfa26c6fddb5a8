"""The reference portal's text dump format: issue 2, rules 2-8.

Small dumps are written for the tests (fixtures under tests/fixtures/dumps/ and the
``dump`` helper below); the golden test reads the reference dump from ../shared/.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsreader.dumps import DumpError, ParsedDump, parse_dump
from newsreader.dumps.portal_text import display_width

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "dumps"
REFERENCE = (
    Path(__file__).resolve().parents[2] / "shared" / "dumps" / "000_f6c4166ffba20072.txt"
)
AUG10 = dt.date(2023, 8, 10)


def dump(*lines: str) -> ParsedDump:
    """Parse a dump written as lines (UTF-8, ``\\n``)."""
    return parse_dump("\n".join(lines).encode("utf-8"))


def fixture(name: str) -> ParsedDump:
    return parse_dump((FIXTURES / name).read_bytes())


def portal_cut(text: str, width: int = 66) -> str:
    """Cut text the way the portal cuts summaries: to a display width, dots dropped."""
    out = ""
    for char in text:
        if display_width(out + char) > width:
            break
        out += char
    return out.replace(".", " ")


LONG_1 = "8月9日,青河市气象台发布高温橙色预警信号,预计未来三天全市最高气温将达38℃以上,请市民注意防暑降温。"
LONG_2 = "据青河市统计局消息,上半年全市实现地区生产总值2135亿元,同比增长6.1%,增速高于全国平均水平。"
LONG_3 = "近日,青河市图书馆推出“夜读时光”活动,每周五晚延长开放至22时,吸引了大批市民前来阅读。"


# --- golden: the reference dump (rule 8) --------------------------------------------


@pytest.fixture(scope="module")
def reference() -> ParsedDump:
    if not REFERENCE.exists():
        pytest.skip("reference dump ../shared/dumps/000_f6c4166ffba20072.txt not present")
    return parse_dump(REFERENCE.read_bytes())


def test_reference_dump_gives_twenty_stories(reference: ParsedDump) -> None:
    assert reference.encoding == "utf-8"
    assert reference.story_count == 20
    assert len(reference.headlines) == 19
    assert reference.orphan_timestamps == 6
    assert len(reference.warnings) == 1
    assert "6 orphan timestamps" in reference.warnings[0]


def test_reference_article(reference: ParsedDump) -> None:
    article = reference.article
    assert article is not None
    assert article.title == "临沂市孤困儿童保障标准“四连升”,保障人数和金额均居全省前列"
    assert not article.untitled
    assert article.byline == "实习记者 徐畅"
    assert article.keywords == ()
    kinds = [b.kind for b in article.blocks]
    assert kinds.count("heading") == 3
    assert kinds.count("caption") == 1
    assert [b.text for b in article.blocks if b.kind == "heading"] == [
        "坚持聚力推动,促进形成立体化保障格局",
        "培优阵地带动,促进儿童福利机构标准化建设",
        "社会力量联动,促进工作外延化发展",
    ]
    # heading, caption, paragraph: the caption between does not unmake the heading
    assert kinds[:4] == ["paragraph", "heading", "caption", "paragraph"]
    assert article.blocks[2].text == "(资料图片仅供参考)"
    own = article.headline
    assert own is not None and own.position == 0
    assert own.summary is not None and own.summary.startswith("实习记者徐畅8月9日")
    assert own.summary_truncated
    assert own.timestamp.raw == "23年08月10日 29:32"
    assert own.timestamp.date == AUG10 and own.timestamp.time is None
    assert own.timestamp.iso == "2023-08-10"


def test_reference_headlines_have_dates_but_no_clock(reference: ParsedDump) -> None:
    assert [h.position for h in reference.headlines] == list(range(1, 20))
    for h in reference.headlines:
        assert h.timestamp.date == AUG10
        # 18:41 is a possible clock, but 29:32 in the same list proves the column is not one
        assert h.timestamp.time is None
        assert h.timestamp.raw.startswith("23年08月10日 ")
    assert reference.headlines[8].timestamp.raw == "23年08月10日 18:41"


def test_reference_truncation(reference: ParsedDump) -> None:
    two_line = [h for h in reference.headlines if h.summary is not None]
    one_line = [h for h in reference.headlines if h.summary is None]
    assert len(two_line) == 8 and len(one_line) == 11
    assert all(h.summary_truncated and not h.title_truncated for h in two_line)
    assert not any(h.summary_truncated for h in one_line)
    # The summaries are 63-66 columns wide; one-line groups 63-66 columns wide are cut
    # at the same width. 明星高铁... (61 columns) is a whole title.
    truncated = {h.position for h in one_line if h.title_truncated}
    assert truncated == {2, 3, 7, 8, 10, 12, 15, 16, 18, 19}
    (whole,) = [h for h in one_line if not h.title_truncated]
    assert whole.position == 13 and whole.title.startswith("明星高铁信息")


def test_reference_dropped_decimal_points_stay_as_printed(reference: ParsedDump) -> None:
    first = reference.headlines[0]
    assert first.title == "川宁生物(301301)8月9日主力资金净买入2601.14万元"
    assert first.summary is not None and "报收于9 2元" in first.summary


# --- a whole dump written for the tests --------------------------------------------


@pytest.fixture(scope="module")
def full() -> ParsedDump:
    return fixture("article_with_list.txt")


def test_fixture_article_blocks(full: ParsedDump) -> None:
    article = full.article
    assert article is not None
    assert article.byline == "本报记者 张明 通讯员 李华"
    assert [(b.kind, b.text[:6]) for b in article.blocks] == [
        ("paragraph", "8月9日,青"),
        ("heading", "三年行动,老"),
        ("caption", "（图片来源："),
        ("paragraph", "今年以来,青"),
        ("heading", "“一楼一策”"),
        ("paragraph", "针对不同小区"),
        ("caption", "(资料图片仅"),
        ("paragraph", "居民说:“现"),  # short, but ends with 。 inside the quote
        ("paragraph", "下一步,青河"),  # short, no punctuation, but nothing follows
    ]
    assert article.keywords == ("城市更新", "老旧小区", "民生", "青河")


def test_fixture_article_title_from_its_group(full: ParsedDump) -> None:
    article = full.article
    assert article is not None and not article.untitled
    assert article.title == "青河市上半年改造老旧小区126个,惠及居民4.3万户"
    assert article.headline is not None and article.headline.position == 0
    assert article.headline not in full.headlines


def test_fixture_list(full: ParsedDump) -> None:
    h = full.headlines
    assert [x.position for x in h] == [1, 2, 3, 4, 5, 6]
    assert full.story_count == 7
    assert full.orphan_timestamps == 3
    assert h[0].summary is not None and h[0].summary_truncated and not h[0].title_truncated
    assert [x.title_truncated for x in h[1:]] == [True, False, False, True, True]
    assert all(x.timestamp.time is None and x.timestamp.date == AUG10 for x in h)
    assert full.warnings == ("3 orphan timestamps (timestamp lines with no headline) were skipped",)


# --- rule 2: where the list starts -------------------------------------------------


def test_list_only_dump_keeps_valid_clocks() -> None:
    parsed = fixture("list_only.txt")
    assert parsed.article is None
    assert [(h.title, h.timestamp.iso) for h in parsed.headlines] == [
        ("青河市地铁2号线北延段今日开通试运营", "2023-08-11T09:15"),
        ("青河市暑期游泳馆全面开放", "2023-08-11T10:02"),
        ("青河市发布防汛四级应急响应", "2023-08-11T11:30"),
    ]
    # surrounding whitespace is not part of the raw text
    assert parsed.headlines[2].timestamp.raw == "23年08月11日   11:30"
    assert parsed.orphan_timestamps == 1  # at the very start of the tail
    assert parsed.warnings == ("1 orphan timestamp (a timestamp line with no headline) was skipped",)


def test_article_only_dump() -> None:
    parsed = fixture("article_only.txt")
    assert parsed.headlines == () and parsed.orphan_timestamps == 0
    article = parsed.article
    assert article is not None and article.untitled and article.headline is None
    assert article.title == "青河市第十二届运动会将于9月在市奥体中心开幕,本届运动会共设28个大项"
    assert [b.kind for b in article.blocks] == ["paragraph", "heading", "paragraph"]
    assert parsed.warnings == ()


def test_a_group_takes_at_most_two_text_lines() -> None:
    parsed = dump("第一段正文。", "第二段正文。", "标题", "摘要", "2023-08-10 10:00")
    assert parsed.article is not None
    assert [b.text for b in parsed.article.blocks] == ["第一段正文。", "第二段正文。"]
    (h,) = parsed.headlines
    assert (h.title, h.summary) == ("标题", "摘要")


def test_keywords_line_ends_the_body_and_is_never_in_the_list() -> None:
    parsed = dump("正文第一段。", "关键词：甲 乙", "只有一行的标题", "2023-08-10 10:00")
    assert parsed.article is not None
    assert parsed.article.keywords == ("甲", "乙")
    assert [b.text for b in parsed.article.blocks] == ["正文第一段。"]
    (h,) = parsed.headlines
    assert h.title == "只有一行的标题" and h.summary is None


def test_lines_between_keywords_and_list_are_skipped_with_a_warning() -> None:
    parsed = dump("正文。", "关键词:甲", "多余一行", "标题", "摘要", "2023-08-10 10:00")
    assert parsed.article is not None and [b.text for b in parsed.article.blocks] == ["正文。"]
    assert [h.title for h in parsed.headlines] == ["标题"]
    assert any("1 line between the keywords" in w for w in parsed.warnings)


def test_only_a_line_starting_with_keywords_ends_the_body() -> None:
    parsed = dump("正文。", "本文关键词:甲 乙", "最后一段。")
    assert parsed.article is not None and parsed.article.keywords == ()
    assert len(parsed.article.blocks) == 3


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("关键词:甲 乙", ("甲", "乙")),
        ("关键词：甲、乙,丙，丁;戊；己", ("甲", "乙", "丙", "丁", "戊", "己")),
        ("关键词:  甲 ,, 、乙　丙 ", ("甲", "乙", "丙")),
        ("关键词:", ()),
        ("关键词：", ()),
    ],
)
def test_keywords_split(line: str, expected: tuple[str, ...]) -> None:
    parsed = dump("正文。", line)
    assert parsed.article is not None and parsed.article.keywords == expected


def test_blank_lines_mean_nothing() -> None:
    lines = ["记者 张三", "正文第一段。", "小标题", "正文第二段。", "关键词:甲", "标题", "摘要", "2023-08-10 10:00"]
    spaced = []
    for line in lines:
        spaced += ["", "   ", line, "\t"]
    assert dump(*spaced) == dump(*lines)


def test_orphans_anywhere_in_the_tail() -> None:
    parsed = dump(
        "2023-08-10 08:00",
        "标题一",
        "2023-08-10 09:00",
        "2023-08-10 09:30",
        "标题二",
        "摘要二",
        "2023-08-10 10:00",
        "2023-08-10 11:00",
        "2023-08-10 12:00",
    )
    assert parsed.article is None
    assert [h.title for h in parsed.headlines] == ["标题一", "标题二"]
    assert [h.position for h in parsed.headlines] == [0, 1]
    assert parsed.orphan_timestamps == 4
    assert len(parsed.warnings) == 1 and parsed.warnings[0].startswith("4 orphan timestamps")


def test_timestamp_only_dump_is_all_orphans() -> None:
    parsed = dump("2023-08-10 08:00", "23年08月10日 29:32")
    assert parsed.story_count == 0 and parsed.orphan_timestamps == 2


def test_text_after_the_last_timestamp_makes_an_article_only_dump() -> None:
    parsed = dump("标题", "2023-08-10 10:00", "正文。")
    assert parsed.headlines == ()
    assert parsed.article is not None and len(parsed.article.blocks) == 3


# --- rule 6: timestamps ----------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "date", "clock"),
    [
        ("23年08月10日 09:15", AUG10, dt.time(9, 15)),
        ("23年8月1日 9:05", dt.date(2023, 8, 1), dt.time(9, 5)),
        ("  23年08月10日\t09:15  ", AUG10, dt.time(9, 15)),
        ("2023-08-10 23:59", AUG10, dt.time(23, 59)),
        ("2023-08-10   00:00", AUG10, dt.time(0, 0)),
        ("1999-12-31 12:00", dt.date(1999, 12, 31), dt.time(12, 0)),
    ],
)
def test_timestamp_formats(line: str, date: dt.date, clock: dt.time) -> None:
    (h,) = dump("标题", line).headlines
    assert h.timestamp.raw == line.strip()
    assert (h.timestamp.date, h.timestamp.time) == (date, clock)


@pytest.mark.parametrize("line", ["2023/08/10 10:00", "2023-08-10", "23年08月10日", "8月10日 10:00", "2023-08-10 10:00:00", "23年08月10日 10:00 发布"])
def test_not_timestamps(line: str) -> None:
    parsed = dump("标题", line)
    assert parsed.headlines == () and parsed.orphan_timestamps == 0


@pytest.mark.parametrize("bad", ["24:00", "29:32", "12:60", "99:99"])
def test_one_impossible_clock_drops_every_clock_of_the_list(bad: str) -> None:
    parsed = dump("标题一", "2023-08-10 09:15", "标题二", f"23年08月10日 {bad}", "标题三", "2023-08-10 23:59")
    assert [h.timestamp.time for h in parsed.headlines] == [None, None, None]
    assert [h.timestamp.iso for h in parsed.headlines] == ["2023-08-10"] * 3
    assert parsed.headlines[1].timestamp.raw == f"23年08月10日 {bad}"


def test_an_impossible_orphan_clock_counts_too() -> None:
    parsed = dump("标题一", "2023-08-10 09:15", "2023-08-10 31:15")
    assert parsed.headlines[0].timestamp.time is None


def test_valid_clocks_are_kept() -> None:
    parsed = dump("标题一", "2023-08-10 09:15", "标题二", "23年08月11日 23:59", "2023-08-11 00:01")
    assert [h.timestamp.iso for h in parsed.headlines] == ["2023-08-10T09:15", "2023-08-11T23:59"]


@pytest.mark.parametrize("line", ["23年13月10日 09:15", "2023-02-30 09:15", "23年00月10日 09:15", "2023-08-32 09:15"])
def test_invalid_dates_keep_the_raw_text(line: str) -> None:
    parsed = dump("标题一", line, "标题二", "2023-08-10 10:00")
    first, second = parsed.headlines
    assert first.timestamp.raw == line and first.timestamp.date is None
    assert first.timestamp.iso is None
    assert second.timestamp.iso == "2023-08-10T10:00"
    assert any("impossible date" in w for w in parsed.warnings)


# --- rule 4: headline groups and truncation ---------------------------------------


def list_with(*one_liners: str) -> ParsedDump:
    """A list of two two-line groups (summaries cut at 66 columns) plus one-liners."""
    lines = ["标题甲", portal_cut(LONG_1), "2023-08-10 10:00", "标题乙", portal_cut(LONG_2), "2023-08-10 10:01"]
    for i, line in enumerate(one_liners):
        lines += [line, f"2023-08-10 11:{i:02d}"]
    return dump(*lines)


def test_two_line_group_is_title_and_truncated_summary() -> None:
    h = list_with().headlines[0]
    assert h.title == "标题甲" and h.summary == portal_cut(LONG_1)
    assert h.summary_truncated and not h.title_truncated


def test_one_line_cut_at_summary_width_is_truncated() -> None:
    cut = portal_cut(LONG_3)
    assert 62 <= display_width(cut) <= 66
    h = list_with(cut).headlines[2]
    assert h.title == cut and h.summary is None
    assert h.title_truncated and not h.summary_truncated


def test_one_line_narrower_than_summaries_is_whole() -> None:
    assert not list_with("青河市暑期游泳馆全面开放").headlines[2].title_truncated


def test_one_line_much_wider_than_summaries_is_whole() -> None:
    wide = "青河市举办首届乡村美食节吸引游客超过十万人次带动农产品销售额逾两千万元创历史新高"
    assert display_width(wide) > 66 + 4
    assert not list_with(wide).headlines[2].title_truncated


@pytest.mark.parametrize("end", ["。", "！", "？", "!", "?", "…", "；", ";", "。”", "！）", "?\""])
def test_one_line_with_closing_punctuation_is_whole(end: str) -> None:
    line = portal_cut(LONG_3, 66 - display_width(end)) + end
    assert not list_with(line).headlines[2].title_truncated


def test_closing_quote_without_punctuation_is_still_cut() -> None:
    line = portal_cut(LONG_3, 64) + "”"
    assert list_with(line).headlines[2].title_truncated


def test_without_two_line_groups_the_portal_width_is_used() -> None:
    cut = portal_cut(LONG_3)
    parsed = dump(cut, "2023-08-10 10:00", "短标题", "2023-08-10 10:01")
    assert [h.title_truncated for h in parsed.headlines] == [True, False]


def test_truncation_follows_the_list_summary_width() -> None:
    # summaries cut at 40 columns: a 40-column one-liner is cut, a 66-column one is whole
    parsed = dump(
        "标题甲", portal_cut(LONG_1, 40), "2023-08-10 10:00",
        portal_cut(LONG_3, 40), "2023-08-10 10:01",
        portal_cut(LONG_2, 66), "2023-08-10 10:02",
    )  # fmt: skip
    assert [h.title_truncated for h in parsed.headlines] == [False, True, False]


# --- rule 3: the article ---------------------------------------------------------


@pytest.mark.parametrize(
    "byline",
    [
        "记者 张三",
        "本报记者 张三 李四",
        "通讯员 李四",
        "责任编辑：王五",
        "作者：赵六",
        "来源：新华社",
        "实习生 钱七",
        "文/孙八",
        "图/周九",
        "文／吴十",
        "（记者 郑十一）",
        "本报讯(实习记者 王小明 通讯员 李大强 赵三)",
    ],
)
def test_byline_variants(byline: str) -> None:
    article = dump(byline, "正文第一段。").article
    assert article is not None
    assert article.byline == byline
    assert [b.text for b in article.blocks] == ["正文第一段。"]


@pytest.mark.parametrize(
    "first",
    [
        "本报讯 8月9日,青河市召开新闻发布会。",  # no marker
        "记者从青河市人民政府新闻办公室召开的新闻发布会上了解到,全市共改造老旧小区126个。",  # > 30
        "（图片来源：网络）",  # a picture caption, though it names a source
    ],
)
def test_not_a_byline(first: str) -> None:
    article = dump(first, "正文第一段。").article
    assert article is not None and article.byline is None
    assert article.blocks[0].text == first


def test_byline_only_on_the_first_line() -> None:
    article = dump("正文第一段。", "记者 张三", "正文第二段。").article
    assert article is not None and article.byline is None


def test_a_lone_byline_like_line_is_the_article() -> None:
    article = dump("来源：新华社").article
    assert article is not None and article.byline is None
    assert article.blocks[0].kind == "paragraph"


@pytest.mark.parametrize(
    ("lines", "kinds"),
    [
        (["小标题", "正文。"], ["heading", "paragraph"]),
        (["小标题", "(资料图片)", "正文。"], ["heading", "caption", "paragraph"]),
        (["小标题", "（图片来源：网络）", "(资料图)", "正文。"], ["heading", "caption", "caption", "paragraph"]),
        (["正文。", "小标题", "(资料图片)"], ["paragraph", "paragraph", "caption"]),
        (["正文。", "结尾没有标点的短句"], ["paragraph", "paragraph"]),
        (["“一楼一策”让改造更贴民心", "正文。"], ["heading", "paragraph"]),
        (["《条例》解读", "正文。"], ["heading", "paragraph"]),
        (["他说:“好的。”", "正文。"], ["paragraph", "paragraph"]),
        (["短句结束了！", "正文。"], ["paragraph", "paragraph"]),
        (["一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十", "正文。"], ["heading", "paragraph"]),
        (["一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一", "正文。"], ["paragraph", "paragraph"]),
        (["(甲)和(乙)", "正文。"], ["heading", "paragraph"]),
        (["(一)总体要求", "正文。"], ["heading", "paragraph"]),
        (["（图为2023年8月9日拍摄的青河市新貌。）", "正文。"], ["caption", "paragraph"]),
    ],
)
def test_block_kinds(lines: list[str], kinds: list[str]) -> None:
    article = dump(*lines).article
    assert article is not None and article.byline is None
    assert [b.kind for b in article.blocks] == kinds
    assert [b.text for b in article.blocks] == lines


# --- rule 5: the article's own group ----------------------------------------------

STOCK_BODY = "截至2023年8月9日收盘,青河股份(600999)报收于9.2元,上涨3.14%,换手率1.25%,成交额3.1亿元。"


def test_own_group_matches_despite_dropped_decimal_points() -> None:
    summary = portal_cut(STOCK_BODY)
    assert "报收于9 2元" in summary
    parsed = dump(
        STOCK_BODY,
        "其他标题",
        portal_cut(LONG_1),
        "2023-08-10 10:00",
        "青河股份8月9日主力资金净买入1203.55万元",
        summary,
        "2023-08-10 10:01",
    )
    article = parsed.article
    assert article is not None and not article.untitled
    assert article.title == "青河股份8月9日主力资金净买入1203.55万元"
    assert article.headline is not None and article.headline.position == 1
    assert article.headline.timestamp.iso == "2023-08-10T10:01"
    assert [h.title for h in parsed.headlines] == ["其他标题"]
    assert [h.position for h in parsed.headlines] == [0]
    assert parsed.story_count == 2


def test_own_group_includes_the_byline_and_ignores_spacing() -> None:
    parsed = dump("文/ 张 三", "今天 天气 晴朗,适合出游。", "标题", "文/张三今天天气晴朗", "2023-08-10 10:00")
    assert parsed.article is not None and parsed.article.title == "标题"
    assert parsed.headlines == ()


def test_own_group_may_skip_a_leading_caption() -> None:
    parsed = dump("(资料图片)", "今天天气晴朗,适合出游。", "标题", "今天天气晴朗,适合", "2023-08-10 10:00")
    assert parsed.article is not None and parsed.article.title == "标题"


def test_own_group_can_be_a_one_line_group() -> None:
    parsed = dump("今天天气晴朗,适合出游。明天有雨。", "关键词:天气", "今天天气晴朗,适合出游", "2023-08-10 10:00")
    article = parsed.article
    assert article is not None and not article.untitled
    assert article.title == "今天天气晴朗,适合出游"
    assert article.headline is not None and article.headline.summary is None
    assert parsed.headlines == ()


def test_no_matching_group_means_untitled() -> None:
    parsed = dump("今天天气晴朗,适合出游!明天有雨。", "关键词:天气", "标题", "别的内容", "2023-08-10 10:00")
    article = parsed.article
    assert article is not None and article.untitled and article.headline is None
    assert article.title == "今天天气晴朗,适合出游"
    assert [h.title for h in parsed.headlines] == ["标题"]


def test_summary_not_at_the_start_does_not_match() -> None:
    parsed = dump("今天天气晴朗,适合出游。明天有雨。", "标题", "明天有雨", "2023-08-10 10:00")
    assert parsed.article is not None and parsed.article.untitled


def test_untitled_title_is_cut_to_a_headline_length() -> None:
    sentence = "青河市" + "持续推进城市更新工作" * 6 + "。后一句。"
    article = dump(sentence).article
    assert article is not None and article.untitled
    assert article.title == sentence[:40] + "…"


def test_untitled_title_skips_captions_and_the_byline() -> None:
    article = dump("记者 张三", "(资料图片)", "第一句话?第二句话。").article
    assert article is not None and article.title == "第一句话"


def test_parse_dump_raises_dump_error_for_non_text() -> None:
    with pytest.raises(DumpError):
        parse_dump(b"")

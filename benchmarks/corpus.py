"""Text for the benchmark library: real news recombined, or a small built-in synthetic vocabulary.

Owns reading the news corpus (gzip JSON lines with ``title``, ``body``, ``published``) into clean
records, the pools of real sentences and title phrases that new titles and bodies are recombined
from, and the built-in synthetic text used without a corpus. Both sources answer the same
questions (``TextSource``), so the generator never knows which one it has.
Must not import ``newsreader`` (the benchmark measures it) and never writes files: corpus text is
copyrighted and must not end up in the repository.
"""

from __future__ import annotations

import gzip
import itertools
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from collections.abc import Iterator, Sequence


class CorpusError(Exception):
    """The corpus file cannot be read; ``str(err)`` is one line for the user."""


@dataclass(frozen=True)
class Record:
    """One corpus item, cleaned: body paragraphs are non-empty stripped lines."""

    title: str
    paragraphs: tuple[str, ...]
    published: str | None  # the corpus's own text, e.g. "2023-06-06" or "2018-05-02 10:31:00"


# Control, format, private-use and line/paragraph separator characters: str.splitlines() treats
# some of them as line breaks, which would change the dump's line structure.
_INVISIBLE_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb\ue000-\uf8ff\ud800-\udfff]"
)
_SPACES_RE = re.compile(r"[ \t\u3000\xa0]+")
#: A sentence: text up to and including its closing punctuation and any closing quotes.
_SENTENCE_RE = re.compile(r"[^。！？!?]+(?:[。！？!?]+[”’」』)）]*)?")
_PHRASE_SPLIT_RE = re.compile(r"[\s,，:：;；!！?？|丨]+")
#: Lines the dump format gives a meaning to: the keywords label and timestamp lines.
_FORMAT_LINE_RE = re.compile(r"关键词|\d\d年\d\d月\d\d日 \d\d:\d\d$|\d{4}-\d\d-\d\d \d\d:\d\d$")
_PAIRS = ("“”", "‘’", "《》", "（）", "()", "「」", "【】", "[]")
#: How real titles join their phrases (counted on the corpus's titles).
_TITLE_SEPARATORS = (" ", "：", "，", "！", "？", "——", ":")
_TITLE_SEPARATOR_CUMULATIVE = tuple(itertools.accumulate((50, 20, 8, 4, 3, 1, 1)))


def clean_line(text: str) -> str:
    """One line of text as the portal would print it: no invisible characters, single spaces."""
    return _SPACES_RE.sub(" ", _INVISIBLE_RE.sub("", text)).strip()


def has_format_meaning(line: str) -> bool:
    """A line that would not read as plain text in a dump (keywords label, timestamp)."""
    return _FORMAT_LINE_RE.match(line) is not None


def split_sentences(paragraph: str) -> list[str]:
    # NOTE: a sentence that starts a recombined line must not read as the keywords label
    return [s for s in map(str.strip, _SENTENCE_RE.findall(paragraph))
            if s and not has_format_meaning(s)]


def _balanced(text: str) -> bool:
    return all(text.count(pair[0]) == text.count(pair[1]) for pair in _PAIRS)


def read_records(path: Path) -> list[Record]:
    """Every corpus item with a title, in file order."""
    records = []
    try:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                try:
                    item = json.loads(line)
                except json.JSONDecodeError as err:
                    raise CorpusError(f"{path}:{number}: not a JSON line ({err.msg})") from None
                title = clean_line(item.get("title") or "")
                if not title or has_format_meaning(title):
                    continue
                body = (item.get("body") or "").replace("\r\n", "\n").replace("\r", "\n")
                paragraphs = tuple(
                    p for p in (clean_line(raw) for raw in body.split("\n"))
                    if p and not has_format_meaning(p)
                )
                published = item.get("published") or None
                records.append(Record(title, paragraphs, published))
    except (OSError, EOFError, UnicodeDecodeError) as err:
        raise CorpusError(f"cannot read the corpus {path}: {err}") from None
    if not records:
        raise CorpusError(f"the corpus {path} has no records with a title")
    return records


def iter_corpus_text(path: Path) -> Iterator[str]:
    """Titles and bodies exactly as the corpus has them (for character statistics)."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            yield item.get("title") or ""
            yield item.get("body") or ""


class TextSource(Protocol):
    """Where the generator's words come from."""

    label: str
    records: Sequence[Record]

    def title(self, rng: random.Random) -> str: ...
    def sentence(self, rng: random.Random) -> str: ...
    def heading(self, rng: random.Random) -> str: ...
    def keywords(self, rng: random.Random) -> list[str]: ...
    def paragraph_shape(self, rng: random.Random) -> tuple[int, ...]: ...


class CorpusText:
    """Real news: the records themselves, and real sentences and title phrases to recombine."""

    def __init__(self, path: Path) -> None:
        self.label = str(path)
        self.records = read_records(path)
        sentences: list[str] = []
        shapes: list[tuple[int, ...]] = []
        for record in self.records:
            if not record.paragraphs:
                continue
            shape = []
            for paragraph in record.paragraphs:
                found = split_sentences(paragraph)
                sentences.extend(found)
                shape.append(max(1, len(found)))
            shapes.append(tuple(shape))
        phrases = sorted({
            phrase
            for record in self.records
            for phrase in _PHRASE_SPLIT_RE.split(record.title)
            if 2 <= len(phrase) <= 24 and _balanced(phrase) and not has_format_meaning(phrase)
        })
        if not sentences or not phrases:
            raise CorpusError(f"the corpus {path} has no body text to recombine")
        self._sentences = sentences
        self._shapes = shapes
        self._phrases = phrases
        self._headings = [p for p in phrases if 6 <= len(p) <= 20 and p[-1] not in "。！？!?…；;"]
        self._keywords = [p for p in phrases if 2 <= len(p) <= 6] or phrases

    def title(self, rng: random.Random) -> str:
        while True:
            count = 2 if rng.random() < 0.8 else 3
            separator = rng.choices(_TITLE_SEPARATORS, cum_weights=_TITLE_SEPARATOR_CUMULATIVE)[0]
            title = separator.join(rng.choice(self._phrases) for _ in range(count))
            if 8 <= len(title) <= 44:
                return title

    def sentence(self, rng: random.Random) -> str:
        return rng.choice(self._sentences)

    def heading(self, rng: random.Random) -> str:
        return rng.choice(self._headings)

    def keywords(self, rng: random.Random) -> list[str]:
        return rng.sample(self._keywords, rng.randint(1, 5))

    def paragraph_shape(self, rng: random.Random) -> tuple[int, ...]:
        return rng.choice(self._shapes)


# ---------------------------------------------------------------------------------------------
# Built-in synthetic text. Word lists written for this project (common newsroom vocabulary, no
# copyrighted text); most frequent first, drawn with Zipf-like weights.
_NOUNS = (
    "经济 发展 市场 企业 工作 建设 国家 社会 服务 项目 技术 创新 产业 城市 农村 教育 学生 医疗 "
    "健康 文化 旅游 交通 能源 环境 安全 管理 政策 改革 会议 活动 地区 部门 人员 群众 居民 公司 "
    "银行 投资 价格 数据 计划 目标 问题 情况 合作 国际 体育 比赛 球队 冠军 科技 手机 网络 平台 "
    "用户 消费 生活 就业 收入 水平 质量 标准 规划 乡村 生态 制造 金融 股份 公告 股票 基金 指数 "
    "专家 资金 业绩 模式 机制 体系 基础 设施 领域 行业 单位 社区 学校 医院 儿童 老人 家庭 天气 "
    "气温 降雨 高铁 机场 汽车 电池 芯片 电影 演出 展览 博物馆 图书馆 公园 道路 住房 农业 粮食"
).split()
_VERBS = (
    "推进 加强 提高 促进 完善 支持 实施 开展 举行 召开 发布 显示 表示 认为 指出 提升 推动 保障 "
    "落实 建立 增加 减少 上涨 下降 增长 突破 启动 完成 参加 获得 组织 引导 鼓励 优化 扩大 打造 "
    "培训 调查 通报 签署 宣布 迎来 走进 关注 服务 检查 处理 解决 改善"
).split()
_ADJECTIVES = "重要 重点 全面 积极 有效 稳定 良好 明显 主要 新型 绿色 智能 优质 持续 进一步".split()
_FUNCTION = "的 了 在 和 与 是 对 为 将 也 都 等 中 上 已 并 及 还 被 把 从 向".split()
_PLACES = (
    "北京 上海 天津 重庆 河北 山西 辽宁 吉林 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 "
    "海南 四川 贵州 云南 陕西 甘肃 青海 广西 西藏 宁夏 新疆 内蒙古 深圳 广州 杭州 南京 成都 武汉"
).split()
_TIME_WORDS = "今年 去年 目前 近日 日前 今天 昨天 上半年 下半年 第一季度 同比 环比".split()
_UNITS = ("万元", "亿元", "人", "个", "家", "吨", "公里", "%", "万人次", "平方米")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN_NAMES = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉玲婷雪琳晨畅宇浩凯健俊帆"
BYLINE_ROLES = ("记者", "本报记者", "实习记者", "通讯员", "实习生", "编辑")
CAPTIONS = (
    "(资料图片仅供参考)", "(资料图)", "（资料图）", "(图片来源网络,侵删)", "(图文无关)",
    "（图片来源：网络）", "(受访者供图)", "（视频截图）",
)


def _zipf(items: Sequence[str]) -> list[float]:
    return [1.0 / (rank + 2) for rank in range(len(items))]


class SyntheticText:
    """Newsroom-ish Chinese made from a built-in vocabulary: for CI and users without a corpus."""

    label = "synthetic"
    records: Sequence[Record] = ()

    def __init__(self) -> None:
        self._noun_weights = _zipf(_NOUNS)
        self._verb_weights = _zipf(_VERBS)

    def _noun(self, rng: random.Random) -> str:
        return rng.choices(_NOUNS, self._noun_weights)[0]

    def _verb(self, rng: random.Random) -> str:
        return rng.choices(_VERBS, self._verb_weights)[0]

    def _number(self, rng: random.Random) -> str:
        if rng.random() < 0.4:  # decimals, so the portal's dropped decimal points show up
            return f"{rng.randint(1, 999)}.{rng.randint(1, 99)}{rng.choice(_UNITS)}"
        return f"{rng.randint(2, 9999)}{rng.choice(_UNITS)}"

    def title(self, rng: random.Random) -> str:
        left = rng.choice(_PLACES) + self._noun(rng) + self._verb(rng) + self._noun(rng)
        right = rng.choice(_ADJECTIVES) + self._noun(rng) + self._verb(rng) + self._number(rng)
        separator = rng.choices(_TITLE_SEPARATORS, cum_weights=_TITLE_SEPARATOR_CUMULATIVE)[0]
        return left + separator + right

    def sentence(self, rng: random.Random) -> str:
        clauses = []
        for _ in range(rng.randint(1, 3)):
            words = [rng.choice(_TIME_WORDS)] if rng.random() < 0.3 else []
            words.append(rng.choice(_PLACES) if rng.random() < 0.3 else self._noun(rng))
            words += [self._verb(rng), rng.choice(_ADJECTIVES), self._noun(rng)]
            words += [rng.choice(_FUNCTION), self._noun(rng)]
            if rng.random() < 0.35:
                words += ["达到", self._number(rng)]
            clauses.append("".join(words))
        return "，".join(clauses) + ("。" if rng.random() < 0.95 else "！")

    def heading(self, rng: random.Random) -> str:
        return self._verb(rng) + rng.choice(_ADJECTIVES) + self._noun(rng) + self._noun(rng)

    def keywords(self, rng: random.Random) -> list[str]:
        return rng.sample(_NOUNS, rng.randint(1, 5))

    def paragraph_shape(self, rng: random.Random) -> tuple[int, ...]:
        return tuple(rng.randint(1, 5) for _ in range(rng.randint(2, 10)))


def open_text_source(corpus: Path | None) -> TextSource:
    """The corpus when given and present, else the synthetic text."""
    if corpus is not None and corpus.is_file():
        return CorpusText(corpus)
    return SyntheticText()

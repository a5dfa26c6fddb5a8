"""Writes small page dumps in the reference portal's format, for tests.

Owns nothing but test data: the layout of a dump (article, 关键词 line, headline groups
closed by timestamps, orphan timestamps). Must not import newsreader.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Group:
    """One headline group: one or two text lines, then a timestamp line."""

    lines: tuple[str, ...]
    stamp: str


def group(*lines: str, stamp: str = "23年08月10日 29:32") -> Group:
    return Group(tuple(lines), stamp)


@dataclass(frozen=True)
class DumpText:
    article: Sequence[str] = ()
    keywords: str | None = None
    groups: Sequence[Group] = ()
    orphans: Sequence[str] = field(default_factory=tuple)

    def text(self) -> str:
        lines = list(self.article)
        if self.keywords is not None:
            lines.append("关键词:" + self.keywords)
        for g in self.groups:
            lines.extend(g.lines)
            lines.append(g.stamp)
        lines.extend(self.orphans)
        return "\n".join(lines)

    def bytes(self, encoding: str = "utf-8") -> bytes:
        return self.text().encode(encoding)


ARTICLE = (
    "记者 王小明",
    "8月9日,某市召开新闻发布会。记者从会上了解到,全市儿童保障标准连续提高。",
    "坚持聚力推动",
    "(资料图片仅供参考)",
    "不断抬高保障底线。三项儿童保障标准较2020年分别增长25%以上。",
    "不断突破保障高线。去年首次将111名儿童纳入助学范围。",
)
ARTICLE_TITLE = "某市儿童保障标准连续提高"
ARTICLE_SUMMARY = "记者王小明8月9日,某市召开新闻发布会。记者从会上了解到,全市儿童"


def article_dump(stamp: str = "23年08月10日 29:32", extra: Sequence[Group] = ()) -> DumpText:
    return DumpText(
        article=ARTICLE,
        keywords="儿童 保障",
        groups=(group(ARTICLE_TITLE, ARTICLE_SUMMARY, stamp=stamp), *extra),
    )

"""Character statistics: how close a generated library's text is to the real news corpus.

Owns reading dump text back for statistics (decode, drop timestamp lines) and the comparison:
total variation distance (TVD) over characters, over CJK characters only and over character
bigrams (a stand-in for words), the same distances between two halves of the corpus as the
noise floor, and the top characters side by side.
Must not import ``newsreader`` (its parser is what the benchmark measures); never prints more
corpus text than single characters.
"""

from __future__ import annotations

import operator
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus import iter_corpus_text

_TIMESTAMP_LINE_RE = re.compile(r"^(?:\d\d年\d\d月\d\d日|\d{4}-\d\d-\d\d) \d\d:\d\d$")
_WHITESPACE_RE = re.compile(r"\s+")
_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
TOP = 20


def decode_dump(data: bytes) -> str:
    """The text of a dump: BOM first, then strict UTF-8, then GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def library_files(folder: Path, max_files: int | None = None) -> list[Path]:
    """The library's dumps in name order, or at most ``max_files`` spread evenly over it."""
    files = sorted(folder.rglob("*.txt"))
    if max_files is None or len(files) <= max_files:
        return files
    return [files[i * len(files) // max_files] for i in range(max_files)]


def dump_parts(text: str) -> tuple[str, str]:
    """What a reader reads, without whitespace: (article text, headline list text).

    Timestamp lines and the ``关键词:`` label are left out; keywords count as article text.
    """
    article: list[str] = []
    headlines: list[str] = []
    kept = article
    for line in text.splitlines():
        if kept is article and line.startswith(("关键词:", "关键词：")):
            article.append(line[4:])
            kept = headlines
        elif not _TIMESTAMP_LINE_RE.match(line.strip()):
            kept.append(line)
    return _WHITESPACE_RE.sub("", "".join(article)), _WHITESPACE_RE.sub("", "".join(headlines))


@dataclass
class Counts:
    chars: Counter
    bigrams: Counter

    @classmethod
    def empty(cls) -> Counts:
        return cls(Counter(), Counter())

    def add(self, text: str) -> None:
        self.chars.update(text)
        self.bigrams.update(map(operator.add, text, text[1:]))


def tvd(left: Counter, right: Counter) -> float:
    """Total variation distance between two frequency tables: 0 same, 1 disjoint."""
    left_total, right_total = sum(left.values()) or 1, sum(right.values()) or 1
    return 0.5 * sum(
        abs(left.get(key, 0) / left_total - right.get(key, 0) / right_total)
        for key in left.keys() | right.keys()
    )


def _cjk_only(counts: Counter) -> Counter:
    return Counter({c: n for c, n in counts.items() if _CJK_RE.match(c)})


@dataclass(frozen=True)
class Distances:
    chars: float
    cjk: float
    bigrams: float

    @classmethod
    def between(cls, left: Counts, right: Counts) -> Distances:
        return cls(tvd(left.chars, right.chars), tvd(_cjk_only(left.chars), _cjk_only(right.chars)),
                   tvd(left.bigrams, right.bigrams))


@dataclass(frozen=True)
class Report:
    files: int
    generated_chars: int
    corpus_chars: int
    whole: Distances  # all dump text against all corpus text (titles and bodies)
    articles: Distances  # article text against the corpus's bodies
    floor: Distances  # the corpus against itself: odd records against even ones
    unseen_share: float  # generated characters that never occur in the corpus
    top: tuple[tuple[str, float, str, float], ...]  # generated char, share, corpus char, share


def _merged(*parts: Counts) -> Counts:
    merged = Counts.empty()
    for part in parts:
        merged.chars.update(part.chars)
        merged.bigrams.update(part.bigrams)
    return merged


def compare_library(folder: Path, corpus: Path, max_files: int | None = 3000) -> Report:
    files = library_files(folder, max_files)
    articles, headlines = Counts.empty(), Counts.empty()
    for path in files:
        article, headline_list = dump_parts(decode_dump(path.read_bytes()))
        articles.add(article)
        headlines.add(headline_list)
    generated = _merged(articles, headlines)
    titles, bodies = Counts.empty(), Counts.empty()
    halves = (Counts.empty(), Counts.empty())
    for number, text in enumerate(iter_corpus_text(corpus)):
        text = _WHITESPACE_RE.sub("", text)
        (bodies if number % 2 else titles).add(text)  # the corpus yields title, body, title, ...
        halves[(number // 2) % 2].add(text)  # a record's title and body go to the same half
    whole = _merged(titles, bodies)
    generated_total = sum(generated.chars.values()) or 1
    corpus_total = sum(whole.chars.values()) or 1
    tops = zip(generated.chars.most_common(TOP), whole.chars.most_common(TOP))
    return Report(
        files=len(files),
        generated_chars=sum(generated.chars.values()),
        corpus_chars=sum(whole.chars.values()),
        whole=Distances.between(generated, whole),
        articles=Distances.between(articles, bodies),
        floor=Distances.between(*halves),
        unseen_share=sum(n for c, n in generated.chars.items() if c not in whole.chars)
        / generated_total,
        top=tuple((g, gn / generated_total, c, cn / corpus_total) for (g, gn), (c, cn) in tops),
    )


def format_report(report: Report) -> str:
    lines = [
        f"generated: {report.files} dumps, {report.generated_chars:,} characters; "
        f"corpus: {report.corpus_chars:,} characters",
        "total variation distance (0 = same distribution, 1 = disjoint)",
        "                                   characters   CJK only   char bigrams",
    ]
    for label, distances in (
        ("dumps vs corpus (titles+bodies)", report.whole),
        ("articles vs corpus bodies", report.articles),
        ("noise floor: corpus half vs half", report.floor),
    ):
        lines.append(f"  {label:<33}{distances.chars:>8.4f}   {distances.cjk:>8.4f}   "
                     f"{distances.bigrams:>8.4f}")
    lines += [
        f"generated characters never seen in the corpus: {report.unseen_share:.2%}",
        f"top {TOP} characters:   generated        corpus",
    ]
    for rank, (g, gs, c, cs) in enumerate(report.top, 1):
        lines.append(f"  {rank:>2}.  {g}  {gs:6.2%}      {c}  {cs:6.2%}")
    return "\n".join(lines)

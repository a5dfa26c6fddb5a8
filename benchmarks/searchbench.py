"""Search timings of the benchmark table: six query classes, newsreader against ``rg``.

Owns the **search** rows (issue 4): sampling queries from the library's own stored text
(seeded, so every run asks the same questions of the same library), timing the first page of
20 ranked results with snippets (``newsreader.store.search.search``), the share of queries
answered in date order (too broad to rank), and ``rg -l -F`` over the dump files for the same
queries as the baseline a user would reach for. Must not import Qt.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.reads import summarize
from newsreader.store import Library
from newsreader.store.search import search

CLASSES = ("1-char", "2-char", "3-4-char", "mixed", "latin", "multi-term")
LIMIT = 20

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
# A digit run (from its start, as the search rules match it) followed by Han: 8月, 2023年.
_MIXED = re.compile(r"(?<![0-9])[0-9]{1,4}[\u4e00-\u9fff]")
# A Latin letter run from its start, at most 12 letters (a longer run gives its prefix).
_LATIN = re.compile(r"(?<![A-Za-z])[A-Za-z]{2,12}")


def _han_piece(text: str, rng: random.Random, lengths: tuple[int, ...]) -> str | None:
    length = rng.choice(lengths)
    runs = [m.group() for m in _HAN_RUN.finditer(text) if len(m.group()) >= length]
    if not runs:
        return None
    # Weighted by run length, so every position of the text is about equally likely.
    run = rng.choices(runs, weights=[len(r) - length + 1 for r in runs])[0]
    start = rng.randrange(len(run) - length + 1)
    return run[start : start + length]


def _pick(pattern: re.Pattern[str]) -> Callable[[str, random.Random], str | None]:
    def pick(text: str, rng: random.Random) -> str | None:
        found = pattern.findall(text)
        return rng.choice(found) if found else None

    return pick


def _multi(text: str, rng: random.Random) -> str | None:
    first = _han_piece(text, rng, (2, 3))
    second = _han_piece(text, rng, (2, 3))
    if first is None or second is None or first == second:
        return None
    return f"{first} {second}"


PICKERS: dict[str, Callable[[str, random.Random], str | None]] = {
    "1-char": lambda text, rng: _han_piece(text, rng, (1,)),
    "2-char": lambda text, rng: _han_piece(text, rng, (2,)),
    "3-4-char": lambda text, rng: _han_piece(text, rng, (3, 4)),
    "mixed": _pick(_MIXED),
    "latin": _pick(_LATIN),
    "multi-term": _multi,
}


def _story_text(library: Library, story_id: int) -> str:
    story = library.get_story(story_id)
    if story is None:
        return ""
    return "\n".join([story.title, story.summary or "", *(b.text for b in story.blocks)])


def sample_queries(library_path: Path, per_class: int = 40, seed: int = 1) -> dict[str, list[str]]:
    """``per_class`` distinct queries per class, taken from random stories' stored text.

    Latin and mixed runs are rare in Chinese news: up to ``per_class * 60`` stories are
    read looking for them, and a class may end up with fewer queries (the count is reported).
    """
    rng = random.Random(seed)
    queries: dict[str, list[str]] = {name: [] for name in CLASSES}
    with Library.open(library_path, create=False) as library:
        low, high = library.conn.execute("SELECT min(id), max(id) FROM stories").fetchone()
        if low is None:
            return queries
        for name in CLASSES:
            seen = queries[name]
            for _attempt in range(per_class * 60):
                if len(seen) >= per_class:
                    break
                row = library.conn.execute(
                    "SELECT id FROM stories WHERE id >= ? ORDER BY id LIMIT 1",
                    (rng.randint(low, high),),
                ).fetchone()
                query = PICKERS[name](_story_text(library, int(row[0])), rng)
                if query and query not in seen:
                    seen.append(query)
    return queries


def measure_search(library_path: Path, queries: dict[str, list[str]]) -> dict[str, Any]:
    """Time ``search(library, q, limit=20)`` once per query, on a fresh connection."""
    out: dict[str, Any] = {}
    with Library.open(library_path, create=False) as library:
        search(library, "新闻", limit=LIMIT)  # untimed: loads the schema and the first pages
        for name, group in queries.items():
            times: list[float] = []
            by_date = 0
            totals: list[int] = []
            each: list[dict[str, Any]] = []
            for query in group:
                started = time.perf_counter()
                results = search(library, query, limit=LIMIT)
                times.append((time.perf_counter() - started) * 1000)
                by_date += results.order == "date"
                totals.append(results.total)
                each.append({"query": query, "ms": round(times[-1], 2), "total": results.total,
                             "order": results.order})
            out[name] = {
                **summarize(times),
                "queries": len(group),
                "date_order_share": by_date / len(group) if group else None,
                "no_hits": sum(t == 0 for t in totals),
                "median_total": sorted(totals)[len(totals) // 2] if totals else 0,
                "samples_ms": times,
                "slowest": sorted(each, key=lambda e: -e["ms"])[:5],
            }
    return out


def rg_term(query: str) -> str:
    """What ``rg -F`` is given: the query itself, or a multi-term query's first term."""
    return query.split()[0]


def measure_rg(dumps_dir: Path, queries: dict[str, list[str]], per_class: int) -> dict[str, Any]:
    """``rg -l -F TERM DUMPS`` wall time for the first ``per_class`` queries of each class."""
    rg = shutil.which("rg")
    if rg is None:
        return {"measured": False, "reason": "rg (ripgrep) is not installed"}
    out: dict[str, Any] = {"measured": True}
    for name, group in queries.items():
        times = []
        for query in group[:per_class]:
            started = time.perf_counter()
            done = subprocess.run([rg, "-l", "-F", "--", rg_term(query), str(dumps_dir)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            times.append((time.perf_counter() - started) * 1000)
            if done.returncode not in (0, 1):  # 1 = no match
                raise RuntimeError(f"rg failed: {done.stderr.decode(errors='replace')[:300]}")
        out[name] = {**summarize(times), "first_term_only": name == "multi-term"}
    return out


def combine(search_times: dict[str, Any], rg_times: dict[str, Any]) -> dict[str, Any]:
    """Per class: newsreader's figures, rg's median, and rg/newsreader on the same queries."""
    classes: dict[str, Any] = {}
    for name, figures in search_times.items():
        row = {k: v for k, v in figures.items() if k != "samples_ms"}
        rg = rg_times.get(name) if rg_times.get("measured") else None
        if rg and rg["runs"]:
            same = summarize(figures["samples_ms"][: rg["runs"]])
            row["rg_median_ms"] = rg["median_ms"]
            row["rg_queries"] = rg["runs"]
            row["rg_first_term_only"] = rg["first_term_only"]
            row["rg_ratio"] = rg["median_ms"] / same["median_ms"] if same["median_ms"] else None
        classes[name] = row
    return classes

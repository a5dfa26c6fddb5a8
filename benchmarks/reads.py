"""Read timings of the benchmark table: the newest page, paging by key, opening a story.

Owns the **read** rows (issue 3). Every figure is taken on a fresh ``Library`` connection
(the import ran in another process), through the store's public API: ``list_rows(100)``,
``list_rows(100, before=key)`` for the middle and the end of the list (the keys are looked
up once, untimed), and ``get_story`` of seeded random ids. Median and p95 over ``runs`` calls.
Must not import Qt.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from newsreader.store import Library

PAGE = 100


def summarize(samples_ms: Sequence[float]) -> dict[str, float | None]:
    """Median and p95 (nearest rank) of milliseconds, with the count (None when no samples)."""
    ordered = sorted(samples_ms)
    if not ordered:
        return {"runs": 0, "median_ms": None, "p95_ms": None, "max_ms": None}
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return {"runs": len(ordered), "median_ms": statistics.median(ordered), "p95_ms": p95,
            "max_ms": ordered[-1]}


def _time_ms(call: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def _key_at(library: Library, offset: int) -> int | None:
    # Set-up only, untimed: OFFSET is fine once (the app pages by key, never by OFFSET).
    row = library.conn.execute(
        "SELECT sort_key FROM stories ORDER BY sort_key DESC LIMIT 1 OFFSET ?", (offset,)
    ).fetchone()
    return None if row is None else int(row[0])


def _random_ids(library: Library, count: int, seed: int) -> list[int]:
    low, high = library.conn.execute("SELECT min(id), max(id) FROM stories").fetchone()
    if low is None:
        return []
    rng = random.Random(seed)
    ids: list[int] = []
    for _ in range(count):
        row = library.conn.execute(
            "SELECT id FROM stories WHERE id >= ? ORDER BY id LIMIT 1",
            (rng.randint(low, high),),
        ).fetchone()
        ids.append(int(row[0]))
    return ids


def _repeat(call: Callable[[], object], runs: int, check: Callable[[object], bool]) -> dict:
    first_ms, result = _time_ms(call)  # the first call on a fresh connection: reported apart
    if not check(result):
        raise RuntimeError(f"read benchmark got an unexpected result: {result!r:.200}")
    samples = [_time_ms(call)[0] for _ in range(runs)]
    return {**summarize(samples), "first_ms": first_ms}


def measure_reads(library_path: Path, runs: int = 50, seed: int = 1) -> dict[str, Any]:
    """The four read rows, each a dict with median_ms, p95_ms, runs and first_ms."""
    with Library.open(library_path, create=False) as setup:
        total = setup.count_stories()
        middle = _key_at(setup, total // 2)
        end = _key_at(setup, max(0, total - PAGE - 1))
        ids = _random_ids(setup, runs + 1, seed)
    out: dict[str, Any] = {"stories": total}
    with Library.open(library_path, create=False) as library:
        def full_page(rows: object) -> bool:
            return isinstance(rows, list) and len(rows) == min(PAGE, total)

        out["list_newest"] = _repeat(lambda: library.list_rows(PAGE), runs, full_page)
        out["page_middle"] = _repeat(
            lambda: library.list_rows(PAGE, before=middle), runs,
            lambda rows: isinstance(rows, list) and len(rows) == min(PAGE, total - total // 2 - 1),
        )
        out["page_end"] = _repeat(
            lambda: library.list_rows(PAGE, before=end), runs,
            lambda rows: isinstance(rows, list) and len(rows) == min(PAGE, total - 1),
        )
    with Library.open(library_path, create=False) as library:
        if ids:
            first_ms, story = _time_ms(lambda: library.get_story(ids[0]))
            if story is None:
                raise RuntimeError(f"get_story({ids[0]}) found nothing")
            samples = []
            for story_id in ids[1:]:
                elapsed, story = _time_ms(lambda: library.get_story(story_id))  # noqa: B023
                if story is None:
                    raise RuntimeError(f"get_story({story_id}) found nothing")
                samples.append(elapsed)
            out["open_story"] = {**summarize(samples), "first_ms": first_ms}
    return out

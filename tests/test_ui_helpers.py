"""Real libraries for the desktop app's tests, built by importing dumps (no mocks).

Owns the helpers the ``test_ui_*`` modules share (they import them from here) and the
checks that the helpers build what they claim.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dumpwriter import DumpText, article_dump, group
from newsreader.store import Importer, Library

BASE_DAY = dt.date(2023, 8, 10)


def headline_title(n: int) -> str:
    return f"第{n}号新闻:青河市举行第{n}场社区活动"


def list_dump(first: int, count: int, day: dt.date, *, clock: bool = True) -> DumpText:
    """A list-only dump of ``count`` headline groups numbered from ``first``, on ``day``."""
    groups = []
    for i in range(count):
        n = first + i
        minute = (n * 7) % 60
        hour = 8 + (count - i) % 12
        stamp = (
            f"{day:%y}年{day:%m}月{day:%d}日 {hour:02d}:{minute:02d}"
            if clock
            else f"{day:%y}年{day:%m}月{day:%d}日 {30 + i % 20}:{minute:02d}"
        )
        groups.append(
            group(
                headline_title(n),
                f"据了解,第{n}场活动吸引了许多居民参加,"
                "现场气氛热烈,主办方表示",
                stamp=stamp,
            )
        )
    return DumpText(groups=groups)


def write(tmp_path: Path, name: str, dump: DumpText) -> Path:
    path = tmp_path / "dumps" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(dump.bytes())
    return path


def make_dumps(tmp_path: Path, days: int = 3, per_day: int = 6) -> list[Path]:
    """One article dump plus ``days`` list dumps of ``per_day`` headlines, newest day first."""
    paths = [write(tmp_path, "article.txt", article_dump())]
    n = 1
    for d in range(days):
        day = BASE_DAY - dt.timedelta(days=d + 1)
        paths.append(write(tmp_path, f"list{d}.txt", list_dump(n, per_day, day)))
        n += per_day
    return paths


def make_library(
    tmp_path: Path, paths: list[Path] | None = None, name: str = "lib.sqlite3"
) -> Path:
    library_path = tmp_path / name
    paths = make_dumps(tmp_path) if paths is None else paths
    with Library.open(library_path) as library:
        results = Importer(library).import_paths(paths)
    assert all(r.status == "imported" for r in results), results
    return library_path


def test_make_library_holds_every_story(tmp_path: Path) -> None:
    path = make_library(tmp_path, make_dumps(tmp_path, days=3, per_day=6))
    with Library.open(path) as library:
        assert library.count_stories() == 1 + 18
        rows = library.list_rows(50)
    assert rows[0].has_body  # the article (2023-08-10) is the newest
    assert {r.published[:10] for r in rows} == {"2023-08-10", "2023-08-09", "2023-08-08",
                                                 "2023-08-07"}
    assert all(len(r.published) == 16 for r in rows[1:])  # list dumps carry real clocks

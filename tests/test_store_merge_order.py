"""A story is a function of the SET of its sources: any import order, same stories.

Issue 10 defect 13. A pool of overlapping dumps (generic titles with several bodies,
headline-only and untitled copies, clocks and date-only stamps, a bad date, the same
body under two titles, other encodings) is imported in orders hypothesis picks; the
stories (titles, dates, bodies, summaries, sources) must not depend on the order.
Two importer processes at once must give what one import gives.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pagewriter import article_page
from dumpwriter import ARTICLE_SUMMARY, ARTICLE_TITLE, DumpText, article_dump, group
from newsreader.store import Importer, Library
from newsreader.store.merge import recompute_stories

GENERIC = "国内联播快讯"
BODY_1 = "第一条快讯的正文内容讲述了一件事情。后来又发生了别的事情。"
BODY_2 = "第二条快讯的正文完全不同说的是另一件事。结尾也不一样。"
BODY_3 = "第三条快讯讲的是天气。明天有雨。"
X = ("标题甲说的是市场", "摘要甲")


def _broadcast(body: str, *extra, stamp: str = "23年08月10日 19:30") -> DumpText:
    return DumpText(article=[body], keywords="快讯",
                    groups=[group(GENERIC, body[:12], stamp=stamp), *extra])


POOL: list[tuple[str, bytes]] = [
    ("b1", _broadcast(BODY_1, group(*X)).bytes()),
    ("b2", _broadcast(BODY_2, group(GENERIC, BODY_1[:10], stamp="23年08月10日 19:30"))
     .bytes()),
    ("b3", _broadcast(BODY_3).bytes("gb18030")),
    ("heads", DumpText(groups=[group(GENERIC, BODY_2[:8], stamp="23年08月10日 19:30"),
                              group(*X, stamp="23年08月10日 09:15")]).bytes()),
    ("nomatch", DumpText(groups=[group(GENERIC, "与任何正文都不相干的摘要",
                                       stamp="23年08月10日 19:30")]).bytes()),
    ("untitled1", DumpText(article=[BODY_1], keywords="",
                           groups=[group("别的新闻", "别的摘要")]).bytes()),
    ("untitled2", DumpText(article=[BODY_2], keywords="").bytes("utf-16")),
    ("article", article_dump(extra=[group(*X, stamp="23年08月10日 29:13")]).bytes()),
    ("clocked", DumpText(groups=[group(ARTICLE_TITLE, ARTICLE_SUMMARY,
                                       stamp="23年08月10日 09:15")]).bytes()),
    ("baddate", DumpText(groups=[group(*X, stamp="23年13月45日 10:00")]).bytes()),
    ("punct", DumpText(groups=[group("标题甲,说的是市场!", "摘要甲的另一个更长的版本",
                                     stamp="23年08月10日 29:13")]).bytes()),
    ("b1-utf16", _broadcast(BODY_1, group(*X)).bytes("utf-16")),
    ("retitled", DumpText(article=[BODY_1], keywords="",
                          groups=[group("换了标题的同一篇", BODY_1[:12])]).bytes()),
    ("nextday", _broadcast(BODY_1, stamp="23年08月11日 19:30").bytes()),
    ("headline-only", DumpText(groups=[group(ARTICLE_TITLE, ARTICLE_SUMMARY)]).bytes()),
    # One saved page three times (a fix of its date, other comments): one story by address.
    ("page", article_page().encode()),
    ("page-again", article_page(comments=False, charset_meta="gbk").encode("gbk", "replace")),
    ("page-fixed", article_page(date_line="2023年08月10日 18:26　来源：本地日报").encode()),
]


def _stories(lib: Library) -> list[tuple]:
    """Every story as plain content, sources named by their dump's bytes."""
    sha = dict(lib.conn.execute("SELECT id, sha256 FROM dumps"))
    out = []
    for s in lib.iter_stories():
        sources = sorted((sha[src.dump_id], src.role, src.position, src.published_raw or "")
                         for src in s.sources)
        out.append((s.title, s.untitled, s.title_truncated, s.summary, s.summary_truncated,
                    s.byline, s.keywords, s.blocks, s.published, s.published_raw, s.has_body,
                    tuple(sources)))
    return sorted(out, key=repr)


def _index_rows(lib: Library) -> list[tuple]:
    """The search index's postings, to compare with a rebuilt index."""
    conn = lib.conn
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab "
                 "USING fts5vocab(main, story_search, instance)")
    return conn.execute("SELECT term, doc, col, offset FROM temp.vocab ORDER BY 1, 2, 3, 4"
                        ).fetchall()


def _assert_index_in_step(lib: Library) -> None:
    from newsreader.store import search_index

    kept = _index_rows(lib)
    lib.conn.execute("BEGIN IMMEDIATE")
    search_index.rebuild(lib.conn)
    rebuilt = _index_rows(lib)
    lib.conn.execute("ROLLBACK")
    assert kept == rebuilt


def _import_in_order(folder: Path, lib_path: Path, names: list[str]) -> list[tuple]:
    with Library.open(lib_path) as lib:
        importer = Importer(lib, parallel=False)
        for name in names:
            [result] = importer.import_paths([folder / f"{name}.txt"])
            assert result.status == "imported", result
        _assert_index_in_step(lib)
        return _stories(lib)


@pytest.fixture(scope="module")
def pool_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pool")
    for name, data in POOL:
        (folder / f"{name}.txt").write_bytes(data)  # the format is sniffed, not named
    return folder


def test_the_pool_exercises_the_hard_cases(pool_folder: Path, tmp_path: Path) -> None:
    names = [name for name, _ in POOL]
    stories = _import_in_order(pool_folder, tmp_path / "lib.sqlite3", names)
    by_title: dict[str, list[tuple]] = {}
    for s in stories:
        by_title.setdefault(s[0], []).append(s)
    # Three bodies of the generic title on one day, one the next day.
    generic = [s for s in by_title[GENERIC] if s[8].startswith("2023-08-10")]
    assert sorted(s[7][0].text for s in generic) == sorted([BODY_1, BODY_2, BODY_3])
    # The headline "heads" announces BODY_2 (its summary begins it), not BODY_1.
    with_2 = next(s for s in generic if s[7][0].text == BODY_2)
    assert any(src[0] == _sha(pool_folder, "heads") for src in with_2[11])
    # The untitled copies joined the titled stories of the same body.
    assert not any(s[1] for s in stories)
    # The clock from "clocked" wins over the date-only stamps of the same story.
    assert next(s for s in by_title[ARTICLE_TITLE])[8] == "2023-08-10T09:15"
    # The longest title text of one (title, date) wins; the bad date is its own story.
    assert "标题甲,说的是市场!" in by_title
    assert [s[8] for s in by_title[X[0]]] == [None]
    # Every save of one page is one story; the earliest of its clocks is kept.
    [page] = [s for s in stories if (s[8] or "").startswith("2023-08-10T18:2")]
    assert page[8] == "2023-08-10T18:25" and len(page[11]) == 3


def _sha(folder: Path, name: str) -> str:
    import hashlib

    return hashlib.sha256((folder / f"{name}.txt").read_bytes()).hexdigest()


@pytest.mark.slow  # over 3 s on 2 shared cores: the fast subset stays under a minute
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations([name for name, _ in POOL]), size=st.integers(2, len(POOL)))
def test_any_order_of_the_same_dumps_gives_the_same_stories(
    pool_folder: Path, tmp_path_factory: pytest.TempPathFactory, order: list[str], size: int
) -> None:
    chosen = order[:size]
    work = tmp_path_factory.mktemp("order")
    one = _import_in_order(pool_folder, work / "shuffled.sqlite3", chosen)
    other = _import_in_order(pool_folder, work / "sorted.sqlite3", sorted(chosen))
    assert one == other


def test_recomputing_a_story_after_removing_a_source_equals_never_importing_it(
    pool_folder: Path, tmp_path: Path
) -> None:
    """What ``forget-import`` relies on: drop a dump's sources, recompute the stories."""
    names = [name for name, _ in POOL]
    for forgotten in ("b2", "untitled1", "article", "clocked"):
        path = tmp_path / f"{forgotten}.sqlite3"
        _import_in_order(pool_folder, path, names)
        with Library.open(path) as lib:
            conn = lib.conn
            conn.execute("BEGIN IMMEDIATE")
            (dump_id,) = conn.execute(
                "SELECT id FROM dumps WHERE path LIKE ?", (f"%/{forgotten}.txt",)).fetchone()
            ids = [r[0] for r in conn.execute(
                "SELECT DISTINCT story_id FROM sources WHERE dump_id = ?", (dump_id,))]
            conn.execute("DELETE FROM sources WHERE dump_id = ?", (dump_id,))
            result = recompute_stories(conn, ids)
            from newsreader.store import search_index

            search_index.reindex_touched(conn, result.touched)
            conn.execute("DELETE FROM dump_bytes WHERE dump_id = ?", (dump_id,))
            conn.execute("DELETE FROM dumps WHERE id = ?", (dump_id,))
            conn.execute("COMMIT")
            after = _stories(lib)
            _assert_index_in_step(lib)
            assert result.unreadable_sources == 0
        expected = _import_in_order(pool_folder, tmp_path / f"without-{forgotten}.sqlite3",
                                    [n for n in names if n != forgotten])
        assert after == expected, forgotten


def test_marks_survive_a_regroup(pool_folder: Path, tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib.sqlite3") as lib:
        importer = Importer(lib, parallel=False)
        importer.import_paths([pool_folder / "untitled1.txt"])
        [story] = [s for s in lib.list_stories(None) if s.has_body]
        lib.set_starred([story.id])
        # The titled copy of the same body takes the untitled one in.
        importer.import_paths([pool_folder / "b1.txt"])
        body_1 = [s for s in lib.list_stories(None) if s.has_body]
        assert len(body_1) == 1 and body_1[0].starred and not body_1[0].untitled
        assert body_1[0].id == story.id  # the story kept its id


CONCURRENT_FILES = 60


def _many_dumps(folder: Path) -> list[Path]:
    paths = []
    for i in range(CONCURRENT_FILES):
        bodies = [BODY_1, BODY_2, BODY_3]
        extra = [group(f"{GENERIC}", bodies[(i + 1) % 3][:6 + i % 5], stamp="23年08月10日 19:30"),
                 group(f"滚动新闻{i % 7}", f"摘要{i % 4}", stamp=f"23年08月1{i % 3}日 {i % 24:02d}:15")]
        if i % 4 == 0:
            dump = DumpText(article=[bodies[i % 3] + f"第{i % 2}版。"], keywords="",
                            groups=extra)
        else:
            dump = _broadcast(bodies[i % 3] + f"第{i % 2}版。", *extra)
        path = folder / f"{i:03d}.txt"
        path.write_bytes(dump.bytes("gb18030" if i % 5 == 0 else "utf-8"))
        paths.append(path)
    return paths


def test_two_importer_processes_at_once_give_what_one_import_gives(tmp_path: Path) -> None:
    folder = tmp_path / "dumps"
    folder.mkdir()
    paths = _many_dumps(folder)
    shared = tmp_path / "shared.sqlite3"
    Library.open(shared).close()
    cmd = [sys.executable, "-m", "newsreader", "--library", str(shared), "import"]
    procs = [
        subprocess.Popen(cmd + [str(p) for p in paths], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True),
        subprocess.Popen(cmd + [str(p) for p in reversed(paths)], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True),
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    with Library.open(shared) as lib:
        together = _stories(lib)
        integrity = lib.conn.execute("PRAGMA integrity_check").fetchone()[0]
    # One import, one file at a time, in yet another order.
    import random

    alone_path = tmp_path / "alone.sqlite3"
    with Library.open(alone_path) as lib:
        importer = Importer(lib, parallel=False)
        for path in random.Random(7).sample(paths, len(paths)):
            importer.import_paths([path])
        alone = _stories(lib)
    assert integrity == "ok"
    assert together == alone

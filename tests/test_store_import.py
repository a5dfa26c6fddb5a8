"""Importing dumps into a real library file: merging, idempotence, atomicity, rejections."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dumpwriter import ARTICLE_SUMMARY, ARTICLE_TITLE, DumpText, article_dump, group
from newsreader.store import ImportCancelled, Importer, Library


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _import(library: Library, *paths: Path):
    return Importer(library).import_paths(paths)


def _snapshot(library: Library) -> dict[str, list]:
    tables = ["dumps", "dump_bytes", "stories", "sources"]
    return {t: library.conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}


OTHER = group("另一条新闻的标题", "另一条新闻的摘要被门户截断在这里", stamp="23年08月10日 28:13")


def test_article_and_headlines_become_stories(tmp_path: Path, library_path: Path) -> None:
    dump = _write(tmp_path, "a.txt", article_dump(extra=[OTHER]).bytes())
    with Library.open(library_path) as lib:
        [result] = _import(lib, dump)
        assert (result.status, result.added, result.updated) == ("imported", 2, 0)
        stories = lib.list_stories(None)
    assert len(stories) == 2
    article = next(s for s in stories if s.has_body)
    assert article.title == ARTICLE_TITLE
    assert article.byline == "记者 王小明"
    assert article.keywords == ("儿童", "保障")
    assert [b.kind for b in article.blocks] == ["paragraph", "heading", "caption", "paragraph",
                                                "paragraph"]
    assert article.published == "2023-08-10"
    assert article.published_raw == "23年08月10日 29:32"
    assert [(s.role, s.path) for s in article.sources] == [("article", str(dump))]
    headline = next(s for s in stories if not s.has_body)
    assert headline.summary_truncated and headline.summary.startswith("另一条新闻")


def test_reimport_is_unchanged_and_changes_nothing(tmp_path: Path, library_path: Path) -> None:
    dump = _write(tmp_path, "a.txt", article_dump(extra=[OTHER]).bytes())
    with Library.open(library_path) as lib:
        _import(lib, dump)
        before = _snapshot(lib)
        [again] = _import(lib, dump)
        assert again.status == "unchanged"
        assert _snapshot(lib) == before


def test_same_content_in_another_encoding_merges(tmp_path: Path, library_path: Path) -> None:
    text = article_dump(extra=[OTHER])
    utf8 = _write(tmp_path, "a.txt", text.bytes("utf-8"))
    gbk = _write(tmp_path, "a-gb.txt", text.bytes("gb18030"))
    with Library.open(library_path) as lib:
        _import(lib, utf8)
        [result] = _import(lib, gbk)
        assert (result.status, result.encoding, result.added, result.updated) == (
            "imported", "gb18030", 0, 2)
        story = lib.list_stories(None)[0]
        assert {s.path for s in story.sources} == {str(utf8), str(gbk)}
        assert lib.count_stories() == 2


def test_original_bytes_are_kept(tmp_path: Path, library_path: Path) -> None:
    data = article_dump().bytes("utf-16")
    dump = _write(tmp_path, "a.txt", data)
    with Library.open(library_path) as lib:
        _import(lib, dump)
        [record] = lib.imports()
        assert lib.dump_bytes(record.id) == data
        assert record.encoding == "utf-16" and record.size == len(data)
    dump.unlink()  # nothing depends on the file any more
    with Library.open(library_path) as lib:
        assert lib.dump_bytes(record.id) == data


def test_headline_story_gains_the_body_later(tmp_path: Path, library_path: Path) -> None:
    headline_only = DumpText(groups=[group(ARTICLE_TITLE, ARTICLE_SUMMARY), OTHER])
    first = _write(tmp_path, "1.txt", headline_only.bytes())
    second = _write(tmp_path, "2.txt", article_dump().bytes())
    with Library.open(library_path) as lib:
        _import(lib, first)
        story_id = next(s.id for s in lib.list_stories(None) if s.title == ARTICLE_TITLE)
        assert not lib.get_story(story_id).has_body
        [result] = _import(lib, second)
        assert (result.added, result.updated) == (0, 1)
        story = lib.get_story(story_id)
        assert story.has_body and story.byline == "记者 王小明"
        assert [s.role for s in story.sources] == ["headline", "article"]


def test_precise_time_replaces_date_only_but_keeps_raw(tmp_path: Path, library_path: Path) -> None:
    garbled = DumpText(groups=[group("标题甲", "摘要甲", stamp="23年08月10日 29:32")])
    clocked = DumpText(groups=[group("标题甲", "摘要甲", stamp="23年08月10日 09:15")])
    with Library.open(library_path) as lib:
        _import(lib, _write(tmp_path, "1.txt", garbled.bytes()))
        [r] = _import(lib, _write(tmp_path, "2.txt", clocked.bytes()))
        assert (r.added, r.updated) == (0, 1)
        [story] = lib.list_stories(None)
        assert story.published == "2023-08-10T09:15"
        assert [s.published_raw for s in story.sources] == ["23年08月10日 29:32",
                                                             "23年08月10日 09:15"]
        # ...and a later date-only sighting does not make it less precise.
        later = DumpText(groups=[group("标题甲", "摘要甲", stamp="23年08月10日 33:01")])
        _import(lib, _write(tmp_path, "3.txt", later.bytes("gb18030")))
        assert lib.list_stories(None)[0].published == "2023-08-10T09:15"


def test_generic_titles_with_new_bodies_are_new_stories(tmp_path: Path, library_path: Path) -> None:
    def broadcast(body: str) -> DumpText:
        return DumpText(
            article=[body], keywords="",
            groups=[group("国内联播快讯", body[:20], stamp="23年08月10日 19:30")],
        )

    a = _write(tmp_path, "a.txt", broadcast("第一条快讯的正文内容讲述了一件事情。").bytes())
    b = _write(tmp_path, "b.txt", broadcast("第二条快讯的正文完全不同说的是另一件事。").bytes())
    c = _write(tmp_path, "c.txt", DumpText(
        groups=[group("国内联播快讯", "第二条快讯的正文完全不同", stamp="23年08月10日 19:30")]
    ).bytes())
    with Library.open(library_path) as lib:
        _import(lib, a)
        [rb] = _import(lib, b)
        assert rb.added == 1
        [rc] = _import(lib, c)
        assert (rc.added, rc.updated) == (0, 1)
        stories = lib.list_stories(None)
        assert len(stories) == 2
        newest_seen = next(s for s in stories if "第二条" in s.blocks[0].text)
        assert len(newest_seen.sources) == 2


def test_untitled_article_is_known_by_its_text(tmp_path: Path, library_path: Path) -> None:
    body = DumpText(article=["一段没有标题的正文。它只在这里出现。"], keywords="")
    with Library.open(library_path) as lib:
        _import(lib, _write(tmp_path, "1.txt", body.bytes()))
        [r] = _import(lib, _write(tmp_path, "2.txt", body.bytes("utf-8-sig")))
        assert (r.added, r.updated) == (0, 1)
        [story] = lib.list_stories(None)
        assert story.untitled and story.published is None


def test_a_failure_mid_dump_leaves_the_library_unchanged(tmp_path: Path, library_path: Path) -> None:
    good = _write(tmp_path, "good.txt", DumpText(groups=[OTHER]).bytes())
    bad = _write(tmp_path, "bad.txt", article_dump(extra=[
        group("第三条", "摘要三"), group("第四条", "摘要四")]).bytes())
    with Library.open(library_path) as lib:
        _import(lib, good)
        before = _snapshot(lib)
        # A real SQLite failure half-way through the dump: the third sighting aborts.
        lib.conn.execute(
            "CREATE TRIGGER fail_third BEFORE INSERT ON sources WHEN NEW.position = 2 "
            "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
        )
        with pytest.raises(Exception, match="injected failure"):
            Importer(lib).import_file(bad)
        assert _snapshot(lib) == before
        # In a batch, the failing dump is reported and the others still import.
        other = _write(tmp_path, "other.txt", DumpText(groups=[group("别的", "摘要")]).bytes())
        results = _import(lib, bad, other)
        assert [r.status for r in results] == ["rejected", "imported"]
        assert "injected failure" in results[0].error
        lib.conn.execute("DROP TRIGGER fail_third")
        [r] = _import(lib, bad)
        assert r.status == "imported" and r.added == 3


def test_cancel_rolls_back_the_current_dump_only(tmp_path: Path, library_path: Path) -> None:
    first = _write(tmp_path, "1.txt", DumpText(groups=[OTHER]).bytes())
    second = _write(tmp_path, "2.txt", article_dump().bytes())
    calls = {"n": 0}

    def cancel_during_second_dump() -> bool:
        calls["n"] += 1
        return calls["n"] > 3  # checks: before file 1, its sighting, before file 2, ...

    with Library.open(library_path) as lib:
        results = Importer(lib, should_cancel=cancel_during_second_dump).import_paths(
            [first, second])
        assert [r.status for r in results] == ["imported"]
        assert [r.path for r in lib.imports()] == [str(first)]
        assert lib.count_stories() == 1
        with pytest.raises(ImportCancelled):
            Importer(lib, should_cancel=lambda: True).import_bytes(
                article_dump().bytes(), label="x")
        assert lib.count_stories() == 1


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary"),
        (b"PK\x03\x04" + bytes(200) + b"\xff\xfe\xfd" * 50, "binary"),
    ],
)
def test_bad_files_are_rejected_in_one_line(
    tmp_path: Path, library_path: Path, data: bytes, reason: str
) -> None:
    bad = _write(tmp_path, "bad.txt", data)
    good = _write(tmp_path, "good.txt", DumpText(groups=[OTHER]).bytes())
    with Library.open(library_path) as lib:
        results = _import(lib, bad, good)
    assert [r.status for r in results] == ["rejected", "imported"]
    assert results[0].error and "\n" not in results[0].error


def test_missing_path_empty_folder_and_huge_file(tmp_path: Path, library_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(67_108_865)  # sparse: 64 MiB + 1 byte
    with Library.open(library_path) as lib:
        results = _import(lib, tmp_path / "nope.txt", tmp_path / "empty", huge)
    assert [r.status for r in results] == ["rejected"] * 3
    assert "no such file" in results[0].error
    assert "no dumps" in results[1].error
    assert "64 MiB" in results[2].error


def test_folders_are_searched_recursively_for_txt(tmp_path: Path, library_path: Path) -> None:
    _write(tmp_path, "in/a/1.txt", DumpText(groups=[OTHER]).bytes())
    _write(tmp_path, "in/b/2.TXT", article_dump().bytes())
    _write(tmp_path, "in/b/notes.md", b"not a dump")
    with Library.open(library_path) as lib:
        results = _import(lib, tmp_path / "in")
    assert sorted(Path(r.path).name for r in results) == ["1.txt", "2.TXT"]


def test_keyset_paging_walks_every_story_once(tmp_path: Path, library_path: Path) -> None:
    groups = [group(f"标题{i}", f"摘要{i}", stamp=f"23年08月{1 + i % 28:02d}日 {i % 24:02d}:15")
              for i in range(60)]
    with Library.open(library_path) as lib:
        _import(lib, _write(tmp_path, "1.txt", DumpText(groups=groups).bytes()))
        seen, before = [], None
        while page := lib.list_rows(7, before):
            seen.extend(page)
            before = page[-1].sort_key
        assert len(seen) == 60 == len({r.id for r in seen})
        published = [r.published for r in seen]
        assert published == sorted(published, reverse=True)


def test_undated_stories_come_last(tmp_path: Path, library_path: Path) -> None:
    dated = DumpText(groups=[OTHER])
    undated = DumpText(article=["没有日期的一篇文章。内容。"], keywords="")
    with Library.open(library_path) as lib:
        _import(lib, _write(tmp_path, "2.txt", undated.bytes()))
        _import(lib, _write(tmp_path, "1.txt", dated.bytes()))
        assert [s.published is None for s in lib.list_stories(None)] == [False, True]


def test_a_damaged_file_gives_a_plain_error(tmp_path: Path) -> None:
    from newsreader.store import LibraryError

    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(LibraryError, match="damaged or is not a newsreader library"):
        Library.open(bad)


def test_a_library_from_a_newer_program_is_refused(library_path: Path) -> None:
    from newsreader.store import LibraryError

    Library.open(library_path).close()
    conn = sqlite3.connect(library_path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(LibraryError, match="newer newsreader"):
        Library.open(library_path)


def test_a_large_batch_merges_the_index_segments(
    tmp_path: Path, library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsreader.store import importer

    monkeypatch.setattr(importer, "OPTIMIZE_AFTER", 3)
    paths = []
    for i in range(4):
        paths.append(_write(tmp_path, f"{i}.txt", DumpText(groups=[
            group(f"标题{i}-{j}", f"摘要{i}-{j}") for j in range(3)]).bytes()))
    with Library.open(library_path) as lib:
        Importer(lib, commit_every=1e-9).import_paths(paths)  # a commit per dump
        segments = lib.conn.execute(
            "SELECT count(DISTINCT segid) FROM story_search_idx").fetchone()[0]
        assert segments == 1 and lib.count_stories() == 12


def test_a_story_at_23_59_sorts_within_its_own_day() -> None:
    import datetime as dt

    from newsreader.store.identity import day_floor_key, sort_key

    late = sort_key(5, dt.date(2023, 8, 10), dt.time(23, 59))
    next_day = sort_key(6, dt.date(2023, 8, 11), None)
    assert day_floor_key(dt.date(2023, 8, 10)) <= late < day_floor_key(dt.date(2023, 8, 11))
    assert late < next_day


def test_large_batches_are_prepared_in_a_helper_process_with_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsreader.store import preparing

    folder = tmp_path / "in"
    for i in range(12):
        groups = [group(f"标题{i % 5}-{j}", f"摘要{j}", stamp=f"2023-08-1{j} 10:0{i % 9}")
                  for j in range(4)]
        _write(folder, f"{i:02d}.txt", (article_dump(extra=groups) if i % 3 == 0
                                        else DumpText(groups=groups)).bytes())
    _write(folder, "zz-bad.txt", b"\x00\x01binary")
    monkeypatch.setattr(preparing, "PARALLEL_MIN_FILES", 2)

    def import_with(parallel: bool) -> tuple[list, list]:
        path = tmp_path / f"lib-{parallel}.sqlite3"
        with Library.open(path) as lib:
            results = Importer(lib, parallel=parallel).import_paths([folder])
            rows = lib.conn.execute(
                "SELECT id, title, published, has_body, text_key FROM stories ORDER BY id"
            ).fetchall()
        return [(r.status, r.added, r.updated, r.error) for r in results], rows

    assert import_with(True) == import_with(False)


def test_cancel_stops_the_helper_process_cleanly(
    tmp_path: Path, library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsreader.store import preparing

    monkeypatch.setattr(preparing, "PARALLEL_MIN_FILES", 2)
    folder = tmp_path / "in"
    for i in range(40):
        _write(folder, f"{i:02d}.txt", DumpText(groups=[group(f"标题{i}", "摘要")]).bytes())
    done: list[str] = []
    with Library.open(library_path) as lib:
        # commit_every=0: each dump commits (and is reported) alone, so the cancel
        # after the fifth report lands at a known place.
        importer = Importer(lib, on_file=lambda n, total, r: done.append(r.status),
                            should_cancel=lambda: len(done) >= 5, commit_every=0)
        results = importer.import_paths([folder])
        assert len(results) == 5 and lib.count_stories() == 5


KILLED_IMPORT = """
import multiprocessing, sys, time
from pathlib import Path
from newsreader.store import preparing
folder = Path(sys.argv[1])
files = [(p.name, p) for p in sorted(folder.glob("*.txt"))]
ahead = preparing.prepared_ahead(files)
next(ahead)  # the helper is running
print(*(p.pid for p in multiprocessing.active_children()), flush=True)
time.sleep(60)  # killed long before this ends
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_a_killed_import_does_not_leave_its_helper_behind(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "in"
    for i in range(80):
        _write(folder, f"{i:02d}.txt", DumpText(groups=[group(f"标题{i}", "摘要")]).bytes())
    parent = subprocess.Popen([sys.executable, "-c", KILLED_IMPORT, str(folder)],
                              stdout=subprocess.PIPE, text=True)
    try:
        helpers = [int(pid) for pid in parent.stdout.readline().split()]
        assert helpers, "no helper process was started"
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        parent.stdout.close()

    def running(pid: int) -> bool:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return False
        return "\nState:\tZ" not in status  # a zombie has exited

    deadline = time.monotonic() + 15
    while any(running(pid) for pid in helpers) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [pid for pid in helpers if running(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == []

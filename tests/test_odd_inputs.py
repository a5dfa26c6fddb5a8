"""Odd paths, hostile text and tiny files: the batch goes on, the terminal stays safe.

Real files in tmp_path (names that are not UTF-8, 1,100 folders deep, newlines in
names), real stories carrying terminal escapes, random files of a few bytes, and the
modes of the files a new library is made of.
"""

from __future__ import annotations

import json
import os
import random
import stat
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dumpwriter import DumpText, article_dump, group
from newsreader.cli import cli
from newsreader.store import Importer, Library


def run(library: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--library", str(library), *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def _headlines(*titles: str) -> bytes:
    return DumpText(groups=[group(t, "摘要" * 10) for t in titles]).bytes()


@pytest.mark.skipif(sys.platform != "linux", reason="Linux file names are bytes")
def test_a_name_that_is_not_utf8_is_imported_with_its_bytes_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    gbk = os.fsdecode("新闻".encode("gbk") + b".txt")  # as unzipped from a GBK zip
    (folder / gbk).write_bytes(_headlines("第一条新闻"))
    (folder / "ok.txt").write_bytes(_headlines("第二条新闻"))
    library = tmp_path / "lib.sqlite3"
    code, out = run(library, "import", "--json", str(folder))
    assert code == 0
    paths = [f["path"] for f in json.loads(out)["files"]]
    assert str(folder / "\\xd0\\xc2\\xce\\xc5.txt") in paths
    shown = run(library, "show", "1")[1] + run(library, "show", "2")[1]
    assert "\\xd0\\xc2\\xce\\xc5.txt" in shown
    code, out = run(library, "imports")
    assert code == 0 and "\\xd0\\xc2" in out


def test_a_folder_1100_levels_deep_is_searched(tmp_path: Path) -> None:
    root = tmp_path / "deep"
    # NOTE: built with relative paths from inside, as PATH_MAX (4096) is soon reached.
    os.makedirs(root)
    here = os.getcwd()
    try:
        os.chdir(root)
        for _ in range(1100):
            os.mkdir("d")
            os.chdir("d")
        Path("bottom.txt").write_bytes(_headlines("最深处的新闻标题"))
    finally:
        os.chdir(here)
    (root / "top.txt").write_bytes(_headlines("最上面的新闻标题"))
    try:
        with Library.open(tmp_path / "lib.sqlite3") as lib:
            results = Importer(lib).import_paths([root])
            assert [r.status for r in results] == ["imported", "imported"]
            assert lib.count_stories() == 2
            assert max(len(r.path) for r in results) > 2200
    finally:
        _remove_deep(root)


def _remove_deep(root: Path) -> None:
    """Remove a very deep tree without recursion (pytest's cleanup recurses)."""
    here = os.getcwd()
    try:
        os.chdir(root)
        depth = 0
        while os.path.isdir("d"):
            os.chdir("d")
            depth += 1
        for name in os.listdir("."):
            os.remove(name)
        for _ in range(depth):
            os.chdir("..")
            os.rmdir("d")
    finally:
        os.chdir(here)


def test_a_newline_in_a_name_does_not_forge_a_report_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a\nimported   forged.txt").write_bytes(_headlines("真的新闻标题"))
    code, out = run(tmp_path / "lib.sqlite3", "import", str(folder))
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2  # the file's line and the summary
    assert lines[0].startswith("imported   ") and "a\\x0aimported   forged.txt" in lines[0]
    code, out = run(tmp_path / "lib.sqlite3", "import", "--json", str(folder))
    assert json.loads(out)["files"][0]["path"].endswith("a\nimported   forged.txt")


OSC_TITLE = "\x1b]0;pwned\x07"
OSC_CLIPBOARD = "\x1b]52;c;cm0gLXJmIH4=\x07"


def test_terminal_escapes_in_stories_never_reach_the_terminal(tmp_path: Path) -> None:
    dump = tmp_path / "evil.txt"
    dump.write_bytes(DumpText(
        article=[f"记者 王{OSC_TITLE}", f"正文里藏着{OSC_CLIPBOARD}一段转义序列，还有更多的文字。"],
        keywords="经济",
        groups=[group(f"标题{OSC_TITLE}经济新闻", f"摘要{OSC_CLIPBOARD}经济")]
        + [group(f"第{i}条普通的经济新闻标题", "普通的摘要文字" * 5) for i in range(20)],
    ).bytes())
    library = tmp_path / "lib.sqlite3"
    code, out = run(library, "import", str(dump))
    assert code == 0, out
    for args in (["list"], ["show", "1"], ["show", "2"], ["search", "经济"], ["imports"]):
        code, out = run(library, *args)
        assert code == 0, args
        assert "\x1b" not in out and "\x07" not in out, args
    assert "\\x1b]0;pwned\\x07" in run(library, "list")[1]
    code, out = run(library, "list", "--json")
    assert any(OSC_TITLE in story["title"] for story in json.loads(out))  # JSON keeps it


def test_tiny_random_files_are_rejected_with_a_reason(tmp_path: Path) -> None:
    rng = random.Random(53)
    folder = tmp_path / "tiny"
    folder.mkdir()
    for i in range(60):
        (folder / f"{i:02d}.txt").write_bytes(rng.randbytes(rng.randrange(1, 8)))
    (folder / "words.txt").write_bytes("你好".encode())
    with Library.open(tmp_path / "lib.sqlite3") as lib:
        results = Importer(lib).import_paths([folder])
        assert {r.status for r in results} == {"rejected"}
        assert lib.count_stories() == 0
    reasons = {r.error.code for r in results}
    assert "dump.no_story" in reasons
    assert all(r.error for r in results)


def test_a_short_real_dump_is_still_a_story(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib.sqlite3") as lib:
        [r] = Importer(lib).import_paths([_write(tmp_path, "one.txt", _headlines("短标题"))])
        assert r.status == "imported" and lib.count_stories() == 1


def _write(folder: Path, name: str, data: bytes) -> Path:
    (folder / name).write_bytes(data)
    return folder / name


def test_a_new_library_is_private(tmp_path: Path) -> None:
    data = tmp_path / "data" / "newsreader"
    library = data / "library.sqlite3"
    old_umask = os.umask(0o022)
    try:
        with Library.open(library) as lib:
            Importer(lib).import_paths([_write(tmp_path, "a.txt", article_dump().bytes())])
            for extra in ("-wal", "-shm"):
                side = Path(str(library) + extra)
                if side.exists():
                    assert stat.S_IMODE(side.stat().st_mode) == 0o600, extra
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE(library.stat().st_mode) == 0o600


def test_a_library_the_user_placed_keeps_its_mode(tmp_path: Path) -> None:
    library = tmp_path / "shared.sqlite3"
    Library.open(library).close()
    library.chmod(0o644)
    with Library.open(library) as lib:
        Importer(lib).import_paths([_write(tmp_path, "a.txt", article_dump().bytes())])
    assert stat.S_IMODE(library.stat().st_mode) == 0o644


def test_the_log_files_are_private(tmp_path: Path) -> None:
    import logging

    from newsreader.ui import errors

    old_umask = os.umask(0o022)
    try:
        handler = errors._private_log_file(tmp_path / "newsreader.log")
        handler.emit(logging.LogRecord("newsreader", logging.WARNING, __file__, 1, "读过的新闻",
                                       None, None))
        handler.doRollover()
        handler.emit(logging.LogRecord("newsreader", logging.WARNING, __file__, 1, "又一条",
                                       None, None))
        handler.close()
    finally:
        os.umask(old_umask)
    logs = sorted(tmp_path.glob("newsreader.log*"))
    assert len(logs) == 2
    assert {stat.S_IMODE(p.stat().st_mode) for p in logs} == {0o600}

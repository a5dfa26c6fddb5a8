"""Files that are not a healthy library of ours: foreign, damaged, newer, read-only, empty.

Every command gives one clear line naming the file and what to do (exit 3), never a
traceback, and never writes to a file it did not make (checked byte for byte). Real
files; the commands run in-process through click's runner.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from click.testing import CliRunner

from dumpwriter import DumpText, article_dump, group
from newsreader.cli import cli


def run_cli(library: Path, *args: str) -> subprocess.CompletedProcess:
    """The command in this process (CliRunner): the same code, no start-up cost."""
    result = CliRunner().invoke(cli, ["--library", str(library), *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)

COMMANDS = [
    ["list"], ["stats"], ["show", "1"], ["imports"], ["search", "新闻"], ["reindex"],
]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _a_dump(tmp_path: Path) -> Path:
    dump = tmp_path / "d.txt"
    groups = [group(f"第{i}条新闻标题", "新闻摘要" * 10) for i in range(200)]
    dump.write_bytes(DumpText(groups=groups).bytes())
    return dump


def _library(tmp_path: Path) -> Path:
    library = tmp_path / "lib.sqlite3"
    assert run_cli(library, "import", str(_a_dump(tmp_path))).returncode == 0
    return library


def _every_command_refuses(
    library: Path, tmp_path: Path, *words: str, commands: list[list[str]] = COMMANDS
) -> None:
    before = _digest(library)
    dump = tmp_path / "new.txt"
    dump.write_bytes(article_dump().bytes())
    for args in [*commands, ["import", str(dump)], ["import", "--json", str(dump)]]:
        run = run_cli(library, *args)
        assert run.returncode == 3, (args, run.stdout, run.stderr)
        assert "Traceback" not in run.stderr, (args, run.stderr)
        line = run.stderr.strip().splitlines()[-1]
        assert str(library) in line, (args, line)
        for word in words:
            assert word in line, (args, line)
    assert _digest(library) == before, "the file was written"
    assert not Path(str(library) + "-wal").exists()


@pytest.mark.parametrize("how", ["tables", "user_version", "application_id"])
def test_another_programs_database_is_left_untouched(tmp_path: Path, how: str) -> None:
    foreign = tmp_path / "other.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO notes (text) VALUES ('mine')")
    if how == "user_version":
        conn.execute("PRAGMA user_version = 7")
    if how == "application_id":
        conn.execute("PRAGMA application_id = 1234")
    conn.commit()
    conn.close()
    _every_command_refuses(foreign, tmp_path, "not a newsreader library", "untouched")


def test_a_file_that_is_not_sqlite_is_left_untouched(tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_bytes("一些笔记\n".encode() * 500)
    _every_command_refuses(other, tmp_path, "not a newsreader library")


def _overwrite_a_page(library: Path, page: int) -> None:
    page_size = 4096
    with open(library, "r+b") as f:
        f.seek(page_size * page)
        f.write(b"\xa5" * page_size)


def test_a_page_overwritten_in_the_middle_is_damage_and_points_at_check(tmp_path: Path) -> None:
    library = _library(tmp_path)
    conn = sqlite3.connect(library)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'stories'").fetchone()[0]
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    assert pages > root + 2
    _overwrite_a_page(library, root - 1)  # the stories table's root page (1-based)
    # NOTE: `imports` reads only the healthy dumps table, and still works.
    touching_stories = [c for c in COMMANDS if c != ["imports"]]
    _every_command_refuses(library, tmp_path, "damaged", "newsreader check",
                           commands=touching_stories)


def test_a_truncated_library_is_damage(tmp_path: Path) -> None:
    library = _library(tmp_path)
    size = library.stat().st_size
    with open(library, "r+b") as f:
        f.truncate(size // 2 // 4096 * 4096)
    _every_command_refuses(library, tmp_path, "damaged")


def test_a_library_from_a_newer_newsreader_is_refused(tmp_path: Path) -> None:
    library = _library(tmp_path)
    conn = sqlite3.connect(library)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    _every_command_refuses(library, tmp_path, "newer newsreader", "Update newsreader")


def test_a_corrupt_stored_value_is_damage_not_a_traceback(tmp_path: Path) -> None:
    library = _library(tmp_path)
    conn = sqlite3.connect(library)
    conn.execute("UPDATE stories SET keywords = '{not json' WHERE id = 1")
    conn.commit()
    conn.close()
    for args in (["show", "1"], ["list", "--limit", "0", "--json"], ["list", "--limit", "0"]):
        run = run_cli(library, *args)
        assert run.returncode == 3, args
        assert "Traceback" not in run.stderr and "damaged" in run.stderr
        assert "newsreader check" in run.stderr


def test_an_empty_file_becomes_a_library_and_the_report_says_so(tmp_path: Path) -> None:
    library = tmp_path / "empty.sqlite3"
    library.touch()
    run = run_cli(library, "import", str(_a_dump(tmp_path)))
    assert run.returncode == 0
    assert run.stdout.splitlines()[0].startswith(f"note: {library} was an empty (0-byte) file")
    again = run_cli(library, "import", "--json", str(_a_dump(tmp_path)))
    assert "note:" not in again.stderr and json.loads(again.stdout)["files"]


@pytest.fixture
def read_only_mount(tmp_path: Path):
    """``tmp_path/ro``: a read-only bind mount of ``tmp_path/rw`` (needs root on Linux)."""
    rw, ro = tmp_path / "rw", tmp_path / "ro"
    rw.mkdir()
    ro.mkdir()
    bound = subprocess.run(["mount", "--bind", str(rw), str(ro)], capture_output=True, text=True)
    if bound.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {bound.stderr.strip() or bound.returncode}")
    try:
        made = subprocess.run(["mount", "-o", "remount,bind,ro", str(ro)],
                              capture_output=True, text=True)
        if made.returncode != 0:
            pytest.skip(f"cannot make a read-only mount: {made.stderr.strip()}")
        yield rw, ro
    finally:
        subprocess.run(["umount", "-l", str(ro)], check=False)


def test_a_library_on_a_read_only_mount_can_be_read_not_written(
    read_only_mount: tuple[Path, Path], tmp_path: Path
) -> None:
    rw, ro = read_only_mount
    _library(rw)  # rw/lib.sqlite3, closed cleanly (no -wal or -shm left)
    library = ro / "lib.sqlite3"
    listed = run_cli(library, "list")
    assert listed.returncode == 0, listed.stderr
    assert len(listed.stdout.splitlines()) == 100
    assert run_cli(library, "search", "新闻").returncode == 0
    stats = run_cli(library, "stats", "--json")
    assert json.loads(stats.stdout)["stories"] == 200
    dump = tmp_path / "new.txt"
    dump.write_bytes(article_dump().bytes())
    for args in (["import", str(dump)], ["reindex"]):
        run = run_cli(library, *args)
        assert run.returncode == 3, (args, run.stderr)
        assert "read-only" in run.stderr and "Traceback" not in run.stderr
    missing = run_cli(ro / "new.sqlite3", "import", str(dump))
    assert missing.returncode == 3 and "read-only" in missing.stderr

"""Looking after a library: check [--repair], backup and restore, forget-import.

Real library files; the commands run in-process (click's runner), except the backup
taken while another process is importing.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from dumpwriter import DumpText, group
from newsreader.cli import cli
from trials import health, start_import, write_dumps


def run(library: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--library", str(library), *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def _dump(folder: Path, name: str, *titles: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(DumpText(groups=[group(t, f"{t}的摘要文字") for t in titles]).bytes())
    return path


def _library(tmp_path: Path) -> Path:
    library = tmp_path / "lib.sqlite3"
    a = _dump(tmp_path / "in", "a.txt", "只在甲里的新闻", "两份都有的新闻")
    b = _dump(tmp_path / "in", "b.txt", "两份都有的新闻", "只在乙里的新闻")
    assert run(library, "import", str(a), str(b))[0] == 0
    return library


def _titles(library: Path) -> list[tuple[str, int]]:
    code, out = run(library, "list", "--json")
    assert code == 0
    return sorted((s["title"], len(s["sources"])) for s in json.loads(out))


def test_a_healthy_library_checks_ok(tmp_path: Path) -> None:
    library = _library(tmp_path)
    code, out = run(library, "check")
    assert code == 0 and "healthy (3 stories" in out
    code, out = run(library, "check", "--json")
    assert json.loads(out)["healthy"] is True


def test_check_finds_what_fts5_does_not_and_repair_fixes_it(tmp_path: Path) -> None:
    library = _library(tmp_path)
    conn = sqlite3.connect(library)
    # A story with no index rows (written behind the store's back) ...
    conn.execute(
        "INSERT INTO stories (id, sort_key, title, title_key, keywords, has_body, text_key) "
        "SELECT 100, sort_key - 1, '后来写进的新闻', 'k100', keywords, has_body, 't100' "
        "FROM stories WHERE id = 1"
    )
    conn.execute("INSERT INTO sources (story_id, dump_id, role, position) VALUES (100, 1, "
                 "'headline', 9)")
    # ... and index rows whose story is gone, and a sighting of nothing.
    conn.execute("DELETE FROM sources WHERE story_id = 3")
    conn.execute("DELETE FROM stories WHERE id = 3")
    conn.execute("INSERT INTO sources (story_id, dump_id, role, position) VALUES (555, 1, "
                 "'headline', 7)")
    conn.commit()
    fts_check = conn.execute(
        "INSERT INTO story_search(story_search) VALUES ('integrity-check')")
    assert fts_check is not None  # FTS5's own check passes: it does not see these
    conn.close()
    code, out = run(library, "check", "--json")
    assert code == 1
    found = {p["code"]: p["count"] for p in json.loads(out)["problems"]}
    assert found == {"index.unindexed": 1, "index.stale": 1, "sources.no_story": 1}
    assert run(library, "search", "后来写进")[1].startswith("0 stories")
    code, out = run(library, "check", "--repair")
    assert code == 0, out
    assert out.count("fixed:") == 3 and "healthy" in out
    assert run(library, "search", "后来写进")[1].startswith("1 story")
    assert run(library, "check")[0] == 0


@pytest.mark.slow
def test_a_backup_is_consistent_while_another_process_imports(tmp_path: Path) -> None:
    expected = write_dumps(tmp_path / "in", 800)
    library = tmp_path / "lib.sqlite3"
    proc = start_import(library, str(tmp_path / "in"))
    try:
        proc.stdout.readline()  # it has committed once and goes on writing
        target = tmp_path / "backup.sqlite3"
        code, out = run(library, "backup", str(target))
        assert code == 0, out
        assert proc.poll() is None, "the import ended before the backup was taken"
    finally:
        proc.communicate(timeout=120)  # waits, and closes its pipes
    copy = health(target, expected)
    assert copy.integrity == "ok" and copy.partial_dumps == []
    assert (copy.unindexed, copy.stale) == (0, 0)
    assert 0 < len(copy.dumps) < 800
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert run(library, "backup", str(target))[0] == 2  # never overwrites


def test_check_names_the_newest_backup_of_a_damaged_library(tmp_path: Path) -> None:
    library = _library(tmp_path)
    target = tmp_path / "kept.sqlite3"
    assert run(library, "backup", str(target))[0] == 0
    conn = sqlite3.connect(library)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'stories'").fetchone()[0]
    conn.close()
    with open(library, "r+b") as f:
        f.seek(4096 * (root - 1))
        f.write(b"\xa5" * 4096)
    result = CliRunner().invoke(cli, ["--library", str(library), "check"])
    assert result.exit_code == 3
    assert "damaged beyond repair" in result.output and str(target) in result.output
    assert run(library, "restore", str(target))[0] == 0
    assert run(library, "check")[0] == 0 and len(_titles(library)) == 3


def test_forget_import_removes_only_what_that_dump_alone_brought(tmp_path: Path) -> None:
    library = _library(tmp_path)
    before = _titles(library)
    assert before == [("两份都有的新闻", 2), ("只在乙里的新闻", 1), ("只在甲里的新闻", 1)]
    code, out = run(library, "forget-import", "1", "--dry-run")
    assert code == 0 and "Would forget" in out and "1 stories removed" in out
    assert _titles(library) == before
    code, out = run(library, "forget-import", "1", "--json")
    assert code == 0
    done = json.loads(out)
    assert len(done["removed"]) == 1 and done["dry_run"] is False
    assert _titles(library) == [("两份都有的新闻", 1), ("只在乙里的新闻", 1)]
    assert run(library, "search", "只在甲里")[1].startswith("0 stories")
    assert run(library, "check")[0] == 0
    # The dump's hash no longer counts as imported: importing it again restores it.
    code, out = run(library, "import", str(tmp_path / "in" / "a.txt"))
    assert code == 0 and out.startswith("imported")
    assert _titles(library) == before
    assert run(library, "forget-import", "99")[0] == 1

"""A full disk during an import: one clear message, the JSON report, nothing damaged.

Shown three ways: SQLite's own page limit (``PRAGMA max_page_count``, in-process), a
small tmpfs the test mounts (skipped with the reason where mounting is not
permitted), and a file size limit (``ulimit -f``) on a real ``newsreader import``.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from newsreader.store import Importer, Library
from newsreader.store.errors import DiskFull, ImportStopped
from trials import cli_env, health, printed_imported, run_cli, write_dumps


def _assert_healthy(library: Path, expected: dict[str, int]) -> set[str]:
    state = health(library, expected)
    assert state.integrity == "ok"
    assert (state.unindexed, state.stale, state.partial_dumps) == (0, 0, [])
    return state.dumps


@pytest.mark.parametrize("commit_every", [0, 0.5], ids=["each-dump", "batched"])
def test_a_page_limit_stops_the_import_with_the_report(
    tmp_path: Path, commit_every: float
) -> None:
    expected = write_dumps(tmp_path / "in", 30)
    library = tmp_path / "lib.sqlite3"
    Library.open(library).close()
    with Library.open(library) as lib:
        pages = lib.conn.execute("PRAGMA page_count").fetchone()[0]
        lib.conn.execute(f"PRAGMA max_page_count = {pages + 150}")
        with pytest.raises(ImportStopped) as caught:
            Importer(lib, commit_every=commit_every, report_unfinished=True).import_paths(
                [tmp_path / "in"])
    stopped = caught.value
    assert isinstance(stopped.cause, DiskFull)
    assert "is full" in str(stopped) and str(library) in str(stopped)
    statuses = [r.status for r in stopped.results]
    assert len(statuses) == 30 and "unfinished" in statuses
    assert set(statuses) <= {"imported", "unfinished"}
    kept = _assert_healthy(library, expected)
    assert kept == {r.path for r in stopped.results if r.status == "imported"}
    # With room again, importing the same folder finishes the batch.
    with Library.open(library) as lib:
        results = Importer(lib).import_paths([tmp_path / "in"])
    assert {r.status for r in results} <= {"imported", "unchanged"}
    assert [r.path for r in results if r.status == "unchanged"] == sorted(kept)
    if commit_every == 0:
        assert kept  # each dump alone: those before the limit stayed
    assert _assert_healthy(library, expected) == set(expected)


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (1_500_000, 1_500_000))


@pytest.mark.slow
def test_a_file_size_limit_gives_one_message_and_the_json_report(tmp_path: Path) -> None:
    expected = write_dumps(tmp_path / "in", 120)
    library = tmp_path / "lib.sqlite3"
    run = subprocess.run(
        [sys.executable, "-m", "newsreader", "--library", str(library), "import", "--json",
         str(tmp_path / "in")],
        capture_output=True, text=True, env=cli_env(), preexec_fn=_limit_file_size,
        timeout=120,
    )
    assert run.returncode == 3, run.stderr
    report = json.loads(run.stdout)["files"]
    assert len(report) == 120
    assert {f["status"] for f in report} <= {"imported", "unfinished"}
    assert any(f["status"] == "unfinished" for f in report)
    [line] = run.stderr.splitlines()
    assert "Traceback" not in run.stderr and str(library) in line and "Free some space" in line
    kept = _assert_healthy(library, expected)
    assert kept == {f["path"] for f in report if f["status"] == "imported"}
    again = run_cli(library, "import", str(tmp_path / "in"))
    assert again.returncode == 0 and _assert_healthy(library, expected) == set(expected)


@pytest.fixture
def small_tmpfs(tmp_path: Path):
    """A 3 MiB tmpfs mounted for the test (needs the right to mount: root on Linux)."""
    mount = tmp_path / "mnt"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.strip() or made.returncode}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.mark.slow
def test_a_full_tmpfs_keeps_what_was_committed(small_tmpfs: Path, tmp_path: Path) -> None:
    expected = write_dumps(tmp_path / "in", 150)
    library = small_tmpfs / "lib.sqlite3"
    run = run_cli(library, "import", str(tmp_path / "in"))
    assert run.returncode == 3
    assert "Traceback" not in run.stderr
    assert "is full" in run.stderr and str(library) in run.stderr
    assert "unfinished " in run.stdout
    kept = _assert_healthy(library, expected)
    assert set(printed_imported(run.stdout)) == kept
    subprocess.run(["mount", "-o", "remount,size=64m", str(small_tmpfs)], check=True)
    again = run_cli(library, "import", str(tmp_path / "in"))
    assert again.returncode == 0, again.stderr
    assert _assert_healthy(library, expected) == set(expected)

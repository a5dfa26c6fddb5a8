"""Followed folders (issue 13): `follow`, `sync`, settling, temp names, away shares.

Real files, real library files, and for the claims about concurrent writers and
unplugged shares real processes: a writer adding dumps (some slowly, in chunks,
some renamed into place) while two libraries sync the folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dumpwriter import DumpText, group
from newsreader.store import Importer, Library
from newsreader.store.following import Following

SETTLE = 0.4


def _dump(i: int) -> bytes:
    """Overlapping dumps: shared headlines, a few bodies under one generic title."""
    bodies = ["第一条正文讲的是一件事。后来又有别的事。", "第二条正文完全不同。结尾也不同。",
              "第三条正文说天气。明天有雨。"]
    groups = [group(f"滚动新闻{i % 9}", f"摘要{i % 4}", stamp=f"23年08月1{i % 3}日 {i % 24:02d}:15"),
              group("国内联播快讯", bodies[(i + 1) % 3][:5 + i % 4], stamp="23年08月10日 19:30"),
              group(f"独家报道第{i}号", f"只在第{i}份里出现", stamp="23年08月12日 08:00")]
    if i % 3 == 0:
        return DumpText(groups=groups).bytes()
    body = bodies[i % 3] + f"第{i % 5}版。"
    return DumpText(article=[body], keywords="新闻",
                    groups=[group("国内联播快讯", body[:12], stamp="23年08月10日 19:30"),
                            *groups]).bytes("gb18030" if i % 4 == 0 else "utf-8")


def _stories(lib: Library) -> list[tuple]:
    sha = dict(lib.conn.execute("SELECT id, sha256 FROM dumps"))
    out = []
    for s in lib.iter_stories():
        sources = sorted((sha[src.dump_id], src.role, src.position) for src in s.sources)
        out.append((s.title, s.summary, s.blocks, s.published, s.has_body, tuple(sources)))
    return sorted(out, key=repr)


def _clean_import(folder: Path, path: Path) -> list[tuple]:
    with Library.open(path) as lib:
        Importer(lib, parallel=False).import_paths([folder])
        return _stories(lib)


class _Run:
    def __init__(self, code: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = code, stdout, stderr


def _cli(library: Path, *args: str, check: int | None = 0) -> _Run:
    """The command in this process (fast); real processes where the claim needs them."""
    from click.testing import CliRunner

    from newsreader.cli import cli

    result = CliRunner().invoke(cli, ["--library", str(library), *args])
    run = _Run(result.exit_code, result.stdout, result.stderr)
    if check is not None:
        assert run.returncode == check, (run.returncode, run.stdout, run.stderr, result.exception)
    return run


def _cli_process(library: Path, *args: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "newsreader", "--library", str(library), *args],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, (proc.stdout, proc.stderr)


# -- the commands ------------------------------------------------------------------


def test_follow_list_and_remove(tmp_path: Path) -> None:
    lib = tmp_path / "lib.sqlite3"
    share = tmp_path / "share"
    share.mkdir()
    (share / "a.txt").write_bytes(_dump(1))
    out = _cli(lib, "follow", str(share)).stdout
    assert "1 dump files seen" in out
    listed = json.loads(_cli(lib, "follow", "--list", "--json").stdout)
    [folder] = listed["folders"]
    assert (folder["path"], folder["reachable"], folder["files"]) == (str(share), True, 1)
    assert _cli(lib, "follow", str(tmp_path / "nope"), check=2).stderr.count("\n") == 1
    assert _cli(lib, "follow", check=2).returncode == 2
    _cli(lib, "follow", "--remove", str(share))
    assert json.loads(_cli(lib, "follow", "--list", "--json").stdout)["folders"] == []
    _cli(lib, "follow", "--remove", str(share), check=2)


def test_a_file_is_taken_once_it_stops_changing(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    growing = share / "growing.txt"
    data = _dump(2)
    growing.write_bytes(data[: len(data) // 2])
    (share / "done.part").write_bytes(_dump(3))  # a download not finished: never taken
    (share / "~$lock.txt").write_bytes(_dump(4))
    (share / ".syncthing.x.txt.tmp").write_bytes(_dump(5))
    (share / ".hidden.txt").write_bytes(_dump(6))
    with Library.open(tmp_path / "lib.sqlite3") as lib:
        following = Following(lib, settle=SETTLE)
        following.follow(share)
        report = following.sync()
        assert [(Path(f.path).name, f.status) for f in report.files] == [
            ("growing.txt", "pending")]
        time.sleep(SETTLE + 0.05)
        growing.write_bytes(data)  # grew since the last look: pending again
        assert [f.status for f in following.sync().files] == ["pending"]
        assert lib.count_stories() == 0
        time.sleep(SETTLE + 0.05)
        [taken] = following.sync().files
        assert (taken.status, taken.size) == ("imported", len(data))
        # Nothing changed: a rescan reports nothing and reads nothing.
        assert following.sync().files == []
        # Renamed into place: a new name waits like any new file.
        os.rename(share / "done.part", share / "done.txt")
        assert [f.status for f in following.sync().files] == ["pending"]
        time.sleep(SETTLE + 0.05)
        assert [f.status for f in following.sync().files] == ["imported"]
        # Changed after import: taken again; the merge makes the stories.
        time.sleep(0.01)
        growing.write_bytes(_dump(7))
        time.sleep(SETTLE + 0.05)
        assert [f.status for f in following.sync().files] == ["pending"]
        time.sleep(SETTLE + 0.05)
        assert [f.status for f in following.sync().files] == ["imported"]
        [(size,)] = lib.conn.execute(
            "SELECT size FROM dumps WHERE path LIKE '%growing.txt' ORDER BY id LIMIT 1")
        assert size == len(data)  # the half-written first version was never imported


def test_sync_json_exit_codes_and_an_unreachable_folder(tmp_path: Path) -> None:
    lib = tmp_path / "lib.sqlite3"
    share = tmp_path / "share"
    share.mkdir()
    (share / "a.txt").write_bytes(_dump(1))
    (share / "bad.txt").write_bytes(b"\x00\x01\x02binary" * 20)
    _cli(lib, "follow", str(share))
    first = json.loads(_cli(lib, "sync", "--json", "--settle", "60").stdout)
    assert sorted(f["status"] for f in first["files"]) == ["pending", "pending"]
    assert set(first["files"][0]) >= {"path", "status", "encoding", "added", "updated",
                                      "orphan_timestamps", "warnings", "error"}
    second = json.loads(_cli(lib, "sync", "--json", "--settle", "0", check=1).stdout)
    assert sorted(f["status"] for f in second["files"]) == ["imported", "rejected"]
    _cli(lib, "sync", "--settle", "0")  # a rejected file is not retried until it changes
    good = first["folders"][0]["last_good_sync"]
    away = tmp_path / "away"
    share.rename(away)
    proc = _cli(lib, "sync", "--json", check=4)
    [folder] = json.loads(proc.stdout)["folders"]
    assert folder["reachable"] is False and "cannot be reached" in folder["error"]
    listed = json.loads(_cli(lib, "follow", "--list", "--json").stdout)["folders"][0]
    assert listed["reachable"] is False and listed["last_good_sync"] >= good
    away.rename(share)
    _cli(lib, "sync")
    assert json.loads(_cli(lib, "follow", "--list", "--json").stdout)["folders"][0]["reachable"]


# -- real processes ------------------------------------------------------------------

WRITER = r"""
import os, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from test_follow import _dump
share, count, pause = Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[4])
for i in range(count):
    time.sleep(pause)
    data = _dump(i)
    target = share / f"sub{i % 4}" / f"{i:04d}.txt"
    target.parent.mkdir(exist_ok=True)
    if i % 3 == 0:      # written slowly, in chunks
        with open(target, "wb") as f:
            for start in range(0, len(data), 64):
                f.write(data[start:start + 64]); f.flush()
                time.sleep(pause)  # far shorter than the settle time
    elif i % 3 == 1:    # written under a temporary name, renamed into place
        tmp = target.with_name(target.name + ".part")
        tmp.write_bytes(data)
        os.rename(tmp, target)
    else:
        target.write_bytes(data)
print("done", flush=True)
"""

SYNCER = r"""
import sys, time
from newsreader.store import Library
from newsreader.store.following import Following
lib_path, share, settle = sys.argv[1], sys.argv[2], float(sys.argv[3])
with Library.open(lib_path) as lib:
    following = Following(lib, settle=settle)
    following.follow(share)
    print("following", flush=True)
    while sys.stdin.readline().strip() != "stop":  # one sync per line of input
        report = following.sync()
        taken = sum(f.status != "pending" for f in report.files)
        print("synced", taken, report.pending, flush=True)
"""


def _assert_same_as_clean_import(share: Path, libs: list[Path], tmp_path: Path) -> None:
    clean = _clean_import(share, tmp_path / "clean.sqlite3")
    finals = {}
    for p in share.rglob("*.txt"):
        finals[hashlib.sha256(p.read_bytes()).hexdigest()] = p.stat().st_size
    for path in libs:
        with Library.open(path) as lib:
            assert _stories(lib) == clean
            rows = lib.conn.execute("SELECT sha256, size FROM dumps").fetchall()
        # No half file was ever imported: every dump is a whole final file.
        assert rows and all(finals.get(sha) == size for sha, size in rows), [
            r for r in rows if finals.get(r[0]) != r[1]]
        assert len(rows) == len(finals)


def _two_libraries_follow_a_writer(tmp_path: Path, count: int, pause: float) -> None:
    share = tmp_path / "share"
    share.mkdir()
    libs = [tmp_path / "one.sqlite3", tmp_path / "two.sqlite3"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    syncers = [subprocess.Popen([sys.executable, "-c", SYNCER, str(lib), str(share), "0.5"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
               for lib in libs]
    writer: subprocess.Popen[str] | None = None
    try:
        for s in syncers:
            assert s.stdout.readline().strip() == "following"
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(share), str(count), str(Path(__file__).parent),
             str(pause)],
            stdout=subprocess.PIPE, text=True, env=env)
        # Both libraries keep syncing while the writer writes.
        taken_meanwhile = pending_meanwhile = 0
        while writer.poll() is None:
            for s in syncers:
                s.stdin.write("sync\n")
                s.stdin.flush()
            for s in syncers:
                word, taken, pending = s.stdout.readline().split()
                taken_meanwhile += int(taken)
                pending_meanwhile += int(pending)
        assert writer.wait() == 0
        # The syncs overlapped the writing: they took files and saw unsettled ones.
        assert taken_meanwhile > 0 and pending_meanwhile > 0
        for s in syncers:
            s.stdin.write("stop\n")
            s.stdin.flush()
            assert s.wait(timeout=60) == 0
    finally:
        for s in syncers:
            if s.poll() is None:
                s.kill()
            s.wait()
        # Close every pipe: an unclosed one is a ResourceWarning, an error in this suite.
        for proc in [*syncers, *([writer] if writer is not None else [])]:
            for pipe in (proc.stdin, proc.stdout):
                if pipe is not None:
                    pipe.close()
    for lib in libs:
        _cli_process(lib, "sync", "--wait", "--settle", "0.5")
    _assert_same_as_clean_import(share, libs, tmp_path)


def test_two_libraries_following_a_writer_end_like_a_clean_import(tmp_path: Path) -> None:
    _two_libraries_follow_a_writer(tmp_path, 24, 0.02)


@pytest.mark.slow
def test_two_libraries_following_a_writer_of_500_dumps(tmp_path: Path) -> None:
    _two_libraries_follow_a_writer(tmp_path, 500, 0.004)


def test_the_share_renamed_away_and_back_mid_sync_loses_nothing(tmp_path: Path) -> None:
    share = tmp_path / "share"
    for i in range(120):
        path = share / f"d{i % 3}" / f"{i:04d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_dump(i))
    lib = tmp_path / "lib.sqlite3"
    _cli(lib, "follow", str(share))
    time.sleep(0.3)
    sync = subprocess.Popen(
        [sys.executable, "-m", "newsreader", "--library", str(lib), "sync", "--settle", "0.2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    while len(lines) < 5:  # the sync is importing: unplug the share
        line = sync.stdout.readline()
        assert line, sync.stderr.read()
        lines.append(line)
    away = tmp_path / "away"
    share.rename(away)
    out, err = sync.communicate(timeout=120)
    assert sync.returncode == 4, (out, err)
    assert "cannot be reached" in err
    away.rename(share)
    _cli_process(lib, "sync", "--wait", "--settle", "0.2")
    _assert_same_as_clean_import(share, [lib], tmp_path)

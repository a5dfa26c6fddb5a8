"""The import never holds the library's write lock while it prints or waits.

A real ``newsreader import`` writes its report into a pipe nobody reads (a pager
paused by the user): once the pipe is full the import blocks on its output, and
then another writer must get the lock at once.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from trials import cli_env, holds_write_lock, write_dumps


def _blocked_writing_stdout(pid: int) -> bool:
    """Whether the process's main thread sits in write(1, ...) (x86-64: 1, arm64: 64)."""
    fields = Path(f"/proc/{pid}/task/{pid}/syscall").read_text().split()
    return len(fields) > 1 and fields[0] in ("1", "64") and fields[1] == "0x1"


@pytest.mark.skipif(not hasattr(fcntl, "F_SETPIPE_SZ") or not Path("/proc/self/syscall").exists(),
                    reason="needs Linux pipe sizes and /proc/PID/syscall")
def test_a_paused_reader_of_the_output_does_not_hold_the_lock(tmp_path: Path) -> None:
    write_dumps(tmp_path / "in", 120, per_dump=10)
    library = tmp_path / "lib.sqlite3"
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)  # a page of report lines at most
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsreader", "--library", str(library), "import",
         str(tmp_path / "in")],
        stdout=write_end, stderr=subprocess.DEVNULL, env=cli_env(),
    )
    os.close(write_end)
    try:
        # Wait until the import is stuck writing to its full output pipe.
        deadline = time.monotonic() + 60
        still = 0
        while time.monotonic() < deadline and still < 5 and proc.poll() is None:
            still = still + 1 if _blocked_writing_stdout(proc.pid) else 0
            time.sleep(0.05)
        assert still == 5, "the import never blocked on its output"
        assert not holds_write_lock(library)
        other = sqlite3.connect(library, timeout=0.5, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another writer gets in at once
        other.execute("UPDATE stories SET starred = 1 WHERE id = 1")
        other.execute("COMMIT")
        other.close()
    finally:
        with os.fdopen(read_end, "rb") as reader:
            reader.read()  # the pager goes on: the import finishes
        proc.wait(timeout=120)
    assert proc.returncode == 0

"""Interrupting a real ``newsreader import``: kill -9, Ctrl+C, SIGTERM at random moments.

Each trial runs the command as a subprocess on a folder of overlapping dumps, stops it,
and checks the library file: integrity ok, every story has its index rows and no index
row is stale, every dump fully in or absent, everything printed as imported is in, and
importing again completes the batch. The long series is ``slow``; a short one runs in
the fast subset.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from trials import health, holds_write_lock, printed_imported, run_cli, start_import, write_dumps


def _wait_for_output(proc, timeout: float = 30.0) -> str:
    """The first stdout line: the import is running and has committed once."""
    deadline = time.monotonic() + timeout
    line = proc.stdout.readline()
    assert line or time.monotonic() < deadline, "the import printed nothing"
    return line.decode()


def _wait_for_write_lock(library: Path, proc, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if holds_write_lock(library):
            return True
        time.sleep(0.002)
    return False


def _check_after(library: Path, expected: dict[str, int], printed: list[str]) -> None:
    state = health(library, expected)
    assert state.integrity == "ok"
    assert state.unindexed == 0, f"{state.unindexed} stories have no index row"
    assert state.stale == 0, f"{state.stale} index rows have no story"
    assert state.partial_dumps == [], "dumps only partly in the library"
    missing = set(printed) - state.dumps
    assert not missing, f"{len(missing)} dumps printed as imported are not in the library"
    # Importing again completes the batch, and only what was missing is imported.
    again = run_cli(library, "import", str(next(iter(expected)).rsplit("/", 1)[0]))
    assert again.returncode == 0, again.stderr
    assert set(printed).isdisjoint(printed_imported(again.stdout))
    final = health(library, expected)
    assert final.dumps == set(expected)
    assert (final.unindexed, final.stale, final.partial_dumps) == (0, 0, [])


def _trial(tmp_path: Path, n: int, how: str, rng: random.Random, files: int) -> dict:
    folder = tmp_path / f"dumps{n}"
    expected = write_dumps(folder, files, seed=n)
    library = tmp_path / f"lib{n}.sqlite3"
    proc = start_import(library, str(folder))
    in_transaction = False
    first = ""
    try:
        if how == "kill":
            time.sleep(rng.uniform(0.3, 2.5))
            in_transaction = _wait_for_write_lock(library, proc)
            if proc.poll() is not None:
                return {"counted": False}  # it finished first: not a trial
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            first = _wait_for_output(proc)
            time.sleep(rng.uniform(0.0, 1.5))
            in_transaction = holds_write_lock(library)
            os.killpg(proc.pid, signal.SIGINT if how == "int" else signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        for pipe in (proc.stdout, proc.stderr):  # an unclosed pipe is a ResourceWarning
            if pipe is not None:
                pipe.close()
    stdout, stderr = first + out.decode(), err.decode()
    assert "Traceback" not in stderr, stderr
    if how == "kill":
        assert proc.returncode == -signal.SIGKILL
    elif proc.returncode == 0 and "unfinished" not in stdout:
        return {"counted": False}  # it finished before the signal: not a trial
    else:
        assert proc.returncode == (130 if how == "int" else 143), stderr
        assert "interrupted" in stderr
    if not library.exists():
        return {"counted": True, "in_transaction": False}
    _check_after(library, expected, printed_imported(stdout))
    return {"counted": True, "in_transaction": in_transaction}


def _series(tmp_path: Path, kills: int, signals: int, files: int) -> dict[str, int]:
    rng = random.Random(int(os.environ.get("NEWSREADER_TRIAL_SEED", "2026")))
    hows = ["kill"] * kills + [("int", "term")[i % 2] for i in range(signals)]
    figures = {"trials": 0, "in_transaction": 0, "finished_first": 0}
    n = 0
    for how in hows:
        for _attempt in range(5):
            n += 1
            outcome = _trial(tmp_path, n, how, rng, files)
            if outcome["counted"]:
                figures["trials"] += 1
                figures["in_transaction"] += outcome["in_transaction"]
                break
            figures["finished_first"] += 1
    return figures


@pytest.mark.slow  # over 3 s on 2 shared cores: the fast subset stays under a minute
@pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX process groups")
def test_ctrl_c_during_an_import_loses_nothing(tmp_path: Path) -> None:
    figures = _series(tmp_path, kills=0, signals=1, files=100)
    assert figures["trials"] == 1


@pytest.mark.long_trials
@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX process groups")
def test_thirty_interrupts_at_random_moments_lose_nothing(tmp_path: Path) -> None:
    figures = _series(tmp_path, kills=20, signals=10, files=300)
    print(f"\ntrials survived: {figures}")
    assert figures["trials"] == 30
    assert figures["in_transaction"] >= 20

"""Honest memory rows: a measured command's peak RSS is its own, not its parent's."""

from __future__ import annotations

import sys

from benchmarks.process import run_measured

SMALL = [sys.executable, "-c", "pass"]
# Writes every byte, so all 200 MB are resident (a calloc'd bytearray might not be).
BIG = [sys.executable, "-c", "b = b'x' * (200 * 2**20); print(len(b))"]


def test_the_peak_follows_the_measured_program_not_the_caller() -> None:
    ballast = b"y" * (300 * 2**20)  # the caller is large, like the harness after an import
    small = run_measured(SMALL)
    big = run_measured(BIG)
    del ballast
    assert small["exit_code"] == 0 and big["exit_code"] == 0
    # The bare interpreter reads as what it is (~10 MB), not as this 300+ MB process ...
    assert small["peak_rss_mb"] < 60, small
    # ... and the program that allocates 200 MB reads 200 MB more.
    assert 190 <= big["peak_rss_mb"] - small["peak_rss_mb"] <= 260, (small, big)
    assert big["seconds"] > 0 and big["cpu_seconds"] > 0


def test_a_helper_process_counts_on_its_own_not_added_to_its_parent() -> None:
    # The child stays small; the helper it starts and waits for allocates 200 MB.
    code = ("import subprocess, sys; subprocess.run([sys.executable, '-c', "
            "\"b = b'x' * (200 * 2**20)\"], check=True)")
    result = run_measured([sys.executable, "-c", code])
    assert 200 <= result["peak_rss_mb"] < 260, result

"""Very large and hostile inputs to a real ``newsreader import``: time and memory.

Each case runs the command as a subprocess and reads its own resource use
(``wait4``): it must end within 60 s and 1 GiB, import or reject the file with a
reason, and leave a healthy library. The figures are printed (``-s``) for the issue's
closing note. ``slow``: the files are tens of megabytes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsreader.dumps import MAX_DUMP_BYTES
from newsreader.store.checkup import check
from trials import cli_env

#: ``newsreader`` that says its own peak memory (ru_maxrss, KiB) last on stderr.
_MEASURED = (
    "import atexit, resource, sys\n"
    "atexit.register(lambda: sys.stderr.write("
    "'MAXRSS %d\\n' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))\n"
    "from newsreader.launch import main\n"
    "main(sys.argv[1:])\n"
)
LIMIT_S = 60.0
LIMIT_BYTES = 1 << 30


def _one_line_64mib(path: Path) -> None:
    unit = "这是一段没有换行的很长的中文新闻正文，".encode()
    data = unit * (MAX_DUMP_BYTES // len(unit))
    path.write_bytes(data + b"x" * (MAX_DUMP_BYTES - len(data)))


def _nuls(path: Path) -> None:
    path.write_bytes(("正文第一段，说了一些事情。\n" * 200_000).encode().replace(b"\n", b"\x00\n", 1000))


def _lone_surrogates(path: Path) -> None:
    text = ("正文第一段，说了一些事情。\n" * 100_000).encode()
    path.write_bytes(text + b"\xed\xa0\x80abc\xed\xbf\xbf\n" + text)


def _lone_surrogates_utf16(path: Path) -> None:
    body = ("正文第一段，说了一些事情。\n" * 100_000).encode("utf-16-le")
    path.write_bytes(b"\xff\xfe" + body + b"\x00\xd8" + "abc\n".encode("utf-16-le") + body)


def _million_lines(path: Path) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for i in range(333_334):  # three lines a headline group: a million lines
            out.write(f"第{i}条新闻的标题\n第{i}条新闻的摘要，说了一些事情\n"
                      f"23年08月{1 + i % 28:02d}日 {i % 24:02d}:{i % 60:02d}\n")


CASES = {
    "one line of 64 MiB": _one_line_64mib,
    "NUL bytes": _nuls,
    "lone surrogates (UTF-8)": _lone_surrogates,
    "lone surrogates (UTF-16)": _lone_surrogates_utf16,
    "a million lines": _million_lines,
}


@pytest.mark.long_trials
@pytest.mark.slow
@pytest.mark.parametrize("case", list(CASES))
def test_a_large_input_imports_or_is_rejected_within_limits(tmp_path: Path, case: str) -> None:
    dump = tmp_path / "big.txt"
    CASES[case](dump)
    library = tmp_path / "lib.sqlite3"
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-c", _MEASURED, "--library", str(library), "import", "--json",
         str(dump)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env(),
    )
    out, err = proc.communicate(timeout=LIMIT_S * 3)
    elapsed = time.monotonic() - started
    usage = int(err.decode().rsplit("MAXRSS ", 1)[1]) * 1024
    err = err.decode().rsplit("MAXRSS ", 1)[0].encode()
    [entry] = json.loads(out)["files"]
    print(f"\n{case}: {dump.stat().st_size:,} bytes, {entry['status']} "
          f"({entry['error'] or entry['added']}), {elapsed:.1f} s, max RSS {usage / 2**20:.0f} MiB")
    assert b"Traceback" not in err, err
    assert entry["status"] in ("imported", "rejected")
    assert entry["status"] == "imported" or entry["error"]
    assert elapsed < LIMIT_S
    assert usage < LIMIT_BYTES
    assert check(library).healthy

"""Real processes against real library files, for the interrupt and full-disk trials.

Owns nothing but test machinery: writing a folder of overlapping dumps, running
``newsreader import`` as a subprocess, probing whether it holds the write lock, and
checking a library file's invariants with plain SQL (the store's own ``check`` is
tested separately; these checks must not depend on it). Must not import Qt.
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from dumpwriter import DumpText, group

REPO = Path(__file__).resolve().parents[1]


def write_dumps(folder: Path, count: int, per_dump: int = 40, seed: int = 7) -> dict[str, int]:
    """``count`` dumps of ``per_dump`` headlines; neighbours share 5 stories.

    Returns how many sightings (sources rows) each dump's path must bring.
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, int] = {}
    for i in range(count):
        groups = [
            group(f"共有的新闻{i - 1}-{k}", f"两份都有的摘要{k}", stamp="23年08月10日 09:15")
            for k in range(5) if i > 0
        ] + [
            group(f"第{i}份第{j}条新闻{rng.randrange(10**6)}", "摘要" * 20 + f"{rng.random()}",
                  stamp=f"23年08月{1 + (i + j) % 28:02d}日 {j % 24:02d}:{j % 60:02d}")
            for j in range(per_dump)
        ] + [
            group(f"共有的新闻{i}-{k}", f"两份都有的摘要{k}", stamp="23年08月10日 09:15")
            for k in range(5)
        ]
        path = folder / f"{i:04d}.txt"
        path.write_bytes(DumpText(groups=groups).bytes())
        expected[str(path)] = len(groups)
    return expected


def cli_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "QT_QPA_PLATFORM": "offscreen"}
    env.update(extra)
    return env


def start_import(library: Path, *args: str, json_report: bool = False) -> subprocess.Popen:
    """``newsreader import`` in its own process group, as a terminal would run it."""
    command = [sys.executable, "-m", "newsreader", "--library", str(library), "import"]
    command += ["--json"] if json_report else []
    return subprocess.Popen(
        [*command, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=cli_env(), start_new_session=True,
    )


def run_cli(library: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsreader", "--library", str(library), *args],
        capture_output=True, text=True, env=cli_env(), timeout=timeout,
    )


def holds_write_lock(library: Path) -> bool:
    """Whether another connection holds the library's write lock right now."""
    if not library.exists():
        return False
    conn = sqlite3.connect(library, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as err:
        return "locked" in str(err) or "busy" in str(err)
    else:
        conn.execute("ROLLBACK")
        return False
    finally:
        conn.close()


def printed_imported(stdout: str) -> list[str]:
    """Paths the human report printed as imported."""
    return [
        line[len("imported   "):].rsplit(": ", 1)[0]
        for line in stdout.splitlines()
        if line.startswith("imported   ")
    ]


@dataclass(frozen=True)
class Health:
    integrity: str
    stories: int
    unindexed: int  # stories without an index row
    stale: int  # index rows without a story
    partial_dumps: list[str]  # dumps whose sightings are not all in
    dumps: set[str]


def health(library: Path, expected: dict[str, int]) -> Health:
    """The invariants of a library after a trial, read with plain SQL."""
    conn = sqlite3.connect(library, isolation_level=None)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        if "stories" not in tables or "story_search" not in tables:
            # Stopped while the schema was being made (each migration is atomic).
            return Health(integrity, 0, 0, 0, [], set())
        conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.trial_vocab "
            "USING fts5vocab(main, 'story_search', 'instance')"
        )
        indexed = {r[0] for r in conn.execute("SELECT DISTINCT doc FROM temp.trial_vocab")}
        stories = {r[0] for r in conn.execute("SELECT id FROM stories")}
        partial = []
        dumps = set()
        for dump_id, path in conn.execute("SELECT id, path FROM dumps").fetchall():
            dumps.add(path)
            sources = conn.execute(
                "SELECT count(*) FROM sources WHERE dump_id = ?", (dump_id,)
            ).fetchone()[0]
            has_bytes = conn.execute(
                "SELECT count(*) FROM dump_bytes WHERE dump_id = ?", (dump_id,)
            ).fetchone()[0]
            if sources != expected.get(path) or has_bytes != 1:
                partial.append(path)
        return Health(integrity, len(stories), len(stories - indexed), len(indexed - stories),
                      partial, dumps)
    finally:
        conn.close()

"""Check a built bundle offscreen: it runs with no Python installed, imports, opens.

Owns the bundle's acceptance check (``packaging/build.sh --check`` runs it). Against
``dist/newsreader/newsreader`` it runs, each in a throw-away library and home folder:

1. ``newsreader --version``;
2. ``newsreader import DUMP... --json`` on the sample dump inside the bundle (or the
   ``--dump`` files: text dumps, saved HTML pages), then ``list --json`` and ``search``;
3. ``newsreader`` itself on the offscreen Qt platform, until the window and then its
   headline list have painted (the app's ``NEWSREADER_BENCH_FIRST_PAINT`` marks).

Where it can (root, ``unshare``), every step runs in a private mount namespace in which
every Python on the machine is hidden (pyenv, /usr/lib/python3*, the python3 programs),
and the check first proves that ``python3`` no longer runs there; elsewhere it says so
and runs with a scrubbed environment. Must not import newsreader (it checks the bundle,
not the source tree).

    python3 packaging/check_bundle.py [dist/newsreader] [--dump FILE]...
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Where Pythons live on Debian and Ubuntu, under pyenv and under /usr/local.
_PYTHON_DIRS = ["/root/.pyenv", "/usr/lib/python3", "/usr/local/lib/python3*", "/usr/lib/python3.*",
                "/usr/local/lib/python3.*", "/opt/python*", os.path.expanduser("~/.pyenv")]
_PYTHON_PROGRAMS = ["/usr/bin/python3*", "/usr/local/bin/python3*", "/usr/bin/python"]


def _hiding_prefix() -> tuple[list[str], str]:
    """The command prefix that hides every Python, and a sentence saying what it did."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return [], "Python NOT hidden (needs root and unshare): scrubbed environment only"
    dirs = sorted({d for pattern in _PYTHON_DIRS for d in glob.glob(pattern) if os.path.isdir(d)})
    programs = sorted(
        {p for pattern in _PYTHON_PROGRAMS for p in glob.glob(pattern)
         if os.path.isfile(os.path.realpath(p))}
    )
    mounts = [f"mount -t tmpfs none '{d}'" for d in dirs]
    mounts += [f"mount --bind /dev/null '{os.path.realpath(p)}'" for p in programs]
    script = " && ".join(mounts + ['exec "$@"'])
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "hide-python"], (
        f"every Python hidden: {len(dirs)} folders under tmpfs, {len(programs)} programs "
        "replaced by /dev/null, in a private mount namespace"
    )


class Bundle:
    def __init__(self, folder: Path, home: Path) -> None:
        self.program = folder / "newsreader"
        self.prefix, self.hiding = _hiding_prefix()
        self.env = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_STATE_HOME": str(home / "state"),
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
        }

    def run(self, *args: str, env: dict[str, str] | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self.prefix, *args], capture_output=True, text=True, timeout=timeout,
            env={**self.env, **(env or {})},
        )


def _step(name: str, ok: bool, detail: str) -> bool:
    print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}")
    return ok


def check(folder: Path, dumps: list[Path]) -> bool:
    with tempfile.TemporaryDirectory(prefix="newsreader-bundle-") as tmp:
        home = Path(tmp)
        bundle = Bundle(folder, home)
        print(f"bundle {folder} ({_size(folder)}); {bundle.hiding}")
        if not _step("program", bundle.program.is_file() and os.access(bundle.program, os.X_OK),
                     str(bundle.program)):
            return False
        results = []
        if bundle.prefix:
            probe = bundle.run("sh", "-c", "python3 -c pass || python -c pass")
            results.append(_step("no Python", probe.returncode != 0,
                                 "python3 does not run inside the check's namespace"
                                 if probe.returncode != 0 else "python3 still runs: " + probe.stdout))
        started = time.perf_counter()
        version = bundle.run(str(bundle.program), "--version")
        results.append(_step("--version", version.returncode == 0 and "version" in version.stdout,
                             (version.stdout + version.stderr).strip()
                             + f" ({time.perf_counter() - started:.2f} s)"))
        library = home / "library.sqlite3"
        dumps = dumps or [folder / "_internal" / "newsreader" / "data" / "sample.txt"]
        imported = bundle.run(str(bundle.program), "--library", str(library), "import",
                              *map(str, dumps), "--json")
        added = 0
        if imported.returncode == 0:
            added = sum(f["added"] + f["updated"] for f in json.loads(imported.stdout)["files"])
        results.append(_step("import", imported.returncode == 0 and added > 0,
                             f"{', '.join(d.name for d in dumps)}: {added} stories"
                             if imported.returncode == 0
                             else imported.stderr.strip()[-500:]))
        listed = bundle.run(str(bundle.program), "--library", str(library), "list", "--json")
        count = len(json.loads(listed.stdout)) if listed.returncode == 0 else 0
        results.append(_step("list", count == added > 0, f"{count} stories"))
        found = bundle.run(str(bundle.program), "--library", str(library), "search", "的", "--json")
        total = json.loads(found.stdout)["total"] if found.returncode == 0 else -1
        results.append(_step("search", total > 0, f"'的': {total} results"
                             if found.returncode == 0 else found.stderr.strip()[-500:]))
        started = time.perf_counter()
        window = bundle.run(str(bundle.program), "--library", str(library),
                            env={"NEWSREADER_BENCH_FIRST_PAINT": "1"}, timeout=60)
        marks = [line.split()[0] for line in window.stdout.splitlines()]
        painted = marks == ["NEWSREADER_FIRST_PAINT", "NEWSREADER_LIST_PAINT"]
        results.append(_step(
            "window", window.returncode == 0 and painted and "Traceback" not in window.stderr,
            f"painted the window, then its headline list, offscreen "
            f"({time.perf_counter() - started:.2f} s to quit)" if painted
            else f"exit {window.returncode}, marks {marks}: {window.stderr.strip()[-800:]}",
        ))
        ok = all(results)
        print("bundle check: " + ("passed" if ok else "FAILED"))
        return ok


def _size(folder: Path) -> str:
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return f"{total / 2**20:.0f} MiB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "dist" / "newsreader")
    parser.add_argument("--dump", type=Path, action="append", default=[],
                        help="a dump to import, repeatable (default: the bundled sample)")
    args = parser.parse_args()
    return 0 if check(args.folder.resolve(), [d.resolve() for d in args.dump]) else 1


if __name__ == "__main__":
    sys.exit(main())

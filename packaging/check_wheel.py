"""Check a built wheel's file list: everything the app reads, nothing it does not.

Owns the rule for what the wheel ships. Every file of the package source tree
(``src/newsreader``: modules, the sample dump, translations, icons, stylesheets) must
be in the wheel, so a data file that ``[tool.setuptools.package-data]`` forgets is
caught; and the wheel holds nothing else but its ``.dist-info``: no tests, benchmark
data, caches or build inputs (``resources/``, ``packaging/``). The assets the app opens
by name are also required one by one, so an empty source tree cannot pass. Must not
import newsreader.

    python packaging/check_wheel.py dist/newsreader-*.whl
"""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "newsreader"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
_SKIPPED_PARTS = {"__pycache__"}
_SKIPPED_SUFFIXES = {".pyc", ".pyo"}


def source_files(package: Path = PACKAGE) -> set[str]:
    """The package tree as wheel paths (``newsreader/...``), caches left out."""
    found = set()
    for path in package.rglob("*"):
        if not path.is_file() or _SKIPPED_PARTS & set(path.parts):
            continue
        if path.suffix in _SKIPPED_SUFFIXES:
            continue
        found.add(path.relative_to(package.parent).as_posix())
    return found


def required_assets(root: Path = ROOT) -> set[str]:
    """The runtime assets the app opens by name: sample, translations, icons."""
    assets = {"newsreader/data/sample.txt"}
    for ts in sorted((root / "resources" / "i18n").glob("newsreader_*.ts")):
        assets.add(f"newsreader/ui/i18n/{ts.stem}.qm")
    assets |= {f"newsreader/ui/icons/newsreader-{size}.png" for size in ICON_SIZES}
    return assets


def problems(names: list[str], root: Path = ROOT) -> list[str]:
    """What is wrong with a wheel holding ``names`` (empty: nothing)."""
    files = {n for n in names if not n.endswith("/")}
    found: list[str] = []
    package = {n for n in files if n.startswith("newsreader/")}
    meta = {n for n in files if re.match(r"newsreader-[^/]+\.dist-info/", n)}
    for name in sorted(files - package - meta):
        found.append(f"not part of the app: {name}")
    for name in sorted(package):
        if _SKIPPED_PARTS & set(name.split("/")) or Path(name).suffix in _SKIPPED_SUFFIXES:
            found.append(f"a cache file: {name}")
    expected = source_files(root / "src" / "newsreader") | required_assets(root)
    for name in sorted(expected - package):
        found.append(f"missing: {name}")
    for name in sorted(package - expected):
        if name not in found:
            found.append(f"not in the source tree: {name}")
    if not any(n.endswith(".dist-info/entry_points.txt") for n in meta):
        found.append("missing: the newsreader console script (entry_points.txt)")
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    with zipfile.ZipFile(argv[0]) as wheel:
        names = wheel.namelist()
    data = sorted(n for n in names if n.startswith("newsreader/") and not n.endswith(".py"))
    print(f"{Path(argv[0]).name}: {len(names)} files, package data:")
    for name in data:
        print(f"  {name}")
    wrong = problems(names)
    for line in wrong:
        print(f"  WRONG {line}")
    print("wheel contents: " + ("WRONG" if wrong else "ok"))
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

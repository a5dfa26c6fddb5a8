"""Build the search fold's character tables into the package's data.

Owns the fold-table build step: computes ``newsreader.text.fold_tables.build()`` (from
this Python's Unicode data and the installed OpenCC's t2s table) and writes it to
``src/newsreader/data/fold_tables.bin``, which the package ships so that no process
computes them at run time (~0.3 s each before). Run it after changing the fold's
definition, OpenCC or the Python used to build releases; ``tests/test_fold_tables.py``
fails while the shipped file differs from a fresh build on the Python running it.

    PYTHONPATH=src python packaging/build_fold_tables.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from newsreader.text import fold_tables

    tables = fold_tables.build()
    target = ROOT / "src" / "newsreader" / "data" / "fold_tables.bin"
    fold_tables.save_file(tables, target)
    print(
        f"{target.relative_to(ROOT)}: {target.stat().st_size:,} bytes "
        f"(Unicode {tables.unicode_version}, OpenCC {tables.opencc_version}, "
        f"{len(tables.full):,} characters)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

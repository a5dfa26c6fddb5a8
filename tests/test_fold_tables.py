"""The search fold's tables: shipped as package data, equal to a fresh build, loaded
without OpenCC, and rebuilt (then cached) only where the shipped ones do not fit."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from newsreader.text import fold_tables


def test_the_shipped_tables_are_a_fresh_build() -> None:
    shipped = fold_tables.load_file(fold_tables.SHIPPED)
    if shipped is None:
        pytest.skip(f"shipped tables are for another Unicode than {unicodedata.unidata_version}")
    fresh = fold_tables.build()
    # If this fails, run: PYTHONPATH=src python packaging/build_fold_tables.py
    assert shipped.full == fresh.full
    assert shipped.post == fresh.post
    assert shipped.invisible == fresh.invisible
    assert shipped.varlen == fresh.varlen
    assert shipped.joins_back.pattern == fresh.joins_back.pattern
    assert shipped.opencc_version == fresh.opencc_version


def test_a_file_for_another_unicode_or_damaged_is_not_used(tmp_path: Path) -> None:
    tables = fold_tables.get()
    good = tmp_path / "good.bin"
    fold_tables.save_file(tables, good)
    assert fold_tables.load_file(good) == tables
    other = fold_tables.FoldTables("1.0.0", tables.opencc_version, tables.invisible,
                                   tables.post, tables.full, tables.varlen)
    fold_tables.save_file(other, tmp_path / "other.bin")
    assert fold_tables.load_file(tmp_path / "other.bin") is None
    (tmp_path / "cut.bin").write_bytes(good.read_bytes()[:1000])
    assert fold_tables.load_file(tmp_path / "cut.bin") is None
    assert fold_tables.load_file(tmp_path / "missing.bin") is None


def test_without_usable_shipped_tables_the_first_run_builds_and_caches(tmp_path: Path) -> None:
    # A real process whose shipped file does not fit (another Python's Unicode, say).
    code = (
        "import sys; from pathlib import Path\n"
        "from newsreader.text import fold_tables\n"
        f"fold_tables.SHIPPED = Path({str(tmp_path / 'absent.bin')!r})\n"
        "from newsreader.search import fold\n"
        "print(fold('臺灣'), fold_tables._cache_path().is_file(), 'opencc' in sys.modules)\n"
    )
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin",
           "PYTHONPATH": str(Path(fold_tables.__file__).parents[2])}
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                           text=True, check=True)
    assert first.stdout.split() == ["台湾", "True", "True"]  # built with OpenCC, then cached
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, check=True)
    assert second.stdout.split() == ["台湾", "True", "False"]  # the cache: no OpenCC


def test_searching_folds_without_building_or_importing_opencc() -> None:
    code = (
        "import sys\n"
        "from newsreader.text import fold_tables\n"
        "fold_tables.build = None  # any build would fail loudly\n"
        "from newsreader.search import compile_query, fold, tokens_signature\n"
        "print(fold('ＭａｇｉｃＯＳ 臺灣'), compile_query('兒童').match, 'opencc' in sys.modules)\n"
        "print(tokens_signature())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = out.stdout.splitlines()
    assert lines[0] == 'magicos 台湾 "儿童" False'
    assert lines[1].startswith(f"tokens-1 unicode-{unicodedata.unidata_version} opencc-")

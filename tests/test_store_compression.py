"""Original dump bytes: zstd with a dictionary trained on the library's own dumps, byte-exact;
libraries and rows from before keep reading as zlib."""

from __future__ import annotations

import random
import sqlite3
import zlib
from pathlib import Path

from dumpwriter import DumpText, article_dump, group

from newsreader.store import Importer, Library
from newsreader.store import compression

WORDS = "儿童 保障 标准 新闻 发布 城市 经济 教育 医疗 交通 文化 体育 科技 环境".split()


def _dumps(folder: Path, count: int) -> list[Path]:
    rng = random.Random(7)
    folder.mkdir()
    paths = []
    for i in range(count):
        groups = [group("".join(rng.choices(WORDS, k=8)) + f"{i}-{j}",
                        "".join(rng.choices(WORDS, k=30)),
                        stamp=f"2023-08-{1 + i % 28:02d} {j:02d}:{i % 60:02d}")
                  for j in range(rng.randint(3, 8))]
        dump = article_dump(extra=groups) if i % 5 == 0 else DumpText(groups=groups)
        path = folder / f"{i:04d}.txt"
        path.write_bytes(dump.bytes())
        paths.append(path)
    return paths


def test_a_large_import_trains_a_dictionary_and_every_dump_reads_back_exactly(
    tmp_path: Path,
) -> None:
    paths = _dumps(tmp_path / "dumps", compression.TRAIN_MIN_FILES + 20)
    with Library.open(tmp_path / "lib.sqlite3") as lib:
        Importer(lib, parallel=False).import_paths([tmp_path / "dumps"])
        conn = sqlite3.connect(tmp_path / "lib.sqlite3")
        labels = {row[0] for row in conn.execute("SELECT DISTINCT compression FROM dump_bytes")}
        stored = conn.execute("SELECT sum(length(data)) FROM dump_bytes").fetchone()[0]
        (dictionaries,) = conn.execute("SELECT count(*) FROM compression_dictionaries").fetchone()
        conn.close()
        assert dictionaries == 1 and len(labels) == 1 and labels.pop().startswith("zstd:")
        by_path = {r.path: r.id for r in lib.imports()}
        for path in paths:
            assert lib.dump_bytes(by_path[str(path)]) == path.read_bytes()
    # Smaller than zlib would have kept, dictionary included.
    zlib_size = sum(len(zlib.compress(p.read_bytes(), 6)) for p in paths)
    assert stored < zlib_size


def test_later_imports_reuse_the_dictionary_and_older_zlib_rows_still_read(
    tmp_path: Path,
) -> None:
    first = tmp_path / "one.txt"
    first.write_bytes(article_dump().bytes())
    with Library.open(tmp_path / "lib.sqlite3") as lib:
        Importer(lib).import_paths([first])  # too few files to train on: zlib
        paths = _dumps(tmp_path / "dumps", compression.TRAIN_MIN_FILES)
        Importer(lib).import_paths([tmp_path / "dumps"])  # trains (helper process too)
        extra = tmp_path / "late.txt"
        extra.write_bytes(DumpText(groups=[group("后来的新闻标题", "后来的摘要")]).bytes())
        Importer(lib).import_paths([extra])  # one file: the library's dictionary
        records = {r.path: r.id for r in lib.imports()}
        labels = dict(lib.conn.execute("SELECT dump_id, compression FROM dump_bytes"))
        assert labels[records[str(first)]] == "zlib"
        assert labels[records[str(extra)]].startswith("zstd:")
        assert len({labels[records[str(p)]] for p in paths}) == 1
        for path in [first, extra, *paths[:20]]:
            assert lib.dump_bytes(records[str(path)]) == path.read_bytes()

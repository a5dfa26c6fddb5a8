"""Fuzzing the parser and the whole import with mutated real dumps (hypothesis).

Seeds: the reference dump and the saved pages in ../shared when present, and a
generated dump always (so the test runs anywhere). Each example mutates a seed
(bytes flipped, inserted, deleted, repeated, cut, spliced with another seed); the
parser may only refuse it with its own ``DumpError``, and the import may only import
it or reject it with a reason; the library stays healthy (``check``) throughout. The
long run is ``slow``; it prints how many inputs it tried.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SHARED
from dumpwriter import DumpText, article_dump, group
from newsreader.dumps import DumpError, parse_dump
from newsreader.store import Importer, Library
from newsreader.store.checkup import check


def _seeds() -> list[bytes]:
    seeds = [
        article_dump(extra=[group(f"第{i}条新闻标题", f"第{i}条摘要，说了一些事情。")
                            for i in range(8)]).bytes(),
        DumpText(groups=[group("标题甲", "摘要甲"), group("标题乙", "摘要乙")]).bytes("gb18030"),
    ]
    for folder, pattern in ((SHARED / "dumps", "*.txt"), (SHARED / "pages", "*.htm*")):
        if folder.is_dir():
            seeds.extend(p.read_bytes() for p in sorted(folder.rglob(pattern))[:6])
    return seeds


SEEDS = _seeds()


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "repeat", "cut", "splice"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 512))]
        elif kind == "repeat":
            data[at:at] = data[at:at + draw(st.integers(1, 256))] * draw(st.integers(2, 20))
        elif kind == "cut":
            del data[at:]
        else:
            other = draw(st.sampled_from(SEEDS))
            start = draw(st.integers(0, max(0, len(other) - 1)))
            data[at:at] = other[start:start + draw(st.integers(1, 2048))]
    return bytes(data)


TRIED = {"parse": 0, "import": 0}


def _parse(data: bytes) -> None:
    TRIED["parse"] += 1
    try:
        parse_dump(data)
    except DumpError as err:
        assert str(err) and "\n" not in str(err)


def _import(library: Library, data: bytes) -> None:
    TRIED["import"] += 1
    result = Importer(library).import_bytes(data, label=f"fuzz-{TRIED['import']}.txt")
    assert result.status in ("imported", "unchanged", "rejected"), result
    if result.status == "rejected":
        assert result.error


FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
LONG = settings(max_examples=3000, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FAST
@given(mutated())
def test_the_parser_refuses_mutated_dumps_only_with_its_own_error(data: bytes) -> None:
    _parse(data)


@pytest.fixture(scope="module")
def fuzz_library(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("fuzz") / "lib.sqlite3"
    with Library.open(path) as library:
        yield library
    report = check(path)
    assert report.healthy, report.to_json()


def test_the_import_takes_or_rejects_mutated_dumps_and_stays_healthy(fuzz_library) -> None:
    @FAST
    @given(mutated())
    def one(data: bytes) -> None:
        _import(fuzz_library, data)

    one()


@pytest.mark.long_trials
@pytest.mark.slow
def test_a_long_fuzz_of_the_parser_and_the_import(tmp_path: Path) -> None:
    before = dict(TRIED)
    path = tmp_path / "lib.sqlite3"
    with Library.open(path) as library:
        @LONG
        @given(mutated())
        def one(data: bytes) -> None:
            _parse(data)
            _import(library, data)

        one()
    assert check(path).healthy
    print(f"\nfuzzed inputs: parse {TRIED['parse'] - before['parse']}, "
          f"import {TRIED['import'] - before['import']}, seeds {len(SEEDS)}")

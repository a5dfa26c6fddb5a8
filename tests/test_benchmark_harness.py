"""The benchmark harness end to end on a tiny synthetic library: every section, with numbers.

Benchmarks are not timed tests: nothing here asserts how fast anything is, only that one
``python -m benchmarks run`` builds the dumps, imports them through the real command line,
measures every row and writes a complete JSON beside the printed table.
"""

from __future__ import annotations

import shutil

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks import report
from benchmarks.searchbench import CLASSES

REPO = Path(__file__).resolve().parents[1]
STORIES = 300


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str, Path]:
    tmp = tmp_path_factory.mktemp("bench")
    out = tmp / "out" / "run.json"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "run", "--stories", str(STORIES), "--synthetic",
         "--cache", str(tmp / "cache"), "--library", str(tmp / "lib" / "library.sqlite3"),
         "--json", str(out), "--no-ui", "--queries", "8", "--rg-queries", "2", "--reads", "50",
         "--command-runs", "2"],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(out.read_text(encoding="utf-8")), done.stdout, tmp


def test_import_section_has_the_batch_and_the_floor(run: tuple[dict[str, Any], str, Path]) -> None:
    result, _, tmp = run
    imp, floor, dumps = result["import"], result["floor"], result["dumps"]
    assert imp["exit_code"] == 0 and imp["rejected"] == 0 and not imp["traceback"]
    assert dumps["corpus"] == "synthetic" and dumps["files"] > 0 and dumps["bytes"] > 0
    for key in ("seconds", "peak_rss_mb", "cpu_seconds"):
        assert _number(imp[key]) and imp[key] > 0, key
    assert imp["stories_added"] == result["library"]["stories"]
    # The floor re-inserted exactly the rows the import wrote.
    assert floor["rows"]["stories"] == result["library"]["stories"]
    assert floor["rows"]["dumps"] == dumps["files"] == imp["imported"]
    assert floor["rows"]["dump_bytes"] == dumps["files"]
    assert floor["rows"]["sources"] == result["library"]["sources"] > 0
    assert _number(floor["seconds"]) and floor["seconds"] > 0
    assert not (tmp / "lib" / "floor.sqlite3").exists()  # removed unless --keep-floor


def test_library_section_has_sizes(run: tuple[dict[str, Any], str, Path]) -> None:
    lib = run[0]["library"]
    assert abs(lib["stories"] - STORIES) <= STORIES * 0.01
    assert lib["file_bytes"] > lib["search_index_bytes"] > 0
    assert lib["text_bytes"]["total"] == sum(
        lib["text_bytes"][k] for k in ("title", "summary", "body"))
    assert lib["text_bytes"]["body"] > 0 and lib["dump_bytes"] > 0
    assert {"stories", "dump_bytes", "sources", "dumps", "story_search"} <= set(lib["bytes_by_table"])


def test_read_section_has_medians_over_at_least_50_runs(run: tuple[dict[str, Any], str, Path]) -> None:
    read = run[0]["read"]
    for key in ("list_newest", "page_middle", "page_end", "open_story"):
        figures = read[key]
        assert figures["runs"] >= 50, key
        assert _number(figures["median_ms"]) and _number(figures["p95_ms"]), key
        assert figures["median_ms"] <= figures["p95_ms"], key


def test_search_section_has_every_class(run: tuple[dict[str, Any], str, Path]) -> None:
    search = run[0]["search"]
    assert set(search["classes"]) == set(CLASSES)
    # Synthetic text has no Latin words; every Chinese class is sampled from the stored text.
    for name in ("1-char", "2-char", "3-4-char", "mixed", "multi-term"):
        figures = search["classes"][name]
        assert figures["queries"] == len(search["queries"][name]) > 0, name
        assert _number(figures["median_ms"]) and _number(figures["p95_ms"]), name
        assert 0 <= figures["date_order_share"] <= 1, name
        if shutil.which("rg"):  # the ripgrep row is measured only where rg is installed
            assert figures["rg_queries"] == 2 and _number(figures["rg_median_ms"]), name
        else:
            assert "rg_queries" not in figures, name
    assert all(" " in q for q in search["queries"]["multi-term"])
    assert all(len(q) == 1 for q in search["queries"]["1-char"])


def test_machine_revision_and_labelled_missing_rows(run: tuple[dict[str, Any], str, Path]) -> None:
    result, printed, _ = run
    assert result["machine"]["cores"] >= 1 and result["machine"]["sqlite"]
    assert result["git"] and len(result["load_at_start"]) == 3
    assert result["ui"] == {"measured": False, "reason": "skipped (--no-ui)"}
    assert result["text"]["measured"] is False
    for section in ("import", "library", "read", "search", "ui", "text"):
        assert f"-- {section} " in printed
    assert "NOT MEASURED: skipped (--no-ui)" in printed
    # The JSON holds the printed table's rows, each judged only where a goal applies.
    assert result["table"] and {row["status"] for row in result["table"]} <= {"ok", "MISS", "", "-"}
    assert all(row["status"] == "" for row in result["table"] if not row["goal"])


def test_ui_bench_figures_become_judged_rows(run: tuple[dict[str, Any], str, Path]) -> None:
    """What ``ui_bench.measure`` returns is turned into rows with goals (no Qt needed here)."""
    result = dict(run[0])
    result["ui"] = {
        "measured": True,
        "first_paint": {"app_s": 0.3, "bare_s": 0.15},
        "peak_rss_mb": {"app": 180.0, "bare": 100.0, "blocks_cached": 4},
        "show_story_ms": {"median": 4.0, "p95": 9.0},
        "search_ms": {"儿童": {"median": 90.0, "p95": 120.0, "complete": 100.0, "total": 12}},
    }
    rows = {row.metric: row for row in report.table_rows(result) if row.section == "ui"}
    assert rows["first paint: app / bare QMainWindow (median)"].status == "MISS"  # 2.0x > 1.5x
    assert rows["peak RSS after scrolling 20 steps: app / bare"].status == "ok"  # +80 MB
    assert rows["show a story ms median / p95"].status == "ok"
    assert rows["search '儿童' typed: first page ms med / p95"].status == "-"  # a 1M goal
    result["ui"] = {"measured": True, "first_paint": {}}
    (only,) = [row for row in report.table_rows(result) if row.section == "ui"]
    assert only.value.startswith("NOT MEASURED: unexpected result shape")


def test_the_search_command_is_timed_beside_a_bare_interpreter(
    run: tuple[dict[str, Any], str, Path],
) -> None:
    result, printed, _tmp = run
    command = result["command"]
    assert command["measured"] and command["runs"] == 2
    assert command["same_results"] and command["exit_codes"] == [0]
    for key in ("search_ms", "baseline_ms", "search_cpu_ms", "search_peak_rss_mb",
                "baseline_peak_rss_mb"):
        assert _number(command[key]) and command[key] > 0, key
    assert "import click, sqlite3" in printed
    assert _number(result["import"]["peak_rss_mb"])


def test_the_naive_trigram_pipeline_is_built_beside_it(
    run: tuple[dict[str, Any], str, Path],
) -> None:
    result, printed, _tmp = run
    peers = result["peers"]
    assert peers["measured"] and peers["exit_code"] == 0 and peers["rows"] > 0
    assert _number(peers["seconds"]) and peers["index_bytes"] > 0
    assert set(peers["search"]) == {name for name in CLASSES if result["search"]["queries"][name]}
    assert "naive import" in printed and "trigram" in printed

"""The command-line contract: commands, options, JSON keys and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dumpwriter import DumpText, article_dump, group
from newsreader.cli import cli

STORY_KEYS = {
    "id", "title", "untitled", "title_truncated", "summary", "summary_truncated", "byline",
    "keywords", "blocks", "published", "published_raw", "has_body", "sources",
    "url", "site",  # added by issue 11 (additive: a saved page's address and site name)
}
# "format" was added by issue 11 (additive: the dump format's name per file).
FILE_KEYS = {"path", "status", "encoding", "added", "updated", "orphan_timestamps", "warnings",
             "error", "format"}


def run(library: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--library", str(library), *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def test_reference_dump_imports_as_specified(reference_dump: Path, library_path: Path) -> None:
    code, out = run(library_path, "import", "--json", str(reference_dump))
    assert code == 0
    [entry] = json.loads(out)["files"]
    assert set(entry) == FILE_KEYS
    assert (entry["status"], entry["encoding"], entry["added"], entry["updated"]) == (
        "imported", "utf-8", 20, 0)
    assert entry["orphan_timestamps"] == 6
    assert entry["format"] == "portal_text"
    assert len(entry["warnings"]) == 1 and "6" in entry["warnings"][0]

    code, out = run(library_path, "list", "--limit", "0", "--json")
    stories = json.loads(out)
    assert code == 0 and len(stories) == 20
    assert all(set(s) == STORY_KEYS for s in stories)
    [article] = [s for s in stories if s["has_body"]]
    assert article["title"] == "临沂市孤困儿童保障标准“四连升”,保障人数和金额均居全省前列"
    assert article["byline"] == "实习记者 徐畅"
    assert article["untitled"] is False
    assert [b["kind"] for b in article["blocks"]].count("heading") == 3
    assert [b["kind"] for b in article["blocks"]].count("caption") == 1
    assert article["published"] == "2023-08-10"
    assert article["published_raw"] == "23年08月10日 29:32"
    assert article["sources"] == [{
        "path": str(reference_dump), "role": "article", "position": 0,
        "published_raw": "23年08月10日 29:32",
    }]
    assert all(s["published"] == "2023-08-10" for s in stories)  # no invented clock

    code, out = run(library_path, "import", "--json", str(reference_dump))
    assert code == 0 and json.loads(out)["files"][0]["status"] == "unchanged"


def test_reference_dump_resaved_as_gb18030_updates_every_story(
    reference_dump: Path, library_path: Path, tmp_path: Path
) -> None:
    gb = tmp_path / "ref-gb18030.txt"
    gb.write_bytes(reference_dump.read_text(encoding="utf-8").encode("gb18030"))
    run(library_path, "import", str(reference_dump))
    code, out = run(library_path, "import", "--json", str(gb))
    [entry] = json.loads(out)["files"]
    assert (code, entry["encoding"], entry["added"], entry["updated"]) == (0, "gb18030", 0, 20)


def test_rejected_files_give_exit_1_and_the_rest_import(library_path: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_bytes(article_dump().bytes())
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out = run(library_path, "import", "--json", str(empty), str(tmp_path / "missing"),
                    str(good))
    files = json.loads(out)["files"]
    assert code == 1
    assert [f["status"] for f in files] == ["rejected", "rejected", "imported"]
    assert all(f["error"] for f in files[:2]) and files[2]["error"] is None


def test_human_import_output_is_one_line_per_file(library_path: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_bytes(article_dump().bytes())
    code, out = run(library_path, "import", str(good), str(tmp_path / "nope.txt"))
    assert code == 1
    assert "Traceback" not in out
    lines = out.splitlines()
    assert lines[0].startswith("imported") and lines[1].startswith("rejected")
    assert "no such file" in lines[1]


def test_usage_error_exits_2(library_path: Path) -> None:
    code, _ = run(library_path, "import")
    assert code == 2
    code, _ = run(library_path, "list", "--limit", "-1")
    assert code == 2


def test_list_limit_and_order(library_path: Path, tmp_path: Path) -> None:
    groups = [group(f"标题{i}", f"摘要{i}", stamp=f"2023-08-{10 + i:02d} 0{i}:00") for i in range(5)]
    dump = tmp_path / "d.txt"
    dump.write_bytes(DumpText(groups=groups).bytes())
    run(library_path, "import", str(dump))
    code, out = run(library_path, "list", "--limit", "2", "--json")
    stories = json.loads(out)
    assert [s["title"] for s in stories] == ["标题4", "标题3"]
    assert stories[0]["published"] == "2023-08-14T04:00"
    code, out = run(library_path, "list")
    assert code == 0 and len(out.splitlines()) == 5


def test_show_imports_and_stats(library_path: Path, tmp_path: Path) -> None:
    dump = tmp_path / "d.txt"
    dump.write_bytes(article_dump().bytes())
    run(library_path, "import", str(dump))
    code, out = run(library_path, "show", "1", "--json")
    assert code == 0 and json.loads(out)["id"] == 1
    code, out = run(library_path, "show", "1")
    assert "记者 王小明" in out and "Sources:" in out
    code, out = run(library_path, "show", "999")
    assert code == 1 and "no story with id 999" in out
    code, out = run(library_path, "imports", "--json")
    [record] = json.loads(out)
    assert set(record) == {"id", "path", "size", "sha256", "encoding", "imported_at", "added",
                           "updated", "warnings", "format"}  # "format": issue 11, additive
    assert record["path"] == str(dump) and record["added"] == 1
    assert record["format"] == "portal_text"
    code, out = run(library_path, "stats", "--json")
    assert json.loads(out)["stories"] == 1


def test_every_command_has_help_with_an_example() -> None:
    for name, command in cli.commands.items():
        assert "Example" in (command.help or ""), f"{name} has no example in its help"


def test_a_damaged_library_is_one_plain_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"garbage" * 1000)
    code, out = run(bad, "list")
    assert code == 3  # the library cannot be used (README, exit codes)
    assert "damaged" in out and "Traceback" not in out


def test_environment_variable_selects_the_library(tmp_path: Path) -> None:
    dump = tmp_path / "d.txt"
    dump.write_bytes(article_dump().bytes())
    env = {**os.environ, "NEWSREADER_LIBRARY": str(tmp_path / "env.sqlite3")}
    subprocess.run([sys.executable, "-m", "newsreader", "import", str(dump)], env=env,
                   check=True, capture_output=True)
    assert (tmp_path / "env.sqlite3").exists()


@pytest.mark.parametrize("args", [["--help"], ["import", "--help"], ["list", "--help"]])
def test_help_works(args: list[str]) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0 and "Usage" in result.output


@pytest.mark.parametrize("form", ["plain", "parsed"])
def test_without_qt_the_bare_command_says_why_and_shows_the_commands(
    tmp_path, monkeypatch, capsys, form
) -> None:
    import builtins

    from newsreader.launch import main

    real_import = builtins.__import__

    def no_qt(name, *args, **kwargs):
        if name.startswith("newsreader.ui"):
            raise ImportError("libEGL.so.1: cannot open shared object file")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_qt)
    library = str(tmp_path / "lib.sqlite3")
    # "plain" is the front door's fast path; "parsed" reaches the window through the
    # command line's parser (an option form the fast path leaves to it).
    argv = ["--library", library] if form == "plain" else ["--library", "x", "--library", library]
    with pytest.raises(SystemExit) as exited:
        main(argv)
    output = capsys.readouterr()
    assert exited.value.code == 1
    assert "import" in output.out and "search" in output.out  # the commands
    assert "desktop app cannot start (libEGL.so.1" in output.err


def test_without_a_command_the_parser_calls_the_front_doors_window_opener(tmp_path) -> None:
    opened: list[Path | None] = []

    def open_window(library: Path | None) -> int:
        opened.append(library)
        return 7

    library = tmp_path / "lib.sqlite3"
    result = CliRunner().invoke(cli, ["--library", str(library)],
                                obj={"open_window": open_window})
    assert result.exit_code == 7 and opened == [library]

"""Importing saved pages: folders with assets, identity by address, url/site in the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pagewriter import HEADLINE, URL, article_page, as_mhtml
from newsreader.cli import cli
from newsreader.store import Importer, Library


def _run(library: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--library", str(library), *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def test_a_web_page_complete_folder_imports_its_pages_not_its_assets(
    tmp_path: Path, library_path: Path
) -> None:
    saved = tmp_path / "saved"
    (saved / "walkway_files").mkdir(parents=True)
    (saved / "walkway.html").write_text(article_page(), encoding="utf-8")
    (saved / "walkway_files" / "frame.html").write_text(article_page(headline="框架里的页面"),
                                                        encoding="utf-8")
    (saved / "walkway_files" / "notes.txt").write_text("资源文件夹里的文字\n", encoding="utf-8")
    (saved / "walkway_files" / "app.js").write_text("alert(1)", encoding="utf-8")
    (saved / "single.mhtml").write_bytes(as_mhtml(article_page(canonical=None).encode(),
                                                  url="https://news.example.com/other.html"))
    (saved / "page.shtml").write_bytes(article_page(headline="另一篇报道的标题",
                                                    canonical=None).encode("gbk", "replace"))
    code, out = _run(library_path, "import", "--json", str(saved))
    assert code == 0
    files = json.loads(out)["files"]
    assert sorted((Path(f["path"]).name, f["status"], f["format"]) for f in files) == [
        ("page.shtml", "imported", "html_page"),
        ("single.mhtml", "imported", "mhtml"),
        ("walkway.html", "imported", "html_page"),
    ]


def test_the_same_page_saved_twice_is_one_story_with_both_sources(
    tmp_path: Path, library_path: Path
) -> None:
    first = tmp_path / "a.html"
    second = tmp_path / "b.htm"
    first.write_text(article_page(), encoding="utf-8")
    # Saved again later: other comments, another encoding, same canonical address.
    second.write_bytes(article_page(comments=False, charset_meta="gbk").encode("gbk", "replace"))
    with Library.open(library_path) as lib:
        results = Importer(lib, parallel=False).import_paths([first, second, first])
        assert [(r.status, r.added) for r in results] == [
            ("imported", 1), ("imported", 0), ("unchanged", 0)]
        [story] = lib.list_stories(None)
    assert story.title == HEADLINE
    assert (story.url, story.site) == (URL, "本地新闻网")
    assert sorted(Path(s.path).name for s in story.sources) == ["a.html", "b.htm"]


def test_show_and_list_json_carry_url_and_site(tmp_path: Path, library_path: Path) -> None:
    page = tmp_path / "page.txt"  # a .txt holding HTML is HTML
    page.write_text(article_page(), encoding="utf-8")
    code, out = _run(library_path, "import", "--json", str(page))
    assert code == 0 and json.loads(out)["files"][0]["format"] == "html_page"
    code, out = _run(library_path, "show", "1", "--json")
    shown = json.loads(out)
    assert (shown["url"], shown["site"], shown["title"]) == (URL, "本地新闻网", HEADLINE)
    assert shown["published"] == "2023-08-10T18:25"
    code, out = _run(library_path, "list", "--json")
    [listed] = json.loads(out)
    assert (listed["url"], listed["site"]) == (URL, "本地新闻网")
    code, out = _run(library_path, "imports", "--json")
    assert [r["format"] for r in json.loads(out)] == ["html_page"]


def test_a_text_file_without_an_article_is_rejected_with_its_reason(
    tmp_path: Path, library_path: Path
) -> None:
    nav = "".join(f'<li><a href="/{i}">栏目{i}</a></li>' for i in range(30))
    page = tmp_path / "index.html"
    page.write_text(f"<html><head><title>首页</title></head><body><ul>{nav}</ul></body></html>",
                    encoding="utf-8")
    code, out = _run(library_path, "import", "--json", str(page))
    [entry] = json.loads(out)["files"]
    assert entry["status"] == "rejected" and "no article found" in entry["error"]
    assert entry["format"] is None

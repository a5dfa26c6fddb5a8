"""Searching a real library: the index follows imports, filters, ranking, JSON, robustness."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import random
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from dumpwriter import DumpText, article_dump, group
from newsreader.cli import cli
from newsreader.search import matches, parse_query
from newsreader.store import Importer, Library
from newsreader.store.search import search, search_ids


def _import(lib: Library, tmp_path: Path, name: str, dump: DumpText, enc: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(dump.bytes(enc))
    [result] = Importer(lib).import_paths([path])
    assert result.status == "imported", result
    return result


def _titles(results) -> list[str]:
    return [h.title for h in results.hits]


@pytest.fixture
def lib(library_path: Path):
    with Library.open(library_path) as library:
        yield library


def test_index_follows_imports_and_merges(lib: Library, tmp_path: Path) -> None:
    headline = DumpText(groups=[group("某市儿童保障标准连续提高", "记者王小明8月9日,某市召开",
                                      stamp="23年08月10日 29:32")])
    _import(lib, tmp_path, "1.txt", headline)
    assert search(lib, "助学范围").total == 0  # only in the body, not seen yet
    _import(lib, tmp_path, "2.txt", article_dump())
    found = search(lib, "助学范围")
    assert found.total == 1 and found.hits[0].fields == ("body",)
    assert "助学范围" in found.hits[0].snippet
    # The same story again, now with a clock: its sort key (the index rowid) moves.
    _import(lib, tmp_path, "3.txt", DumpText(groups=[group(
        "某市儿童保障标准连续提高", "记者王小明8月9日,某市召开", stamp="23年08月10日 09:15")]))
    assert search(lib, "助学范围").total == 1
    [hit] = search(lib, "保障标准").hits
    assert hit.published == "2023-08-10T09:15"
    assert search(lib, "保障标准", since=dt.date(2023, 8, 10), until=dt.date(2023, 8, 10)).total == 1
    assert search(lib, "保障标准", since=dt.date(2023, 8, 11)).total == 0
    assert search(lib, "保障标准", until=dt.date(2023, 8, 9)).total == 0


def test_rules_through_the_cli(reference_dump: Path, library_path: Path) -> None:
    runner = CliRunner()
    runner.invoke(cli, ["--library", str(library_path), "import", str(reference_dump)])

    def ids(*words: str) -> set[int]:
        out = runner.invoke(cli, ["--library", str(library_path), "search", *words, "--json"])
        assert out.exit_code == 0, out.output
        data = json.loads(out.output)
        assert set(data) == {"total", "order", "results"}
        for r in data["results"]:
            assert set(r) == {"id", "title", "published", "snippet", "highlights", "fields"}
            for start, end in r["highlights"]:
                assert 0 <= start < end <= len(r["snippet"])
        return {r["id"] for r in data["results"]}

    assert len(ids("童")) == 2 and ids("儿童") == ids("童") == ids("孤困儿童") | ids("头盔")
    assert ids("Magic") == ids("5") & ids("Magic") != set()
    assert ids("301") and not ids("601") and not ids("os") and not ids("1月") - ids("8月")
    assert ids("ＭａｇｉｃＯＳ") == ids("magicos")
    assert ids("臨沂") == ids("临沂") != set()
    assert ids("儿童", "-保障") == ids("头盔")
    assert ids("title:临沂") == ids("临沂") and not ids("title:实习记者")
    assert ids("荣耀 OR 川宁", "Magic") == ids("Magic")


@pytest.mark.parametrize("query", [
    '"unbalanced', "NEAR(a b)", "a*", "^x", "a:b", "'; DROP TABLE stories; --", "\x00\x01",
    "童" * 10_000, "OR", "AND NOT", "-", "title:", "(((", "\\", "*", '""', "x" * 10_000,
])
def test_any_input_gives_results_or_a_message(lib: Library, tmp_path: Path, query: str) -> None:
    from newsreader.search import compile_query

    _import(lib, tmp_path, "1.txt", article_dump())
    results = search(lib, query)
    problem = compile_query(query).problem
    if problem is not None:
        # Nothing to search: the one-line reason, and no results.
        assert results.message == problem and results.total == 0 and results.hits == ()
        return
    total, _order, ids = search_ids(lib, query)
    assert results.message is None and results.total == total == len(ids)
    assert [hit.id for hit in results.hits] == list(ids)[:20]


def test_no_positive_term_is_a_plain_message_and_exit_0(library_path: Path) -> None:
    out = CliRunner().invoke(cli, ["--library", str(library_path), "search", "-保障"])
    assert out.exit_code == 0
    assert "Nothing to search for" in out.output


def test_ranking_title_then_occurrences_then_newer(lib: Library, tmp_path: Path) -> None:
    _import(lib, tmp_path, "1.txt", DumpText(groups=[
        group("新闻甲", "提到一次熊猫的摘要", stamp="2023-08-01 10:00"),
        group("新闻乙", "熊猫熊猫熊猫出现三次", stamp="2023-07-01 10:00"),
        group("熊猫回家", "标题里有", stamp="2022-01-01 10:00"),
        group("新闻丙", "也提到一次熊猫", stamp="2023-09-01 10:00"),
    ]))
    results = search(lib, "熊猫")
    assert results.order == "relevance"
    assert _titles(results) == ["熊猫回家", "新闻乙", "新闻丙", "新闻甲"]
    assert _titles(search(lib, "熊猫", sort="date")) == ["新闻丙", "新闻甲", "新闻乙", "熊猫回家"]


def test_has_body_filter_and_undated_drop_out_of_date_filters(lib: Library, tmp_path: Path) -> None:
    _import(lib, tmp_path, "1.txt", article_dump(extra=[group("儿童节快到了", "摘要")]))
    _import(lib, tmp_path, "2.txt", DumpText(article=["没有日期的儿童文章。"], keywords=""))
    assert search(lib, "儿童").total == 3
    assert search(lib, "儿童", has_body=True).total == 2
    assert search(lib, "儿童", since=dt.date(2000, 1, 1)).total == 2


def test_search_ids_pages_every_match(lib: Library, tmp_path: Path) -> None:
    groups = [group(f"测试标题{i}", f"摘要{i}", stamp=f"2023-08-{1 + i % 28:02d} 10:{i % 60:02d}")
              for i in range(50)]
    _import(lib, tmp_path, "1.txt", DumpText(groups=groups))
    total, order, ids = search_ids(lib, "测试", sort="date")
    assert total == 50 and len(set(ids)) == 50 and order == "date"
    rows = lib.rows_by_ids(ids)
    published = [rows[i].published for i in ids]
    assert published == sorted(published, reverse=True)


def test_an_old_library_is_migrated_and_indexed(library_path: Path, tmp_path: Path) -> None:
    from newsreader.store import migrations

    conn = sqlite3.connect(library_path, isolation_level=None)
    migrations.MIGRATIONS[0](conn)  # a library as the first release wrote it
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with Library.open(library_path) as lib:
        assert migrations.schema_version(lib.conn) == len(migrations.MIGRATIONS)
        _import(lib, tmp_path, "1.txt", article_dump())
        assert search(lib, "助学").total == 1


def test_reindex_command_rebuilds(library_path: Path, tmp_path: Path) -> None:
    dump = tmp_path / "1.txt"
    dump.write_bytes(article_dump().bytes())
    runner = CliRunner()
    runner.invoke(cli, ["--library", str(library_path), "import", str(dump)])
    conn = sqlite3.connect(library_path)
    conn.execute("INSERT INTO story_search(story_search) VALUES ('delete-all')")  # lost rows
    conn.commit()
    conn.close()
    out = runner.invoke(cli, ["--library", str(library_path), "reindex"])
    assert out.exit_code == 0 and "Reindexed 1 stories" in out.output
    with Library.open(library_path) as lib:
        assert search(lib, "助学").total == 1


def test_library_stays_plain_sqlite(library_path: Path, tmp_path: Path) -> None:
    dump = tmp_path / "1.txt"
    dump.write_bytes(article_dump().bytes())
    CliRunner().invoke(cli, ["--library", str(library_path), "import", str(dump)])
    conn = sqlite3.connect(library_path)  # no extension, no custom tokenizer
    assert conn.execute("SELECT count(*) FROM story_search WHERE story_search MATCH ?",
                        ('"助学"',)).fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM stories").fetchone()[0] == 1
    import sqlite_utils

    assert sqlite_utils.Database(library_path)["sources"].count == 1


# --- exactness end to end: dumps of real news -> library -> search == brute force ---


def _corpus_dumps(corpus: Path, tmp_path: Path, rng: random.Random, n: int) -> Path:
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    chosen = rng.sample([r for r in records if r.get("body")], n)
    chosen += rng.sample([r for r in records if not r.get("body")], n // 2)
    folder = tmp_path / "dumps"
    folder.mkdir()
    for i in range(0, len(chosen), 6):
        batch = chosen[i : i + 6]
        head, rest = batch[0], batch[1:]
        body = [p for p in (head.get("body") or head["title"]).split("\n") if p.strip()]
        groups = [group(r["title"].replace("\n", " ") or "无题",
                        (r.get("body") or "").replace("\n", "")[:30] or "摘要",
                        stamp=f"2023-0{1 + j % 9}-1{j % 10} 0{j % 10}:30")
                  for j, r in enumerate(rest, start=i)]
        (folder / f"{i:05d}.txt").write_text(
            DumpText(article=body, keywords="", groups=groups).text(), encoding="utf-8")
    return folder


@pytest.mark.slow  # over 3 s on 2 shared cores: the fast subset stays under a minute
@pytest.mark.corpus
def test_search_equals_brute_force_on_real_news(
    corpus_path: Path, library_path: Path, tmp_path: Path
) -> None:
    from test_search_exactness import _QueryMaker

    rng = random.Random(7)
    folder = _corpus_dumps(corpus_path, tmp_path, rng, 600)
    with Library.open(library_path) as lib:
        results = Importer(lib).import_paths([folder])
        assert all(r.status == "imported" for r in results), [r for r in results if r.error]
        stories = lib.list_stories(None)
        fields = {
            s.id: {"title": s.title, "byline": s.byline, "keywords": list(s.keywords),
                   "summary": s.summary, "body": [b.text for b in s.blocks]}
            for s in stories
        }
        maker = _QueryMaker(
            [{"title": f["title"], "body": f["body"] or [f["summary"] or ""]}
             for f in fields.values()], rng)
        kinds = ["1-char", "2-char", "3-4-char", "mixed", "latin", "digits", "inside-latin",
                 "inside-digits", "traditional", "full-width", "phrase", "multi-term", "or",
                 "exclusion", "title", "absent"]
        for n in range(20 * len(kinds)):
            q = maker.make(kinds[n % len(kinds)])
            query = parse_query(q)
            total, _order, ids = search_ids(lib, q)
            expected = ({i for i, f in fields.items() if matches(query, f)}
                        if query.problem is None else set())
            assert set(ids) == expected and total == len(expected), (kinds[n % len(kinds)], q)


def test_old_sort_keys_are_recomputed(library_path: Path, tmp_path: Path) -> None:
    """Libraries of schema 3 had 1440 key slots a day; migration 4 recomputes them."""
    from newsreader.store import migrations

    with Library.open(library_path) as lib:
        _import(lib, tmp_path, "1.txt", DumpText(groups=[
            group("深夜新闻", "摘要", stamp="2023-08-10 23:59"),
            group("次日新闻", "摘要", stamp="2023-08-11 00:00"),
        ]))
        # What the old code wrote: minutes since day 0 with 1440 a day.
        lib.conn.execute("UPDATE stories SET sort_key = -(1 << 61) - id")
        for story_id, published in lib.conn.execute("SELECT id, published FROM stories").fetchall():
            day = dt.date.fromisoformat(published[:10]).toordinal() * 1440
            minute = int(published[11:13]) * 60 + int(published[14:16]) + 1
            lib.conn.execute("UPDATE stories SET sort_key = ? WHERE id = ?",
                             (((day + minute) << 24) | story_id, story_id))
        lib.conn.execute("PRAGMA user_version = 3")
    with Library.open(library_path) as lib:
        assert migrations.schema_version(lib.conn) == len(migrations.MIGRATIONS)
        assert [r.title for r in lib.list_rows(10)] == ["次日新闻", "深夜新闻"]
        assert search(lib, "新闻", since=dt.date(2023, 8, 10), until=dt.date(2023, 8, 10)).total == 1


def test_json_of_a_query_without_words_keeps_the_contract(library_path: Path) -> None:
    out = CliRunner().invoke(cli, ["--library", str(library_path), "search", "-保障", "--json"])
    assert out.exit_code == 0
    assert json.loads(out.stdout) == {"total": 0, "order": "relevance", "results": []}
    assert "Nothing to search for" in out.stderr


# _PROBE_COST 10**9: never probe story by story; 0: always (for one-token queries).
@pytest.mark.parametrize(("walk_at_most", "probe_cost"), [(50_000, 10**9), (3, 10**9), (3, 0)])
def test_the_newest_page_is_the_start_of_every_result(
    lib: Library, tmp_path: Path, monkeypatch, walk_at_most: int, probe_cost: int
) -> None:
    from newsreader.store import search as store_search

    # Recent stories that do not match, then old ones that do: a walk from the
    # newest story meets the matches last (or gives up and sorts them).
    groups = [group(f"填充新闻{i}", f"摘要{i}", stamp=f"2023-08-{10 + i % 18:02d} 09:{i:02d}")
              for i in range(40)]
    groups += [group(f"旧闻儿童{i}", f"摘要{i}", stamp=f"2023-07-{1 + i:02d} 10:00")
               for i in range(6)]
    _import(lib, tmp_path, "1.txt", DumpText(groups=groups))
    monkeypatch.setattr(store_search, "_WALK_AT_MOST", walk_at_most)
    monkeypatch.setattr(store_search, "_PROBE_COST", probe_cost)
    for query in ("儿童", "新闻", "摘要", "旧闻 -儿童", "没有这个词", "-儿童"):
        total, _order, every = search_ids(lib, query, sort="date")
        for limit in (1, 4, 100):
            page_total, ids, message = store_search.newest_page(lib, query, limit=limit,
                                                                sort="date")
            assert page_total == total and ids == every[:limit], (query, limit)
            assert (message is None) == (query != "-儿童")
    # Results ranked by relevance have no cheap first page: every candidate counts.
    total, ids, _message = store_search.newest_page(lib, "儿童", limit=4)
    assert total == 6 and ids is None
    assert store_search.newest_page(lib, "没有这个词", limit=4)[:2] == (0, [])

"""The store's and the parser's English sentences, said in the window's language."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from dumpwriter import DumpText, article_dump, group
from newsreader import dumps
from newsreader.dumps import DumpError, parse_dump
from newsreader.store import Importer, Library, LibraryError
from newsreader.store import preparing
from newsreader.store.importer import expand_paths
from newsreader.store.search import search
from newsreader.ui import messages
from newsreader.ui.i18n import Language


def _rejection(data: bytes) -> str:
    with pytest.raises(DumpError) as caught:
        parse_dump(data)
    return str(caught.value)


def _library_error(path: Path, **kw) -> str:
    with pytest.raises(LibraryError) as caught:
        Library.open(path, **kw).close()
    return str(caught.value)


def _real_sentences(tmp_path: Path, monkeypatch) -> list[str]:
    """Every kind of sentence the store and parser write, produced the way users meet it."""
    said: list[str] = []
    # Files that are not dumps.
    said.append(_rejection(b""))
    said.append(_rejection(b"  \n\t \n"))
    said.append(_rejection(bytes(range(256)) * 40))
    said.append(_rejection(("中文新闻标题。" * 40).encode("utf-16-le")))
    said.append(_rejection(("text \x01\x02\x03\x04 " * 200).encode()))
    said.append(_rejection(b"caf\xe9 na\xefve r\xe9sum\xe9 \x80 " * 40))
    monkeypatch.setattr(dumps, "MAX_DUMP_BYTES", 10)
    said.append(_rejection(b"0123456789abc"))
    monkeypatch.undo()
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 20)
    monkeypatch.setattr(preparing, "MAX_DUMP_BYTES", 10)
    said.append(preparing.read_file("big.txt", big).error)
    monkeypatch.undo()
    said.append(preparing.read_file("gone.txt", tmp_path / "gone.txt").error)
    (tmp_path / "empty").mkdir()
    for target in (tmp_path / "empty", tmp_path / "missing"):
        said.extend(error for _label, _path, error in expand_paths([target]) if error)
    # A dump's warnings.
    said.extend(parse_dump(DumpText(groups=[group("标题", "摘要")], orphans=["23年08月10日 09:15"])
                           .bytes()).warnings)
    said.extend(parse_dump(DumpText(keywords="儿童", groups=[group("标题", "摘要")]).bytes())
                .warnings)
    said.extend(parse_dump(DumpText(groups=[group("标题", "摘要", stamp="23年02月30日 10:00")])
                           .bytes()).warnings)
    lines = DumpText(article=["正文一段。"], keywords="儿童", groups=[group("标题", "摘要")]).text()
    stray = lines.replace("关键词:儿童\n", "关键词:儿童\n多出来的一行\n")
    said.extend(parse_dump(stray.encode()).warnings)
    # Importing a file twice.
    library_path = tmp_path / "lib.sqlite3"
    dump = tmp_path / "a.txt"
    dump.write_bytes(article_dump().bytes())
    with Library.open(library_path) as lib:
        Importer(lib).import_paths([dump])
        [again] = Importer(lib).import_paths([dump])
        said.append(again.note)
        # Searching for nothing, too much, or only exclusions.
        for query in ("-儿童", "儿" * 10_000, "童" * 300, " ".join(f"词{i}" for i in range(80))):
            said.append(search(lib, query).message)
    # Libraries that cannot be opened.
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"not a database " * 300)
    said.append(_library_error(broken))
    said.append(_library_error(tmp_path))
    said.append(_library_error(tmp_path / "nowhere.sqlite3", create=False))
    newer = tmp_path / "newer.sqlite3"
    Library.open(newer).close()
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version = 999")
    said.append(_library_error(newer))
    holder = sqlite3.connect(library_path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        said.append(_library_error(library_path, busy_timeout=0.1))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    return [s for s in said if s]


def test_every_sentence_the_store_writes_is_recognised(tmp_path: Path, monkeypatch) -> None:
    said = _real_sentences(tmp_path, monkeypatch)
    assert len(set(said)) >= 20, said
    unknown = [s for s in said if not messages.known(s)]
    assert unknown == []


@pytest.fixture
def chinese(qapp: QApplication):
    language = Language(QLocale("zh_CN"))
    language.install(qapp)
    yield language
    language.remove(qapp)


def test_they_are_said_in_chinese_with_their_details(
    chinese, tmp_path: Path, monkeypatch
) -> None:
    for sentence in _real_sentences(tmp_path, monkeypatch):
        worded = messages.translated(sentence)
        assert worded != sentence and re.search(r"[\u4e00-\u9fff]", worded), sentence
        # Paths, counts and names survive the wording.
        for detail in re.findall(r"/[^\s:]+\.sqlite3|\b\d[\d,]*\b", sentence):
            assert detail in worded, (sentence, worded)
    assert messages.translated("6 orphan timestamps (timestamp lines with no headline) were "
                               "skipped") == "跳过了 6 个孤立的时间戳（没有标题的时间戳行）"


def test_every_template_has_both_chinese_wordings_with_the_same_blanks(qapp) -> None:
    fields = re.compile(r"\{\w+\}")
    for code in ("zh_CN", "zh_TW"):
        language = Language(QLocale(code))
        language.install(qapp)
        try:
            for _pattern, template in messages._SENTENCES:
                worded = QCoreApplication.translate(messages.CONTEXT, template)
                assert worded != template, (code, template)
                assert sorted(fields.findall(worded)) == sorted(fields.findall(template))
        finally:
            language.remove(qapp)


def test_an_unknown_sentence_is_shown_as_it_came() -> None:
    assert messages.translated("something new went wrong") == "something new went wrong"

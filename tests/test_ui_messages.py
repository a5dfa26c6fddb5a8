"""The store's and the parser's messages, said in the window's language by their code."""

from __future__ import annotations

import errno
import re
import sqlite3
import string
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from dumpwriter import DumpText, article_dump, group
from newsreader import dumps
from newsreader.dumps import DumpError, parse_dump
from newsreader.errors import TEMPLATES, CodedError, Message, os_fields, render
from newsreader.store import Importer, Library, LibraryError
from newsreader.store import preparing
from newsreader.store.importer import expand_paths
from newsreader.store.search import search
from newsreader.ui import messages
from newsreader.ui.i18n import Language


def _rejection(data: bytes) -> Message:
    with pytest.raises(DumpError) as caught:
        parse_dump(data)
    return caught.value.message


def _library_error(path: Path, **kw) -> Message:
    with pytest.raises(LibraryError) as caught:
        Library.open(path, **kw).close()
    return caught.value.message


def _real_sentences(tmp_path: Path, monkeypatch) -> list[Message]:
    """Every kind of message the store and parser give, produced the way users meet it."""
    said: list[Message] = []
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
    return [s for s in said if s is not None]


def _blanks(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_every_message_met_for_real_has_a_code_and_renders_from_it(
    tmp_path: Path, monkeypatch
) -> None:
    said = _real_sentences(tmp_path, monkeypatch)
    assert len({m.code for m in said}) >= 20, said
    for message in said:
        assert isinstance(message, Message), message
        assert str(message) == render(message.code, message.fields)
        assert messages.known(message.code), message.code


def test_every_code_has_a_window_template_with_the_same_blanks() -> None:
    for code, english in TEMPLATES.items():
        assert messages.known(code), code
        forms = english if isinstance(english, tuple) else (english,)
        assert _blanks(messages.template(code)) == set().union(*map(_blanks, forms)), code


@pytest.fixture
def chinese(qapp: QApplication):
    language = Language(QLocale("zh_CN"))
    language.install(qapp)
    yield language
    language.remove(qapp)


def test_they_are_said_in_chinese_with_their_details(
    chinese, tmp_path: Path, monkeypatch
) -> None:
    for message in _real_sentences(tmp_path, monkeypatch):
        worded = messages.translated(message)
        assert worded != message and re.search(r"[\u4e00-\u9fff]", worded), message
        # Paths, counts and names survive the wording.
        for detail in re.findall(r"/[^\s:]+\.sqlite3|\b\d[\d,]*\b", message):
            assert detail in worded, (message, worded)
    assert messages.translated(Message("dump.orphan_timestamps", n=6)) == (
        "有 6 行只有发布时间、找不到所属的标题，已略过（不影响任何新闻）")
    assert messages.translated(Message("dump.too_large", size=70_000_000, limit=67_108_864)) \
        == "文件太大：70,000,000 字节（上限为 67,108,864 字节，即 64 MiB）"


def test_an_os_error_keeps_its_errno_and_is_said_in_chinese(chinese, tmp_path: Path) -> None:
    # A real OS error: reading a folder as a file.
    folder = tmp_path / "a-folder.txt"
    folder.mkdir()
    message = preparing.read_file("a-folder.txt", folder).error
    assert message is not None and message.code == "file.unreadable"
    assert message.fields["errno"] == errno.EISDIR
    assert str(message) == "cannot read the file: Is a directory"
    assert messages.translated(message) == "无法读取文件：这是一个文件夹"
    # A library whose folder cannot be made: a file is in the way.
    (tmp_path / "blocker").write_text("x")
    with pytest.raises(LibraryError) as caught:
        Library.open(tmp_path / "blocker" / "lib.sqlite3")
    assert caught.value.code == "library.no_folder"
    assert caught.value.fields["errno"] in (errno.EEXIST, errno.ENOTDIR)
    assert re.search(r"[\u4e00-\u9fff]{4}", messages.translated(caught.value.message))
    # Permission denied (the suite may run as root, where chmod does not refuse).
    denied = Message("file.unreadable", **os_fields(PermissionError(errno.EACCES,
                                                                    "Permission denied")))
    assert str(denied) == "cannot read the file: Permission denied"
    assert messages.translated(denied) == "无法读取文件：权限不足"
    # An errno without its own wording keeps the system's words.
    odd = Message("file.unreadable", **os_fields(OSError(errno.EXDEV, "Cross-device link")))
    assert messages.translated(odd) == "无法读取文件：Cross-device link"


def test_every_template_and_os_reason_has_both_chinese_wordings_with_the_same_blanks(
    qapp,
) -> None:
    sources = [messages.template(code) for code in TEMPLATES]
    sources += list(messages.os_reasons().values())
    for code in ("zh_CN", "zh_TW"):
        language = Language(QLocale(code))
        language.install(qapp)
        try:
            for source in sources:
                worded = QCoreApplication.translate(messages.CONTEXT, source)
                assert worded != source, (code, source)
                assert _blanks(worded) == _blanks(source), (code, source)
        finally:
            language.remove(qapp)


def test_a_coded_error_pickles_with_its_code_and_fields() -> None:
    import pickle

    err = LibraryError("library.busy", path="/x/lib.sqlite3")
    again = pickle.loads(pickle.dumps(err))
    assert type(again) is LibraryError and again.code == "library.busy"
    assert str(again) == str(err) and again.fields == {"path": "/x/lib.sqlite3"}
    message = pickle.loads(pickle.dumps(Message("dump.stray_lines", n=1)))
    assert message.code == "dump.stray_lines" and message == (
        "1 line between the keywords and the headline list was skipped")
    assert isinstance(messages.said(err), Message) and isinstance(err, CodedError)


def test_an_uncoded_text_is_shown_as_it_came() -> None:
    assert messages.translated("something new went wrong") == "something new went wrong"
    assert messages.said(RuntimeError("boom")) == "boom"

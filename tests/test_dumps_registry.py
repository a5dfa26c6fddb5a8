"""The dump-format registry: formats chosen by content, the choice recorded per import."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from dumpwriter import article_dump
from newsreader.dumps import DumpError, ParsedDump, parse_dump, registry
from newsreader.store import Importer, Library


def test_every_format_declares_name_sniff_and_parse() -> None:
    names = registry.names()
    assert len(set(names)) == len(names)
    assert names[-1] == "portal_text"
    for fmt in registry.formats():
        assert isinstance(fmt.NAME, str) and fmt.NAME
        assert 0.0 <= fmt.sniff(b"") <= 1.0
        assert callable(fmt.parse)


def test_portal_text_is_read_and_named() -> None:
    parsed = parse_dump(article_dump().bytes())
    assert parsed.format == "portal_text"
    assert registry.detect(article_dump().bytes()).NAME == "portal_text"


def _fake_format(confidence: float) -> types.ModuleType:
    fake = types.ModuleType("fake_format")
    fake.NAME = "fake"  # type: ignore[attr-defined]
    fake.sniff = lambda head: confidence if head.startswith(b"FAKE") else 0.0  # type: ignore[attr-defined]

    def parse(data: bytes) -> ParsedDump:
        if data == b"FAKE bad":
            raise DumpError("dump.unknown_format")
        return ParsedDump(encoding="utf-8", article=None, headlines=())

    fake.parse = parse  # type: ignore[attr-defined]
    return fake


def test_the_most_confident_sniff_wins_and_names_the_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsreader.dumps import portal_text

    fake = _fake_format(0.9)
    monkeypatch.setattr(registry, "formats", lambda: (fake, portal_text))
    assert parse_dump(b"FAKE page").format == "fake"
    assert parse_dump("不是假格式的文字\n".encode()).format == "portal_text"
    with pytest.raises(DumpError, match="not a dump format this version reads"):
        parse_dump(b"FAKE bad")
    # Below the fallback's confidence the fallback keeps the file.
    monkeypatch.setattr(registry, "formats", lambda: (_fake_format(0.05), portal_text))
    assert parse_dump(b"FAKE page").format == "portal_text"


def test_the_format_is_recorded_per_import(
    tmp_path: Path, library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsreader.dumps import portal_text

    monkeypatch.setattr(registry, "formats", lambda: (_fake_format(0.9), portal_text))
    (tmp_path / "a.txt").write_bytes(article_dump().bytes())
    (tmp_path / "b.txt").write_bytes(b"FAKE page")
    with Library.open(library_path) as lib:
        results = Importer(lib, parallel=False).import_paths([tmp_path])
        assert [r.format for r in results] == ["portal_text", "fake"]
        again = Importer(lib, parallel=False).import_paths([tmp_path / "b.txt"])
        assert [(r.status, r.format) for r in again] == [("unchanged", "fake")]
        stored = lib.conn.execute("SELECT path, format FROM dumps ORDER BY id").fetchall()
    assert [(Path(p).name, f) for p, f in stored] == [("a.txt", "portal_text"), ("b.txt", "fake")]
    assert "fake_format" not in sys.modules

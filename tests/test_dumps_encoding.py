"""Dump bytes -> text: supported encodings, line endings, and what is rejected (rule 1)."""

from __future__ import annotations

import codecs
import io
import random
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from newsreader.dumps import MAX_DUMP_BYTES, DumpError, parse_dump
from newsreader.dumps.encoding import ENCODINGS, decode

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "dumps" / "article_with_list.txt"


@pytest.fixture(scope="module")
def text() -> str:
    return FIXTURE.read_text(encoding="utf-8")


def encoded(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-le":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    if encoding == "utf-16-be":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    return text.encode(encoding)


@pytest.mark.parametrize(
    ("encoding", "reported"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16"),
        ("utf-16-be", "utf-16"),
        ("gb18030", "gb18030"),
        ("gbk", "gb18030"),
    ],
)
def test_same_dump_in_every_encoding(text: str, encoding: str, reported: str) -> None:
    baseline = parse_dump(text.encode("utf-8"))
    parsed = parse_dump(encoded(text, encoding))
    assert parsed.encoding == reported
    assert parsed.encoding in ENCODINGS
    assert parsed.article == baseline.article
    assert parsed.headlines == baseline.headlines
    assert parsed.orphan_timestamps == baseline.orphan_timestamps == 3
    assert parsed.warnings == baseline.warnings


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030"])
def test_any_line_endings(text: str, newline: str, encoding: str) -> None:
    data = encoded(text.replace("\n", newline), encoding)
    decoded, name = decode(data)
    assert name == encoding
    assert "\r" not in decoded and not decoded.startswith("\ufeff")
    assert decoded == text
    assert parse_dump(data).headlines == parse_dump(text.encode("utf-8")).headlines


def test_mixed_line_endings() -> None:
    decoded, _ = decode("一\r\n二\r三\n四\r\n\r\n五".encode())
    assert decoded == "一\n二\n三\n四\n\n五"


def test_short_gb18030_file_is_not_misjudged() -> None:
    # A detector alone misjudges a few GB18030 characters; strict decodes do not.
    assert decode("标题".encode("gb18030")) == ("标题", "gb18030")
    assert decode("青河市发布防汛四级应急响应".encode("gbk")) == ("青河市发布防汛四级应急响应", "gb18030")


def test_ascii_is_utf8() -> None:
    assert decode(b"Hello\r\n") == ("Hello\n", "utf-8")


def test_gb18030_four_byte_characters() -> None:
    text = "𠀀字与€"
    assert decode(text.encode("gb18030")) == (text, "gb18030")


# --- rejections ------------------------------------------------------------------


def png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\xff\x00\x00" * 2 + b"\x00" + b"\x00\xff\x00" * 2)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def zip_file() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("dump.txt", "标题\n2023-08-10 10:00\n" * 50)
    return buffer.getvalue()


def random_bytes(n: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(n)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \r\n\t\n", "empty file"),
        (codecs.BOM_UTF8 + b"  \n", "empty file"),
        (codecs.BOM_UTF16_LE + " \n　\n".encode("utf-16-le"), "empty file"),
        ("\u3000\n".encode("gb18030"), "empty file"),
        (png(), "not a text file"),
        (zip_file(), "not a text file"),
        (random_bytes(4096, 1), "not a text file"),
        (random_bytes(64, 2), "not a text file"),
        (b"\x00" * 100, "not a text file"),
        ("标题\x00摘要\n".encode(), "not a text file"),
        (bytes(range(1, 32)) * 20, "not a text file"),
        ("".join(chr(c) for c in range(0xE000, 0xE100)).encode(), "not a text file"),
    ],
    ids=["empty", "whitespace", "bom-whitespace", "utf16-whitespace", "ideographic-space",
         "png", "zip", "random-4k", "random-64", "nuls", "nul-in-text", "controls", "private-use"],
)  # fmt: skip
def test_rejected(data: bytes, reason: str) -> None:
    with pytest.raises(DumpError) as excinfo:
        parse_dump(data)
    message = str(excinfo.value)
    assert message.startswith(reason)
    assert "\n" not in message and len(message) < 200


def test_utf16_without_bom_is_rejected_with_a_reason() -> None:
    data = ("青河市发布防汛四级应急响应,全市进入汛期戒备状态。\n" * 20).encode("utf-16-le")
    with pytest.raises(DumpError, match="UTF-16"):
        parse_dump(data)


def test_other_encodings_are_named_in_the_rejection() -> None:
    # Windows-1252 accents followed by a space or newline are neither UTF-8 nor GB18030.
    data = ("Le café est né à Paris. Crème brûlée, naïveté.\n" * 20).encode("cp1252")
    with pytest.raises(DumpError, match="unsupported encoding"):
        parse_dump(data)


def test_a_stray_control_character_is_tolerated() -> None:
    parsed = parse_dump("标题\x07\n2023-08-10 10:00\n".encode())
    assert parsed.headlines[0].title == "标题\x07"


def test_too_large() -> None:
    data = b"a" * (MAX_DUMP_BYTES + 1)
    with pytest.raises(DumpError, match="too large"):
        parse_dump(data)


def test_the_limit_itself_is_accepted() -> None:
    line = ("青河市发布防汛四级应急响应。" * 100 + "\n").encode()
    data = line * (MAX_DUMP_BYTES // len(line))
    data += b"a" * (MAX_DUMP_BYTES - len(data))
    assert len(data) == MAX_DUMP_BYTES
    parsed = parse_dump(data)
    assert parsed.article is not None and parsed.headlines == ()

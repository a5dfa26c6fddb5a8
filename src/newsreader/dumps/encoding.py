"""Bytes -> text for dump files: which encoding, and whether it is text at all.

This module owns the decision "what encoding is this file in" and the rejection of
files that are not text (images, archives, random binary, empty files). Every
format module starts from its output. It must not import SQL, Qt, the store or any
format module.

Reported encoding names are exactly one of ``utf-8``, ``utf-8-sig``, ``utf-16``
and ``gb18030``: the store and the command line print them as they are.
"""

from __future__ import annotations

import codecs
import re

from newsreader.dumps.model import DumpError

ENCODINGS: tuple[str, ...] = ("utf-8", "utf-8-sig", "utf-16", "gb18030")

# Characters no text dump contains in any number: C0/C1 controls other than the
# whitespace ones. One regex keeps this at C speed on a 64 MiB file.
_CONTROLS = re.compile("[\x01-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
# Private-use code points (where GB18030's user-defined areas land when binary data
# happens to decode) and U+FFFD are weaker evidence: real archives carry them
# (portals use private-use characters as separators; old crawls have U+FFFD).
_ODD = re.compile("[\ue000-\uf8ff\ufffd\U000f0000-\U0010ffff]")
# More than this share of controls (or any NUL) means "not text"; a stray control
# character or two in a long real dump is tolerated.
_MAX_CONTROL_SHARE = 0.02
# NOTE: a quarter of odd characters is far beyond any real dump we have seen (the
# worst corpus record has 15%) and far below what binary decoded as GB18030 gives.
_MAX_ODD_SHARE = 0.25
_LINE_ENDS = re.compile(r"\r\n?")
# How much of a rejected file charset-normalizer looks at to word the rejection.
_SNIFF_BYTES = 64 * 1024


def decode(data: bytes) -> tuple[str, str]:
    """Decode a dump file's bytes; return ``(text, encoding)``.

    ``text`` has ``\\n`` line endings only and no byte-order mark. Raises
    :class:`DumpError` with a one-line reason when the bytes are not text we read.
    """
    if not data.strip():
        raise DumpError("dump.empty" if not data else "dump.whitespace")
    text, encoding = _strict_decode(data)
    if text is None:
        raise _undecodable(data)
    # A GB18030 BOM decodes to U+FEFF. Line endings are normalised before the text
    # check so that CRLF and LF copies of a file get the same verdict.
    text = _LINE_ENDS.sub("\n", text.removeprefix("\ufeff"))
    _check_is_text(text, data)
    return text, encoding


def _strict_decode(data: bytes) -> tuple[str | None, str]:
    """Try the encodings we support, strictly, most specific first.

    NOTE: strict decodes come before any detector on purpose: charset-normalizer
    misjudges short GB18030 files, while a strict UTF-8 decode of Chinese text that
    is really GB18030 (or the reverse) practically never succeeds.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _try(data, "utf-8-sig"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # The "utf-16" codec reads the BOM and picks LE or BE itself.
        return _try(data, "utf-16"), "utf-16"
    for encoding in ("utf-8", "gb18030"):
        text = _try(data, encoding)
        if text is not None:
            return text, encoding
    return None, ""


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _check_is_text(text: str, data: bytes) -> None:
    if not text.strip():
        raise DumpError("dump.whitespace")
    if "\x00" in text:
        raise _nul_bytes(data)
    controls = sum(1 for _ in _CONTROLS.finditer(text))
    odd = sum(1 for _ in _ODD.finditer(text))
    if controls > max(2, _MAX_CONTROL_SHARE * len(text)) or odd > max(
        2, _MAX_ODD_SHARE * len(text)
    ):
        raise DumpError("dump.control_chars")


def _nul_bytes(data: bytes) -> DumpError:
    guess = _detect(data)
    if guess is not None and guess.startswith(("utf_16", "utf_32")):
        name = guess.split("_be")[0].split("_le")[0].replace("_", "-").upper()
        return DumpError("dump.no_bom", name=name)
    return DumpError("dump.nul_bytes")


def _undecodable(data: bytes) -> DumpError:
    guess = _detect(data)
    if guess is None:
        return DumpError("dump.binary")
    return DumpError("dump.encoding", name=guess)


def _detect(data: bytes) -> str | None:
    """charset-normalizer's best guess for a rejected file, or None for binary.

    Only used to word a rejection, never to decode: the supported encodings are
    all decided by strict decodes above.
    """
    # Imported here: it is only needed on the rejection path, and importing it
    # costs more than decoding a typical dump.
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_SNIFF_BYTES]).best()
    return None if best is None else str(best.encoding)

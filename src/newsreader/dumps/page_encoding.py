"""Bytes -> text for saved web pages: the bytes' real encoding wins over the declared one.

This module owns deciding a saved page's encoding. Saved pages often lie about it: a
page re-saved by a browser as UTF-8 keeps its ``<meta charset=gb2312>``, and many
declare nothing. Order of evidence: a byte-order mark; then a strict UTF-8 decode
(multi-byte UTF-8 practically never happens by chance in GBK text, so a clean decode
is the truth); then the declared charset (``<meta charset>``, ``http-equiv``, the XML
declaration, or the MHTML part's header) if the bytes decode strictly in it; then
GB18030 (a superset of GB2312/GBK, the usual truth of Chinese pages); then
charset-normalizer's guess. A page that decodes under none of them, except with
more than a few replacement characters, is rejected. Must not import SQL, Qt, the
store or a format module.
"""

from __future__ import annotations

import codecs
import re

from newsreader.dumps.model import DumpError

# Where a declaration may stand: the first few KiB, as browsers look (they stop at 1024
# bytes; saved pages put long comments first, so look a little further).
_DECLARATION_BYTES = 8192
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""")
# Names pages use for the GB family: all read as GB18030, their superset.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "ms936", "euc-cn", "hz-gb-2312",
              "csgb2312", "gb_2312-80", "windows-936", "chinese", "iso-ir-58"}
# A page that decodes only with replacements is still read when they are this rare
# (one stray bad byte pair in a long GBK page); beyond that it would come out garbled.
_MAX_REPLACED_SHARE = 0.001
_BOM_GB18030 = b"\x84\x31\x95\x33"


def declared_charset(data: bytes) -> str | None:
    """The charset the page names for itself (lower-case), or None."""
    head = data[:_DECLARATION_BYTES]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if match is None:
        return None
    return match.group(1).decode("ascii", "replace").lower().strip("\"' ")


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = name.lower()
    if name in _GB_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_page(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode a saved page; return ``(text, encoding name)``.

    ``declared`` is a charset named outside the bytes (an MHTML part's header); the
    page's own declaration is read here. Raises :class:`DumpError` when no encoding
    reads the page without garbling it.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", "utf-16")
    if data.startswith(_BOM_GB18030):
        return _strict(data[4:], "gb18030", "gb18030")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    tried = []
    for name in (_codec(declared), _codec(declared_charset(data)), "gb18030"):
        if name is None or name in tried or name in ("utf-8", "ascii"):
            continue
        tried.append(name)
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    # No clean decode: accept the best candidate if it only needs a rare replacement.
    guesses = tried + ["utf-8"] + [g for g in [_detect(data)] if g and g not in tried]
    for name in guesses:
        text = data.decode(name, "replace")
        if text.count("\ufffd") <= max(4, _MAX_REPLACED_SHARE * len(text)):
            return text, name
    raise DumpError("dump.page_undecodable", declared=declared_charset(data) or "none")


def _strict(data: bytes, codec: str, name: str) -> tuple[str, str]:
    try:
        return data.decode(codec), name
    except UnicodeDecodeError:
        raise DumpError("dump.page_bad_bom", name=name) from None


def _detect(data: bytes) -> str | None:
    """charset-normalizer's guess (a Python codec name), only for pages nothing else reads."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    return None if best is None else _codec(str(best.encoding))

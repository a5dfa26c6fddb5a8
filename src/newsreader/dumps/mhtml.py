"""Single-file saved pages (MHTML: ``.mhtml``/``.mht``, as Chromium and Edge save them).

This module owns the MHTML format: a MIME ``multipart/related`` message whose first
``text/html`` part is the page and whose other parts (styles, images, frames) are
its assets. The page part is decoded from its transfer encoding (quoted-printable
or base64) and read exactly as a saved HTML page (``html_page``), with the part's
charset as the declared one and its ``Content-Location`` as the page's address. No
asset is read or fetched. Must not import SQL, Qt or the store.
"""

from __future__ import annotations

import email
import email.message
import email.policy
import re

from newsreader.dumps import html_page
from newsreader.dumps.model import DumpError, ParsedDump

NAME = "mhtml"

_HEADER_END = re.compile(rb"\r?\n\r?\n")
# Parts looked at before giving up: a page has tens; a hostile file may claim millions.
_MAX_PARTS = 10_000


def sniff(head: bytes) -> float:
    """0.97 when the file opens with MIME headers of a multipart/related message."""
    end = _HEADER_END.search(head)
    headers = (head[: end.start()] if end else head[:8192]).lower()
    if b"multipart/related" in headers and (
        b"mime-version" in headers or b"snapshot-content-location" in headers
    ):
        return 0.97
    return 0.0


def parse(data: bytes) -> ParsedDump:
    """The page inside an MHTML file, read as a saved HTML page."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
        page, location = _page_part(message)
    except RecursionError:
        raise DumpError("dump.mhtml_too_deep") from None
    if page is None:
        raise DumpError("dump.mhtml_no_page")
    payload = page.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload.strip():
        raise DumpError("dump.mhtml_empty_page")
    charset = page.get_content_charset()
    parsed = html_page.parse_page(payload, charset=charset, url=location)
    return ParsedDump(
        encoding=parsed.encoding, article=parsed.article, headlines=parsed.headlines,
        warnings=parsed.warnings, format=NAME,
    )


def _page_part(
    message: email.message.Message,
) -> tuple[email.message.Message | None, str | None]:
    """The HTML part the snapshot names (else the first one), and its address."""
    wanted = (message.get("Snapshot-Content-Location") or "").strip() or None
    first: email.message.Message | None = None
    todo = [message]
    seen = 0
    while todo and seen < _MAX_PARTS:
        seen += 1
        part = todo.pop(0)
        if part.is_multipart():
            payload = part.get_payload()
            if isinstance(payload, list):
                todo.extend(payload)
            continue
        if part.get_content_type() in ("text/html", "application/xhtml+xml"):
            location = (part.get("Content-Location") or "").strip() or None
            if wanted is not None and location == wanted:
                return part, location
            if first is None:
                first = part
    if first is None:
        return None, wanted
    return first, (first.get("Content-Location") or "").strip() or wanted

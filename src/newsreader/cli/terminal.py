"""Text from stories and file names, made safe to print on a terminal.

This module owns what the human (non-JSON) output does with control characters: a
story may carry terminal escape sequences (OSC 0 retitles the window, OSC 52 writes
the clipboard) and a file name may hold a newline that would forge a report line.
Every such character is shown as a visible escape (``\\x1b``, ``\\n``) instead;
JSON output keeps the text as it is (JSON escapes it by itself). Must not import Qt
or the store.
"""

from __future__ import annotations

import re

# C0 controls but tab, DEL, C1 controls; the bidi overrides and isolates that can
# make a line read differently from what it holds; lone surrogates (undecodable).
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def shown(text: object) -> str:
    """``text`` with every control character made visible (``\\x1b``)."""
    return _UNSAFE.sub(_escape, str(text))

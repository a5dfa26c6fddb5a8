"""The window's wording of the sentences the store and the parser write in English.

This module owns turning a library error, a rejected file's reason, a dump's warning or
a search message into the user's language. The store and the parser speak English on
purpose (the command line's output and JSON are a contract other tools read); the window
matches each known sentence here and says it with Qt's translations, keeping the
numbers, paths and names it carried. A sentence not listed is shown as it came, never
hidden. Must not import the store or SQL.

When a store or parser message changes, change its pattern here too:
``tests/test_ui_messages.py`` produces each of them for real and checks that every one
is recognised.
"""

from __future__ import annotations

import functools
import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "Messages"

# Each pattern matches a whole English sentence; its named groups fill the template.
_SENTENCES: tuple[tuple[str, str], ...] = (
    # -- files that are not dumps (newsreader.dumps, store.preparing, store.importer)
    (r"empty file", QT_TRANSLATE_NOOP("Messages", "empty file")),
    (r"empty file \(only whitespace\)",
     QT_TRANSLATE_NOOP("Messages", "empty file (only whitespace)")),
    (r"file too large: (?P<size>[\d,]+) bytes \(the limit is (?P<limit>[\d,]+) bytes, 64 MiB\)",
     QT_TRANSLATE_NOOP("Messages", "file too large: {size} bytes (the limit is {limit} "
                                   "bytes, 64 MiB)")),
    (r"file is larger than 64 MiB \((?P<size>[\d,]+) bytes\); not a page dump",
     QT_TRANSLATE_NOOP("Messages", "file is larger than 64 MiB ({size} bytes); not a page "
                                   "dump")),
    (r"not a dump format this version reads",
     QT_TRANSLATE_NOOP("Messages", "not a dump format this version reads")),
    (r"not a text file \(looks like binary data\)",
     QT_TRANSLATE_NOOP("Messages", "not a text file (looks like binary data)")),
    (r"not a text file \(contains NUL bytes\)",
     QT_TRANSLATE_NOOP("Messages", "not a text file (contains NUL bytes)")),
    (r"not a text file \(mostly control or unprintable characters\)",
     QT_TRANSLATE_NOOP("Messages", "not a text file (mostly control or unprintable "
                                   "characters)")),
    (r"unsupported encoding: looks like (?P<name>\S+) without a byte-order mark",
     QT_TRANSLATE_NOOP("Messages", "unsupported encoding: looks like {name} without a "
                                   "byte-order mark")),
    ((r"unsupported encoding: not UTF-8, UTF-16 with a byte-order mark or GB18030 "
      r"\(it looks like (?P<name>.+)\)"),
     QT_TRANSLATE_NOOP("Messages", "unsupported encoding: not UTF-8, UTF-16 with a "
                                   "byte-order mark or GB18030 (it looks like {name})")),
    (r"cannot read the file: (?P<reason>.+)",
     QT_TRANSLATE_NOOP("Messages", "cannot read the file: {reason}")),
    (r"cannot read the folder: (?P<reason>.+)",
     QT_TRANSLATE_NOOP("Messages", "cannot read the folder: {reason}")),
    (r"the folder holds no dumps \(\*\.txt files\)",
     QT_TRANSLATE_NOOP("Messages", "the folder holds no dumps (*.txt files)")),
    (r"not a regular file", QT_TRANSLATE_NOOP("Messages", "not a regular file")),
    (r"no such file or folder", QT_TRANSLATE_NOOP("Messages", "no such file or folder")),
    (r"already imported on (?P<when>.+)",
     QT_TRANSLATE_NOOP("Messages", "already imported on {when}")),
    # -- a dump's warnings (newsreader.dumps.portal_text)
    (r"(?P<n>\d+) orphan timestamps \(timestamp lines with no headline\) were skipped",
     QT_TRANSLATE_NOOP("Messages", "{n} orphan timestamps (timestamp lines with no "
                                   "headline) were skipped")),
    (r"1 orphan timestamp \(a timestamp line with no headline\) was skipped",
     QT_TRANSLATE_NOOP("Messages", "1 orphan timestamp (a timestamp line with no headline) "
                                   "was skipped")),
    (r"(?P<n>\d+) lines? between the keywords and the headline list (?:were|was) skipped",
     QT_TRANSLATE_NOOP("Messages", "{n} lines between the keywords and the headline "
                                   "list were skipped")),
    (r"a keywords line with no article text before it was ignored",
     QT_TRANSLATE_NOOP("Messages", "a keywords line with no article text before it was "
                                   "ignored")),
    (r"(?P<n>\d+) timestamps? with an impossible date \(kept as printed, undated\)",
     QT_TRANSLATE_NOOP("Messages", "{n} timestamps with an impossible date (kept as "
                                   "printed, undated)")),
    # -- the library file (store.library, store.migrations)
    ((r"(?P<path>.+) is damaged or is not a newsreader library\. Open another library, "
      r"or move this file away to start a new one\."),
     QT_TRANSLATE_NOOP("Messages", "{path} is damaged or is not a newsreader library. "
                                   "Open another library, or move this file away to "
                                   "start a new one.")),
    ((r"(?P<path>.+) is read-only\. Check the file's permissions or copy it somewhere "
      r"writable\."),
     QT_TRANSLATE_NOOP("Messages", "{path} is read-only. Check the file's permissions or "
                                   "copy it somewhere writable.")),
    ((r"(?P<path>.+) is busy: another program is writing to it\. Try again when it has "
      r"finished\."),
     QT_TRANSLATE_NOOP("Messages", "{path} is busy: another program is writing to it. "
                                   "Try again when it has finished.")),
    (r"Cannot open (?P<path>.+): the folder is missing or not writable\.",
     QT_TRANSLATE_NOOP("Messages", "Cannot open {path}: the folder is missing or not "
                                   "writable.")),
    (r"The disk holding (?P<path>.+) is full\. Free some space and try again\.",
     QT_TRANSLATE_NOOP("Messages", "The disk holding {path} is full. Free some space and "
                                   "try again.")),
    (r"There is no library at (?P<path>.+)\.",
     QT_TRANSLATE_NOOP("Messages", "There is no library at {path}.")),
    (r"Cannot create the folder for (?P<path>.+): (?P<reason>.+)\.",
     QT_TRANSLATE_NOOP("Messages", "Cannot create the folder for {path}: {reason}.")),
    (r"(?P<path>.+) is a folder, not a library file\.",
     QT_TRANSLATE_NOOP("Messages", "{path} is a folder, not a library file.")),
    (r"Cannot switch (?P<path>.+) to WAL mode \(got (?P<mode>.+)\)\.",
     QT_TRANSLATE_NOOP("Messages", "Cannot switch {path} to WAL mode (got {mode}).")),
    ((r"This library was written by a newer newsreader \(schema (?P<version>\d+), this "
      r"program knows (?P<known>\d+)\)\. Update newsreader to open it\."),
     QT_TRANSLATE_NOOP("Messages", "This library was written by a newer newsreader "
                                   "(schema {version}, this program knows {known}). "
                                   "Update newsreader to open it.")),
    (r"Dump (?P<dump>\d+) is stored with an unknown compression (?P<name>.+)\.",
     QT_TRANSLATE_NOOP("Messages", "Dump {dump} is stored with an unknown compression "
                                   "{name}.")),
    (r"Cannot use the library (?P<path>.+?): (?P<reason>.+)",
     QT_TRANSLATE_NOOP("Messages", "Cannot use the library {path}: {reason}")),
    # -- search (newsreader.search.query, store.search)
    (r"The query is too long: at most (?P<n>[\d,]+) characters\.",
     QT_TRANSLATE_NOOP("Messages", "The query is too long: at most {n} characters.")),
    (r"A search term is too long: at most (?P<n>[\d,]+) characters\.",
     QT_TRANSLATE_NOOP("Messages", "A search term is too long: at most {n} characters.")),
    (r"Too many search terms: at most (?P<n>[\d,]+)\.",
     QT_TRANSLATE_NOOP("Messages", "Too many search terms: at most {n}.")),
    (r"Nothing to search for: the query has no word to look for\.",
     QT_TRANSLATE_NOOP("Messages", "Nothing to search for: the query has no word to look "
                                   "for.")),
    (r"Nothing to search for\.", QT_TRANSLATE_NOOP("Messages", "Nothing to search for.")),
)

@functools.cache
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    # Compiled when first needed: the reading view imports this module on start-up.
    return tuple((re.compile(pattern, re.DOTALL), template) for pattern, template in _SENTENCES)


def known(message: str) -> bool:
    """Whether ``message`` is one of the sentences this module words."""
    return any(pattern.fullmatch(message) for pattern, _ in _compiled())


def translated(message: str) -> str:
    """``message`` in the user's language (as it came when it is not a known sentence)."""
    for pattern, template in _compiled():
        match = pattern.fullmatch(message)
        if match is not None:
            return QCoreApplication.translate(CONTEXT, template).format(**match.groupdict())
    return message

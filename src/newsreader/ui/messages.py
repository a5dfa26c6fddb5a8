"""The window's wording of the store's and the parser's messages, by their code.

This module owns saying a library error, a rejected file's reason, a dump's warning or
a search message in the user's language. The store and the parser hand over a
``newsreader.errors.Message`` (the English sentence, which the command line prints,
plus a stable ``code`` and the ``fields`` it was made from); here each code has a
template for Qt's translations with the same ``{field}`` blanks, and an OS error's
``errno`` picks a translated reason ("permission denied" in Chinese too). Nothing here
reads an English sentence back. A plain string (an unexpected error's text) is shown
as it came, never hidden. Must not import the store or SQL.

A new code in ``newsreader.errors.TEMPLATES`` needs its line in ``_TEMPLATES`` below
and its zh_CN/zh_TW translations (``python3 packaging/build_translations.py
--update``); ``tests/test_ui_messages.py`` fails until both are there.
"""

from __future__ import annotations

import errno
import string
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from newsreader.errors import TEMPLATES, CodedError, Message

CONTEXT = "Messages"

# code -> the window's template (the source text translators see). Plural codes use
# the English plural: Chinese needs one form.
_TEMPLATES: dict[str, str] = {
    # -- files that are not dumps (newsreader.dumps, store.preparing, store.importer)
    "dump.empty": QT_TRANSLATE_NOOP("Messages", "empty file"),
    "dump.whitespace": QT_TRANSLATE_NOOP("Messages", "empty file (only whitespace)"),
    "dump.too_large": QT_TRANSLATE_NOOP("Messages", "file too large: {size} bytes (the limit "
                                                    "is {limit} bytes, 64 MiB)"),
    "dump.file_too_large": QT_TRANSLATE_NOOP("Messages", "file is larger than 64 MiB ({size} "
                                                         "bytes); not a page dump"),
    "dump.no_story": QT_TRANSLATE_NOOP("Messages", "no story found: the file holds {n} letters or digits of text (a story needs at least {least})"),
    "dump.unknown_format": QT_TRANSLATE_NOOP("Messages", "not a dump format this version reads"),
    "dump.binary": QT_TRANSLATE_NOOP("Messages", "not a text file (looks like binary data)"),
    "dump.nul_bytes": QT_TRANSLATE_NOOP("Messages", "not a text file (contains NUL bytes)"),
    "dump.control_chars": QT_TRANSLATE_NOOP("Messages", "not a text file (mostly control or "
                                                        "unprintable characters)"),
    "dump.no_bom": QT_TRANSLATE_NOOP("Messages", "unsupported encoding: looks like {name} "
                                                 "without a byte-order mark"),
    "dump.encoding": QT_TRANSLATE_NOOP("Messages", "unsupported encoding: not UTF-8, UTF-16 "
                                                   "with a byte-order mark or GB18030 (it "
                                                   "looks like {name})"),
    "file.unreadable": QT_TRANSLATE_NOOP("Messages", "cannot read the file: {reason}"),
    "folder.unreadable": QT_TRANSLATE_NOOP("Messages", "cannot read the folder: {reason}"),
    "folder.no_dumps": QT_TRANSLATE_NOOP("Messages", "the folder holds no dumps (*.txt files)"),
    "file.not_regular": QT_TRANSLATE_NOOP("Messages", "not a regular file"),
    "file.missing": QT_TRANSLATE_NOOP("Messages", "no such file or folder"),
    "import.unchanged": QT_TRANSLATE_NOOP("Messages", "already imported on {when}"),
    # -- saved pages, MHTML and text-browser dumps
    "dump.page_undecodable": QT_TRANSLATE_NOOP("Messages", "cannot decode the page: its bytes are not UTF-8, GB18030 or the charset it declares ({declared})"),
    "dump.page_bad_bom": QT_TRANSLATE_NOOP("Messages", "cannot decode the page: it starts with a {name} byte-order mark but is not valid {name}"),
    "dump.page_too_deep": QT_TRANSLATE_NOOP("Messages", "not a readable page: its elements nest deeper than {limit} levels and no article was found above that depth"),
    "dump.page_too_many_elements": QT_TRANSLATE_NOOP("Messages", "not a readable page: it has {n} tags (the limit is {limit}); not a saved article page"),
    "dump.page_no_article": QT_TRANSLATE_NOOP("Messages", "no article found in the page (no headline and body of real sentences)"),
    "dump.page_no_body": QT_TRANSLATE_NOOP("Messages", "no article found in the page (no body of real sentences)"),
    "dump.page_deep": QT_TRANSLATE_NOOP("Messages", "the page nests deeper than {limit} levels; what lies deeper was skipped"),
    "dump.mhtml_too_deep": QT_TRANSLATE_NOOP("Messages", "not a readable MHTML file: its parts nest too deeply"),
    "dump.mhtml_no_page": QT_TRANSLATE_NOOP("Messages", "not a readable MHTML file: it holds no HTML page part"),
    "dump.mhtml_empty_page": QT_TRANSLATE_NOOP("Messages", "not a readable MHTML file: its HTML part is empty"),
    "dump.text_no_article": QT_TRANSLATE_NOOP("Messages", "no article found in the text (no headline and body of real sentences)"),
    "import.interrupted": QT_TRANSLATE_NOOP("Messages", "interrupted before it was saved; import it again to finish"),
    "import.stopped": QT_TRANSLATE_NOOP("Messages", "not saved: the import stopped; import it again to finish"),
    # -- a dump's warnings (newsreader.dumps.portal_text)
    "dump.orphan_timestamps": QT_TRANSLATE_NOOP("Messages", "{n} orphan timestamps (timestamp "
                                                            "lines with no headline) were "
                                                            "skipped"),
    "dump.stray_lines": QT_TRANSLATE_NOOP("Messages", "{n} lines between the keywords and the "
                                                      "headline list were skipped"),
    "dump.lone_keywords": QT_TRANSLATE_NOOP("Messages", "a keywords line with no article text "
                                                        "before it was ignored"),
    "dump.impossible_dates": QT_TRANSLATE_NOOP("Messages", "{n} timestamps with an impossible "
                                                           "date (kept as printed, undated)"),
    # -- the library file (store.library, store.migrations)
    "library.damaged": QT_TRANSLATE_NOOP("Messages", "{path} is damaged or is not a newsreader "
                                                     "library. Open another library, or move "
                                                     "this file away to start a new one."),
    "library.read_only": QT_TRANSLATE_NOOP("Messages", "{path} is read-only. Check the file's "
                                                       "permissions or copy it somewhere "
                                                       "writable."),
    "library.busy": QT_TRANSLATE_NOOP("Messages", "{path} is busy: another program is writing "
                                                  "to it. Try again when it has finished."),
    "library.cannot_open": QT_TRANSLATE_NOOP("Messages", "Cannot open {path}: the folder is "
                                                         "missing or not writable."),
    "library.disk_full": QT_TRANSLATE_NOOP("Messages", "The disk holding {path} is full. Free "
                                                       "some space and try again."),
    "library.missing": QT_TRANSLATE_NOOP("Messages", "There is no library at {path}."),
    "library.no_folder": QT_TRANSLATE_NOOP("Messages", "Cannot create the folder for {path}: "
                                                       "{reason}."),
    "library.is_folder": QT_TRANSLATE_NOOP("Messages", "{path} is a folder, not a library "
                                                       "file."),
    "library.no_wal": QT_TRANSLATE_NOOP("Messages", "Cannot switch {path} to WAL mode (got "
                                                    "{mode})."),
    "library.too_new": QT_TRANSLATE_NOOP("Messages", "This library was written by a newer "
                                                     "newsreader (schema {version}, this "
                                                     "program knows {known}). Update "
                                                     "newsreader to open it."),
    "library.unknown_compression": QT_TRANSLATE_NOOP("Messages", "Dump {dump} is stored with an "
                                                                 "unknown compression {name}."),
    "library.interrupted": QT_TRANSLATE_NOOP("Messages", "The query on {path} was "
                                                         "interrupted."),
    "library.failed": QT_TRANSLATE_NOOP("Messages", "Cannot use the library {path}: {reason}"),
    "library.too_new_file": QT_TRANSLATE_NOOP("Messages", "{path} was written by a newer newsreader (schema {version}, this program knows {known}). Update newsreader to open it."),
    "backup.exists": QT_TRANSLATE_NOOP("Messages", "{path} already exists; choose a new file for the backup."),
    "backup.cannot_write": QT_TRANSLATE_NOOP("Messages", "Cannot write the backup {path}: {reason}."),
    "library.malformed": QT_TRANSLATE_NOOP("Messages", "{path} is damaged. Run `newsreader check` to see what can be repaired, or restore it from a backup."),
    "library.bad_value": QT_TRANSLATE_NOOP("Messages", "{path} is damaged (a stored value cannot be read: {reason}). Run `newsreader check` to see what can be repaired, or restore it from a backup."),
    "library.not_ours": QT_TRANSLATE_NOOP("Messages", "{path} is not a newsreader library (it belongs to another program). It was left untouched; choose another file for the library."),
    "library.read_only_folder": QT_TRANSLATE_NOOP("Messages", "The folder {folder} is read-only, and SQLite needs to write beside the library there. Reading works; to change {path}, copy it to a writable folder."),
    "library.create_read_only": QT_TRANSLATE_NOOP("Messages", "Cannot create {path}: the folder {folder} is read-only."),
    "library.old_read_only": QT_TRANSLATE_NOOP("Messages", "{path} was made by an older newsreader and must be upgraded before it can be read, but it cannot be written. Copy it somewhere writable and open the copy."),
    "library.write_failed": QT_TRANSLATE_NOOP("Messages", "Cannot write {path}: the disk reported an error (it may be full, over a file size limit, or failing). Free some space and try again."),
    # -- followed folders and marks (store.following, store.marks)
    "follow.unreachable": QT_TRANSLATE_NOOP("Messages", "the shared folder {path} cannot be reached for now: {reason}"),
    "follow.no_such_folder": QT_TRANSLATE_NOOP("Messages", "{path}: no such folder"),
    "follow.not_a_folder": QT_TRANSLATE_NOOP("Messages", "{path} is not a folder"),
    "follow.pending": QT_TRANSLATE_NOOP("Messages", "still being written or copied"),
    "marks.bad_file": QT_TRANSLATE_NOOP("Messages", "not a marks file this program can read: {reason}"),
    # -- search (newsreader.search.query, store.search)
    "query.too_long": QT_TRANSLATE_NOOP("Messages", "The query is too long: at most {n} "
                                                    "characters."),
    "query.term_too_long": QT_TRANSLATE_NOOP("Messages", "A search term is too long: at most "
                                                         "{n} characters."),
    "query.too_many_terms": QT_TRANSLATE_NOOP("Messages", "Too many search terms: at most {n}."),
    "query.no_positive_term": QT_TRANSLATE_NOOP("Messages", "Nothing to search for: the query "
                                                            "has no word to look for."),
    "query.empty": QT_TRANSLATE_NOOP("Messages", "Nothing to search for."),
}

# What an OS error's errno says, for the ``reason`` field (others keep the system's words).
_OS_REASONS: dict[int, str] = {
    errno.EACCES: QT_TRANSLATE_NOOP("Messages", "permission denied"),
    errno.EPERM: QT_TRANSLATE_NOOP("Messages", "operation not permitted"),
    errno.ENOENT: QT_TRANSLATE_NOOP("Messages", "no such file or folder"),
    errno.EISDIR: QT_TRANSLATE_NOOP("Messages", "it is a folder"),
    errno.ENOTDIR: QT_TRANSLATE_NOOP("Messages", "a part of the path is not a folder"),
    errno.ENOSPC: QT_TRANSLATE_NOOP("Messages", "no space left on the disk"),
    errno.EROFS: QT_TRANSLATE_NOOP("Messages", "the disk is read-only"),
    errno.EIO: QT_TRANSLATE_NOOP("Messages", "input/output error (the disk may be failing)"),
    errno.ENAMETOOLONG: QT_TRANSLATE_NOOP("Messages", "the name is too long"),
    errno.EEXIST: QT_TRANSLATE_NOOP("Messages", "a file of that name is in the way"),
}


def known(code: str) -> bool:
    """Whether the window has its own wording for ``code``."""
    return code in _TEMPLATES


def template(code: str) -> str:
    """The untranslated window template of ``code`` (for tests and translators)."""
    return _TEMPLATES[code]


def os_reasons() -> dict[int, str]:
    """errno -> untranslated reason (for tests and translators)."""
    return dict(_OS_REASONS)


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _english_specs(code: str) -> dict[str, tuple[str | None, str]]:
    """field -> (conversion, format spec) as the English template writes it."""
    specs: dict[str, tuple[str | None, str]] = {}
    english = TEMPLATES[code]
    for text in english if isinstance(english, tuple) else (english,):
        for _literal, name, spec, conversion in string.Formatter().parse(text):
            if name:
                specs[name] = (conversion, spec or "")
    return specs


def _field_text(value: Any, conversion: str | None, spec: str) -> str:
    if conversion == "r":
        value = repr(value)
    elif conversion == "s":
        value = str(value)
    return format(value, spec)


def _fields(code: str, fields: Mapping[str, Any]) -> dict[str, str]:
    """Each field as the English shows it (``1,234``, quotes), the OS reason translated."""
    specs = _english_specs(code)
    out = {name: _field_text(value, *specs.get(name, (None, ""))) for name, value in
           fields.items()}
    reason = _OS_REASONS.get(fields.get("errno"))  # type: ignore[arg-type]
    if "reason" in fields and reason is not None:
        out["reason"] = _tr(reason)
    return out


def translated(message: str | Message) -> str:
    """``message`` in the user's language: by its code when it has one, else as it came."""
    code = getattr(message, "code", None)
    if code is None or code not in _TEMPLATES:
        return str(message)
    return _tr(_TEMPLATES[code]).format(**_fields(code, message.fields))  # type: ignore[union-attr]


def said(error: BaseException) -> str | Message:
    """What to tell the user about ``error``: its message when it has a code, else its
    text (an unexpected error, shown as it came)."""
    if isinstance(error, CodedError):
        return error.message
    return str(error)

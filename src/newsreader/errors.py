"""Every message newsreader gives a user about a problem: a stable code, its fields, and
the English sentence made from them.

This module owns the codes and the English wording (the command line's output and its
JSON are a contract scripts read, so the sentences here never change by accident). It
imports nothing of newsreader and nothing outside the standard library, so every layer
may use it.

- A :class:`Message` is a ``str`` (the English sentence) that also carries ``code`` and
  ``fields``: a rejected file's reason, a dump's warning, why a search has nothing to
  look for. Being a ``str``, it goes into JSON, the CLI's output and equality checks as
  the plain sentence; the window reads ``code`` and ``fields`` instead and says it in
  the user's language (``newsreader.ui.messages``), never by reading the English back.
- :class:`CodedError` is the base of each layer's own error hierarchy
  (``store.errors.LibraryError``, ``dumps.DumpError``, ``search.QueryError``): an
  exception made from a code and fields, whose ``str()`` is the English sentence and
  whose ``message`` is the :class:`Message`.
- OS errors keep their ``errno`` as a field (with ``reason`` = ``strerror``), so the
  window can say "permission denied" in Chinese too (see :func:`os_fields`).

Adding a new kind of problem:

1. add ``"layer.what": "English sentence with {fields}"`` to ``TEMPLATES`` below (a
   ``(one, many)`` pair picks by the ``n`` field; format specs like ``{size:,}`` are
   fine);
2. raise it as ``LayerError("layer.what", field=value, ...)`` (give it a subclass in
   the layer's errors module only when callers must catch it apart, like
   ``LibraryBusy``), or make ``Message("layer.what", ...)`` for a note;
3. give the window its wording: one ``QT_TRANSLATE_NOOP`` entry in
   ``newsreader/ui/messages.py`` plus the zh_CN/zh_TW translations
   (``tests/test_ui_messages.py`` fails until every code has them).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: code -> English sentence; a (one, many) pair is chosen by the field ``n``.
TEMPLATES: dict[str, str | tuple[str, str]] = {
    # -- files that are not dumps (dumps, store.preparing, store.importer)
    "dump.empty": "empty file",
    "dump.whitespace": "empty file (only whitespace)",
    "dump.too_large": "file too large: {size:,} bytes (the limit is {limit:,} bytes, 64 MiB)",
    "dump.file_too_large": "file is larger than 64 MiB ({size:,} bytes); not a page dump",
    "dump.no_story": (
        "no story found: the file holds {n} letters or digits of text "
        "(a story needs at least {least})"
    ),
    "dump.unknown_format": "not a dump format this version reads",
    "dump.binary": "not a text file (looks like binary data)",
    "dump.nul_bytes": "not a text file (contains NUL bytes)",
    "dump.control_chars": "not a text file (mostly control or unprintable characters)",
    "dump.no_bom": "unsupported encoding: looks like {name} without a byte-order mark",
    "dump.encoding": (
        "unsupported encoding: not UTF-8, UTF-16 with a byte-order mark or GB18030"
        " (it looks like {name})"
    ),
    "file.unreadable": "cannot read the file: {reason}",
    "folder.unreadable": "cannot read the folder: {reason}",
    "folder.no_dumps": "the folder holds no dumps (*.txt files)",
    "file.not_regular": "not a regular file",
    "file.missing": "no such file or folder",
    "import.unchanged": "already imported on {when}",
    # -- saved pages, MHTML and text-browser dumps (dumps.html_page, .mhtml, .text_browser)
    "dump.page_undecodable": "cannot decode the page: its bytes are not UTF-8, GB18030 or the charset it declares ({declared})",
    "dump.page_bad_bom": "cannot decode the page: it starts with a {name} byte-order mark but is not valid {name}",
    "dump.page_too_deep": "not a readable page: its elements nest deeper than {limit} levels and no article was found above that depth",
    "dump.page_too_many_elements": "not a readable page: it has {n:,} tags (the limit is {limit:,}); not a saved article page",
    "dump.page_no_article": "no article found in the page (no headline and body of real sentences)",
    "dump.page_no_body": "no article found in the page (no body of real sentences)",
    "dump.page_deep": "the page nests deeper than {limit} levels; what lies deeper was skipped",
    "dump.mhtml_too_deep": "not a readable MHTML file: its parts nest too deeply",
    "dump.mhtml_no_page": "not a readable MHTML file: it holds no HTML page part",
    "dump.mhtml_empty_page": "not a readable MHTML file: its HTML part is empty",
    "dump.text_no_article": "no article found in the text (no headline and body of real sentences)",
    "import.interrupted": "interrupted before it was saved; import it again to finish",
    "import.stopped": "not saved: the import stopped; import it again to finish",
    # -- a dump's warnings (dumps.portal_text)
    "dump.orphan_timestamps": (
        "1 orphan timestamp (a timestamp line with no headline) was skipped",
        "{n} orphan timestamps (timestamp lines with no headline) were skipped",
    ),
    "dump.stray_lines": (
        "1 line between the keywords and the headline list was skipped",
        "{n} lines between the keywords and the headline list were skipped",
    ),
    "dump.lone_keywords": "a keywords line with no article text before it was ignored",
    "dump.impossible_dates": (
        "1 timestamp with an impossible date (kept as printed, undated)",
        "{n} timestamps with an impossible date (kept as printed, undated)",
    ),
    # -- the library file (store.library, store.migrations)
    "library.damaged": (
        "{path} is damaged or is not a newsreader library. "
        "Open another library, or move this file away to start a new one."
    ),
    "library.read_only": (
        "{path} is read-only. Check the file's permissions or copy it somewhere writable."
    ),
    "library.busy": (
        "{path} is busy: another program is writing to it. Try again when it has finished."
    ),
    "library.cannot_open": "Cannot open {path}: the folder is missing or not writable.",
    "library.disk_full": "The disk holding {path} is full. Free some space and try again.",
    "library.missing": "There is no library at {path}.",
    "library.no_folder": "Cannot create the folder for {path}: {reason}.",
    "library.is_folder": "{path} is a folder, not a library file.",
    "library.no_wal": "Cannot switch {path} to WAL mode (got {mode}).",
    "library.too_new": (
        "This library was written by a newer newsreader (schema {version}, "
        "this program knows {known}). Update newsreader to open it."
    ),
    "library.unknown_compression": "Dump {dump} is stored with an unknown compression {name!r}.",
    "library.interrupted": "The query on {path} was interrupted.",
    "library.failed": "Cannot use the library {path}: {reason}",
    "library.too_new_file": (
        "{path} was written by a newer newsreader (schema {version}, "
        "this program knows {known}). Update newsreader to open it."
    ),
    "backup.exists": "{path} already exists; choose a new file for the backup.",
    "backup.cannot_write": "Cannot write the backup {path}: {reason}.",
    "library.malformed": (
        "{path} is damaged. Run `newsreader check` to see "
        "what can be repaired, or restore it from a backup."
    ),
    "library.bad_value": (
        "{path} is damaged (a stored value cannot be read: {reason}). Run `news"
        "reader check` to see what can be repaired, or restore it from a backup."
    ),
    "library.not_ours": (
        "{path} is not a newsreader library (it belongs to another progr"
        "am). It was left untouched; choose another file for the library."
    ),
    "library.read_only_folder": (
        "The folder {folder} is read-only, and SQLite needs to write beside the lib"
        "rary there. Reading works; to change {path}, copy it to a writable folder."
    ),
    "library.create_read_only": (
        "Cannot create {path}: the f"
        "older {folder} is read-only."
    ),
    "library.old_read_only": (
        "{path} was made by an older newsreader and must be upgraded before it can be "
        "read, but it cannot be written. Copy it somewhere writable and open the copy."
    ),
    "library.write_failed": (
        "Cannot write {path}: the disk reported an error (it may be full, o"
        "ver a file size limit, or failing). Free some space and try again."
    ),
    # -- followed folders (store.following)
    "follow.unreachable": "the shared folder {path} cannot be reached for now: {reason}",
    "follow.no_such_folder": "{path}: no such folder",
    "follow.not_a_folder": "{path} is not a folder",
    "follow.pending": "still being written or copied",
    "marks.bad_file": "not a marks file this program can read: {reason}",
    # -- search (search.query, store.search)
    "query.too_long": "The query is too long: at most {n:,} characters.",
    "query.term_too_long": "A search term is too long: at most {n} characters.",
    "query.too_many_terms": "Too many search terms: at most {n}.",
    "query.no_positive_term": "Nothing to search for: the query has no word to look for.",
    "query.empty": "Nothing to search for.",
}


def render(code: str, fields: Mapping[str, Any]) -> str:
    """The English sentence for ``code`` with ``fields`` (the one place it is made)."""
    try:
        template = TEMPLATES[code]
    except KeyError:
        raise KeyError(f"unknown message code {code!r}: add it to newsreader.errors.TEMPLATES "
                       "(see that module's docstring)") from None
    if isinstance(template, tuple):
        template = template[0] if fields.get("n") == 1 else template[1]
    return template.format(**fields)


class Message(str):
    """An English sentence for a user that knows its ``code`` and ``fields``.

    ``Message("dump.orphan_timestamps", n=6) == "6 orphan timestamps (...) were
    skipped"``; it pickles (helper processes return it) and goes into JSON as the text.
    """

    code: str
    fields: Mapping[str, Any]

    def __new__(cls, code: str, **fields: Any) -> Message:
        self = super().__new__(cls, render(code, fields))
        self.code = code
        self.fields = dict(fields)
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (_message, (self.code, dict(self.fields)))

    def __repr__(self) -> str:
        return f"Message({self.code!r}, {str(self)!r})"


def _message(code: str, fields: dict[str, Any]) -> Message:
    return Message(code, **fields)


class CodedError(Exception):
    """Base of each layer's errors: a code and fields; ``str(err)`` is the English."""

    def __init__(self, code: str, **fields: Any) -> None:
        self.message = Message(code, **fields)
        super().__init__(str(self.message))

    @property
    def code(self) -> str:
        return self.message.code

    @property
    def fields(self) -> Mapping[str, Any]:
        return self.message.fields

    def __reduce__(self) -> tuple[Any, ...]:
        return (_error, (type(self), self.code, dict(self.fields)))


def _error(cls: type[CodedError], code: str, fields: dict[str, Any]) -> CodedError:
    return cls(code, **fields)


def os_fields(err: OSError) -> dict[str, Any]:
    """``reason`` (the system's English wording) and ``errno`` of an OS error."""
    return {"reason": err.strerror or str(err), "errno": err.errno}

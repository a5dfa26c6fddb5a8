"""Checking a library file and repairing what is derived from the rest.

This module owns ``newsreader check [--repair]``: SQLite's own integrity check, the
search index against the stories (every story has its index rows and no index row
is stale: FTS5's own check does not see a missing or extra document, so the index's
document ids are compared with ``fts5vocab``), and sources against dumps and stories.
A repair rebuilds only derived data (the search index, SQLite's indexes) and drops
sightings that point at nothing; it never invents or deletes a stored story or dump.
Must not import Qt or the CLI.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from newsreader.store import search_index
from newsreader.store.connection import explain, rollback
from newsreader.store.errors import (
    LibraryDamaged,
    LibraryError,
    LibraryNotOurs,
)
from newsreader.store.library import Library

#: Lines of ``PRAGMA integrity_check`` reported at most.
_INTEGRITY_LINES = 20


@dataclass(frozen=True)
class Problem:
    """One thing wrong: a stable ``code``, how many, and a plain sentence."""

    code: str
    count: int
    text: str

    def to_json(self) -> dict[str, object]:
        return {"code": self.code, "count": self.count, "text": self.text}


@dataclass
class CheckReport:
    """What ``check`` found, and with ``repair``, what it fixed.

    ``damaged`` means the file itself is damaged beyond what a repair can rebuild
    (restore it from a backup).
    """

    path: str
    stories: int = 0
    problems: list[Problem] = field(default_factory=list)
    fixed: list[Problem] = field(default_factory=list)
    damaged: bool = False

    @property
    def healthy(self) -> bool:
        return not self.problems and not self.damaged

    def to_json(self) -> dict[str, object]:
        return {
            "library": self.path,
            "healthy": self.healthy,
            "damaged": self.damaged,
            "stories": self.stories,
            "problems": [p.to_json() for p in self.problems],
            "fixed": [p.to_json() for p in self.fixed],
        }


def check(path: Path, *, repair: bool = False) -> CheckReport:
    """Check the library at ``path``; with ``repair``, rebuild what is derived.

    Raises ``LibraryError`` for a file that is not a library of ours, is from a
    newer newsreader, or (with ``repair``) cannot be written. A file too damaged to
    open is a report with ``damaged`` set, not an error.
    """
    report = CheckReport(str(path))
    try:
        library = Library.open(path, create=False)
    except LibraryDamaged:
        report.damaged = True
        report.problems.extend(_integrity(path))
        return report
    except LibraryNotOurs as err:
        if err.code != "library.damaged":
            raise
        report.damaged = True  # SQLite no longer reads its header
        report.problems.append(Problem("file", 1, "the file is not a readable database"))
        return report
    with library:
        if repair:
            library.require_writable()
        try:
            _examine(library, report)
            if repair and report.problems and not report.damaged:
                _repair(library, report)
        except sqlite3.DatabaseError as err:
            problem = explain(library.path, err)
            if not isinstance(problem, LibraryDamaged):
                raise problem from err
            report.damaged = True
            report.problems.append(Problem("file", 1, str(problem)))
    return report


def _integrity(path: Path) -> list[Problem]:
    """SQLite's integrity check of a file that may not open as a library."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as err:
        return [Problem("file", 1, f"cannot be opened: {err}")]
    try:
        lines = [r[0] for r in conn.execute(f"PRAGMA integrity_check({_INTEGRITY_LINES})")]
    except sqlite3.DatabaseError as err:
        lines = [str(err)]
    finally:
        conn.close()
    if lines == ["ok"]:
        return []
    return [Problem("file", len(lines), line) for line in lines]


def _examine(library: Library, report: CheckReport) -> None:
    conn = library.conn
    report.problems.clear()
    report.damaged = False
    lines = [r[0] for r in conn.execute(f"PRAGMA integrity_check({_INTEGRITY_LINES})")]
    if lines != ["ok"]:
        report.problems.extend(Problem("file", 1, line) for line in lines)
        # Damage only in indexes (SQLite's or the search index's) is rebuilt by a
        # repair; anything else is the stored data itself.
        derived = _derived_roots(conn)
        report.damaged = not all(_in_derived_data(line, derived) for line in lines)
        if report.damaged:
            return
    report.stories = int(conn.execute("SELECT count(*) FROM stories").fetchone()[0])
    report.problems.extend(_index_problems(conn))
    report.problems.extend(_source_problems(conn))


def _derived_roots(conn: sqlite3.Connection) -> set[int]:
    """Root pages of what a repair rebuilds: SQLite's indexes, the search index."""
    return {
        int(root)
        for kind, name, root in conn.execute("SELECT type, name, rootpage FROM sqlite_master")
        if root and (kind == "index" or name.startswith(search_index.TABLE))
    }


def _in_derived_data(line: str, derived: set[int]) -> bool:
    lowered = line.lower()
    if "missing from index" in lowered or "wrong # of entries in index" in lowered:
        return True
    tree = re.search(r"tree (\d+)", lowered)
    return tree is not None and int(tree.group(1)) in derived


def _index_problems(conn: sqlite3.Connection) -> list[Problem]:
    if not search_index.exists(conn):
        return [Problem("index.missing", 1, "the search index is missing")]
    problems = []
    if not search_index.is_current(conn):
        problems.append(Problem(
            "index.outdated", 1, "the search index was built by another version"
        ))
    try:
        conn.execute(
            f"INSERT INTO {search_index.TABLE}({search_index.TABLE}) VALUES ('integrity-check')"
        )
    except sqlite3.DatabaseError as err:
        problems.append(Problem("index.corrupt", 1, f"the search index is damaged ({err})"))
        return problems
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.checkup_vocab "
        f"USING fts5vocab(main, '{search_index.TABLE}', 'instance')"
    )
    try:
        indexed = {r[0] for r in conn.execute("SELECT DISTINCT doc FROM temp.checkup_vocab")}
    finally:
        conn.execute("DROP TABLE temp.checkup_vocab")
    stories = {r[0] for r in conn.execute("SELECT id FROM stories")}
    missing = len(stories - indexed)
    stale = len(indexed - stories)
    if missing:
        problems.append(Problem(
            "index.unindexed", missing, f"{missing} stories have no search-index rows"
        ))
    if stale:
        problems.append(Problem(
            "index.stale", stale, f"{stale} search-index rows belong to no story"
        ))
    return problems


_SOURCE_CHECKS = (
    ("sources.no_story", "SELECT count(*) FROM sources s WHERE NOT EXISTS "
     "(SELECT 1 FROM stories t WHERE t.id = s.story_id)", "sightings point at no story"),
    ("sources.no_dump", "SELECT count(*) FROM sources s WHERE NOT EXISTS "
     "(SELECT 1 FROM dumps d WHERE d.id = s.dump_id)", "sightings point at no dump"),
    ("stories.no_source", "SELECT count(*) FROM stories t WHERE NOT EXISTS "
     "(SELECT 1 FROM sources s WHERE s.story_id = t.id)", "stories were seen in no dump"),
    ("dumps.no_bytes", "SELECT count(*) FROM dumps d WHERE NOT EXISTS "
     "(SELECT 1 FROM dump_bytes b WHERE b.dump_id = d.id)", "dumps lost their original bytes"),
)


def _source_problems(conn: sqlite3.Connection) -> list[Problem]:
    problems = []
    for code, sql, words in _SOURCE_CHECKS:
        count = int(conn.execute(sql).fetchone()[0])
        if count:
            problems.append(Problem(code, count, f"{count} {words}"))
    return problems


#: What a repair can rebuild or drop; the other problems are reported only.
_REPAIRABLE = {
    "file", "index.missing", "index.outdated", "index.corrupt", "index.unindexed",
    "index.stale", "sources.no_story", "sources.no_dump",
}


def _repair(library: Library, report: CheckReport) -> None:
    conn = library.conn
    found = list(report.problems)
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "DELETE FROM sources WHERE story_id NOT IN (SELECT id FROM stories) "
            "OR dump_id NOT IN (SELECT id FROM dumps)"
        )
        conn.execute("REINDEX")
        search_index.rebuild(conn)
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise
    search_index.optimize(conn)
    _examine(library, report)
    left = {p.code for p in report.problems}
    report.fixed = [p for p in found if p.code in _REPAIRABLE and p.code not in left]


__all__ = ["CheckReport", "LibraryError", "Problem", "check"]

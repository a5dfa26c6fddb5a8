"""Backups of a library, made and restored with SQLite's online backup API.

This module owns ``newsreader backup FILE`` and ``newsreader restore FILE``: a copy
consistent to one moment even while the window or an import is using the library
(SQLite copies the pages of one read transaction), written beside the target and
renamed into place so a half-made backup never has the target's name, private
(0600), and checked before it is called done. It also remembers where the backups
of each library went (a small list in the platform's state folder, outside the
library: a damaged library cannot be asked), so ``check`` can name the newest one.
Must not import Qt or the CLI.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from newsreader.store.connection import explain
from newsreader.store.errors import LibraryDamaged, LibraryError
from newsreader.store.library import Library

_LOG_NAME = "backups.jsonl"


@dataclass(frozen=True)
class Backup:
    """A backup made (or found): where, when, and how many stories it holds."""

    path: str
    made_at: str
    stories: int

    def to_json(self) -> dict[str, object]:
        return {"path": self.path, "made_at": self.made_at, "stories": self.stories}


def backup(library: Library, target: Path) -> Backup:
    """Copy ``library`` to ``target`` (a new file) as it is at this moment."""
    target = Path(target)
    if target.exists():
        raise LibraryError("backup.exists", path=str(target))
    partial = target.with_name(target.name + ".partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
    except OSError as err:
        raise LibraryError("backup.cannot_write", path=str(target), reason=err.strerror) from err
    dest = sqlite3.connect(partial, isolation_level=None)
    try:
        with library.explaining_errors():
            library.conn.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        if dest.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise LibraryDamaged("library.malformed", path=str(library.path))
        stories = int(dest.execute("SELECT count(*) FROM stories").fetchone()[0])
    except sqlite3.Error as err:
        dest.close()
        partial.unlink(missing_ok=True)
        raise explain(target, err) from err
    except BaseException:
        dest.close()
        partial.unlink(missing_ok=True)
        raise
    dest.close()
    os.replace(partial, target)
    made = Backup(str(target.resolve()), _now(), stories)
    _remember(library.path, made)
    return made


def restore(source: Path, library_path: Path) -> Backup:
    """Make the library at ``library_path`` a copy of the backup ``source``.

    The backup must be a healthy library of ours. The copy goes through SQLite (the
    backup API into the library's own connection), so the library's WAL is handled
    and another program that has it open sees the restored contents, never a mix.
    """
    with Library.open(source, create=False) as backup_library:
        if backup_library.conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise LibraryDamaged("library.malformed", path=str(source))
        stories = backup_library.count_stories()
        target = Library.open(library_path)
        try:
            target.require_writable()
            with target.explaining_errors():
                backup_library.conn.backup(target.conn)
        finally:
            target.close()
    return Backup(str(Path(source).resolve()), _now(), stories)


def known_backups(library_path: Path) -> list[Backup]:
    """Backups made of ``library_path`` that still exist, newest first."""
    log = _log_path()
    key = str(Path(library_path).resolve())
    found: list[Backup] = []
    try:
        lines = log.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if entry.get("library") == key and Path(entry.get("path", "")).is_file():
            found.append(Backup(entry["path"], entry.get("made_at", ""), entry.get("stories", 0)))
    return sorted(found, key=lambda b: b.made_at, reverse=True)


def _remember(library_path: Path, made: Backup) -> None:
    log = _log_path()
    entry = {"library": str(Path(library_path).resolve()), **made.to_json()}
    try:
        log.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as out:
            out.write(json.dumps(entry, ensure_ascii=False) + "\n")
    except OSError:
        pass  # NOTE: only a convenience for `check`; the backup itself is made


def _log_path() -> Path:
    import platformdirs

    return platformdirs.user_state_path("newsreader", appauthor=False) / _LOG_NAME


def _now() -> str:
    return dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds")


__all__ = ["Backup", "backup", "known_backups", "restore"]

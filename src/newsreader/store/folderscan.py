"""Looking at a followed folder: which dump files it holds, with their size and mtime.

This module owns walking a folder for followed-folder sync: the same files a folder
import takes (``importer.is_dump_file_name``, saved pages' asset folders skipped),
minus the names file-sharing and download tools give files still being written
(``*.part``, ``*.tmp``, ``~$*``, ``.*``, ``*.crdownload``, Syncthing's
``.syncthing.*``). It reads no file contents and no SQL; must not import Qt.

Paths below the folder are kept as bytes: a file name that is not valid UTF-8 (an
archive unzipped from a GBK zip) is still a file to follow.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from newsreader.errors import os_fields
from newsreader.store.importer import is_asset_folder_name, is_dump_file_name

#: Names of files still being written by a download, a copy or a sync tool.
TEMPORARY_PREFIXES = (".", "~$")  # ".*" covers Syncthing's ".syncthing.*" temp files
TEMPORARY_SUFFIXES = (".part", ".tmp", ".crdownload")


@dataclass(frozen=True)
class SeenFile:
    """One dump file as a look found it: where below the folder, how big, how new."""

    rel: bytes
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class FolderLook:
    """What one walk of a folder found."""

    files: list[SeenFile]
    skipped_folders: int  # subfolders that could not be read (permissions)


class FolderUnreachable(Exception):
    """The folder itself cannot be listed: unmounted, renamed away, no permission."""

    def __init__(self, err: OSError) -> None:
        super().__init__(str(err))
        self.fields = os_fields(err)


def is_temporary_name(name: str) -> bool:
    """A name a download, copy or sync tool gives a file it has not finished."""
    return name.startswith(TEMPORARY_PREFIXES) or name.lower().endswith(TEMPORARY_SUFFIXES)


def look(root: Path) -> FolderLook:
    """Every dump file below ``root`` with its size and modification time.

    Raises ``FolderUnreachable`` when ``root`` cannot be listed; a subfolder that
    cannot be read is skipped and counted. Symbolic links to folders are not followed
    (a loop would never end); links to files are.
    """
    files: list[SeenFile] = []
    skipped = 0
    root_b = os.fsencode(root)
    stack: list[tuple[bytes, bytes]] = [(root_b, b"")]
    first = True
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as entries:
                batch = list(entries)
        except OSError as err:
            if first:
                raise FolderUnreachable(err) from err
            skipped += 1
            continue
        first = False
        for entry in batch:
            name = os.fsdecode(entry.name)
            if is_temporary_name(name):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    if not is_asset_folder_name(name):
                        stack.append((entry.path, prefix + entry.name + b"/"))
                    continue
                if not is_dump_file_name(name) or not entry.is_file():
                    continue
                st = entry.stat()
            except OSError:
                continue  # gone since the listing (renamed, deleted): not there now
            files.append(SeenFile(prefix + entry.name, st.st_size, st.st_mtime_ns))
    if not os.path.isdir(root_b):
        # Renamed away or unmounted during the walk: what was listed is not the folder.
        raise FolderUnreachable(FileNotFoundError(2, "No such file or directory"))
    return FolderLook(files, skipped)


def label(root: Path, rel: bytes) -> str:
    """A followed file's path for people and JSON (undecodable bytes escaped)."""
    path = os.fsencode(root) + b"/" + rel
    return path.decode("utf-8", "backslashreplace")


def full_path(root: Path, rel: bytes) -> bytes:
    return os.fsencode(root) + b"/" + rel

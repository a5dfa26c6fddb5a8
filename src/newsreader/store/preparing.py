"""The work an import does before it writes: read, hash, parse and compress a dump.

This module owns that pure, per-file work and running it ahead of the writer in a
helper process for large batches, so an import uses both cores of a small machine
(the writer, SQLite and the search tokens, stays in the importing process). No SQL
here; must not import Qt.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from newsreader.dumps import (
    MAX_DUMP_BYTES,
    DumpError,
    ParsedDump,
    no_story_reason,
    parse_dump,
)
from newsreader.errors import Message, os_fields
from newsreader.store.compression import ZLIB, Codec

# A batch this large pays for starting a helper process (~0.3 s with "spawn").
PARALLEL_MIN_FILES = 64
# How many prepared dumps may wait for the writer: bounds memory on huge batches.
_AHEAD = 32


@dataclass(frozen=True)
class PreparedDump:
    """One input file, ready to be written, or the one-line reason it cannot be."""

    label: str
    size: int
    sha256: str | None = None
    compressed: bytes | None = None  # the original bytes, compressed by ``compression``
    parsed: ParsedDump | None = None
    error: Message | None = None
    compression: str = "zlib"  # dump_bytes.compression (see store.compression)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def prepare_bytes(
    label: str, data: bytes, *, sha256: str | None = None, codec: Codec | None = None
) -> PreparedDump:
    """Hash (unless the caller already did), parse and compress ``data`` (with ``codec``;
    in a helper process, the one it was started with; else zlib)."""
    codec = codec or _helper_codec
    sha256 = sha256 or sha256_of(data)
    try:
        parsed = parse_dump(data)
    except DumpError as err:
        return PreparedDump(label, len(data), sha256, error=err.message)
    refused = no_story_reason(parsed)
    if refused is not None:
        return PreparedDump(label, len(data), sha256, error=refused)
    return PreparedDump(label, len(data), sha256, codec.compress(data), parsed,
                        compression=codec.label)


def read_file(label: str, path: Path) -> bytes | PreparedDump:
    """The file's bytes, or a rejected ``PreparedDump`` saying why not."""
    try:
        size = path.stat().st_size
        if size > MAX_DUMP_BYTES:
            return PreparedDump(label, size, error=Message("dump.file_too_large", size=size))
        return path.read_bytes()
    except OSError as err:
        return PreparedDump(label, 0, error=Message("file.unreadable", **os_fields(err)))


def prepare_file(label: str, path: Path, codec: Codec | None = None) -> PreparedDump:
    data = read_file(label, path)
    if isinstance(data, PreparedDump):
        return data
    return prepare_bytes(label, data, codec=codec)


class PreparedAhead:
    """``prepare_file`` of every file, in order, computed in a helper process.

    Iterate to get the results. At most ``_AHEAD`` results wait at a time;
    ``ready()`` says whether the next one can be had without waiting (so the writer
    can commit instead of holding the library's lock while it waits). ``close()``
    early (a cancel) drops the work not yet started.
    """

    def __init__(self, files: Sequence[tuple[str, Path]], codec: Codec = ZLIB) -> None:
        self._codec = codec
        # NOTE: "spawn", not "fork": the desktop app imports from a thread of a Qt
        # process, and forking a threaded process is unsafe.
        context = multiprocessing.get_context("spawn")
        self._pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            max_workers=1, mp_context=context,
            # The codec (and its dictionary) crosses to the helper once, not per file.
            initializer=_start_helper, initargs=(os.getpid(), codec),
        )
        self._pending: deque[tuple[str, Path, Future[PreparedDump] | None]] = deque()
        self._todo = iter(files)
        for label, path in self._todo:
            self._submit(label, path)
            if len(self._pending) >= _AHEAD:
                break

    def _submit(self, label: str, path: Path) -> None:
        future = self._pool.submit(prepare_file, label, path) if self._pool else None
        self._pending.append((label, path, future))

    def ready(self) -> bool:
        if not self._pending:
            return True
        future = self._pending[0][2]
        return future is None or future.done()

    def __iter__(self) -> PreparedAhead:
        return self

    def __next__(self) -> PreparedDump:
        if not self._pending:
            for label, path in self._todo:
                self._submit(label, path)
                break
            else:
                self.close()
                raise StopIteration
        label, path, future = self._pending.popleft()
        result: PreparedDump | None = None
        if future is not None:
            try:
                result = future.result()
            except BrokenProcessPool:
                # The helper could not start or died (no importable __main__, out of
                # memory...): the work is the same in this process, only slower.
                self._shutdown()
                self._pending = deque((lb, p, None) for lb, p, _f in self._pending)
        for following in self._todo:
            self._submit(*following)
            break
        return result if result is not None else prepare_file(label, path, self._codec)

    def _shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def close(self) -> None:
        self._shutdown()
        self._pending.clear()


def prepared_ahead(files: Sequence[tuple[str, Path]], codec: Codec = ZLIB) -> PreparedAhead:
    """``prepare_file`` of every file, in order, computed in a helper process."""
    return PreparedAhead(files, codec)


_helper_codec: Codec = ZLIB


def _start_helper(parent_pid: int, codec: Codec) -> None:
    """Helper-process start-up: remember the codec, and exit with the importing process."""
    global _helper_codec
    _helper_codec = codec
    _exit_with_parent(parent_pid)


def _exit_with_parent(parent_pid: int) -> None:
    """Helper-process start-up: leave as soon as the importing process is gone.

    NOTE: a killed import (Ctrl+C twice, the window's process ended) must not leave
    its helper behind: the helper holds both ends of its own work queue, so it never
    sees end-of-file there, and would wait forever. Watching the parent's id is
    portable and costs one check a second.
    """

    # Ctrl+C in a terminal reaches the whole process group: the importing process
    # handles it (and stops this helper); the helper must not print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_CHECK_S)
        os._exit(0)

    threading.Thread(target=watch, name="newsreader-parent-watch", daemon=True).start()


#: How often the helper process checks that the import it works for still runs.
PARENT_CHECK_S = 1.0


def use_helper_process(file_count: int) -> bool:
    return file_count >= PARALLEL_MIN_FILES and (os.cpu_count() or 1) >= 2

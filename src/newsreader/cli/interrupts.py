"""Ctrl+C and SIGTERM during a command: a polite stop, then the report.

This module owns turning SIGINT and SIGTERM into a stop request the store's long
work polls (``Importer(should_cancel=...)``), and the exit status that says which
signal it was (130 / 143, the shell's own convention). A second signal while the
first is being honoured stops at once (``KeyboardInterrupt``; the store rolls back
what was not committed). Must not import Qt or the store.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import NoReturn

#: The exit status for each signal: 128 + its number, as shells report it.
EXIT_STATUS = {signal.SIGINT: 130, signal.SIGTERM: 143}


class StopRequest:
    """Set by the first SIGINT or SIGTERM; ``signal`` says which one came."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self.signal: int | None = None

    def is_set(self) -> bool:
        return self._event.is_set()

    def set(self, signum: int) -> None:
        if self.signal is None:
            self.signal = signum
        self._event.set()

    @property
    def exit_status(self) -> int:
        return EXIT_STATUS.get(signal.Signals(self.signal or signal.SIGINT), 130)


@contextmanager
def stop_on_signals() -> Iterator[StopRequest]:
    """Within the block, SIGINT/SIGTERM set the returned request instead of killing."""
    request = StopRequest()

    def handle(signum: int, _frame: FrameType | None) -> None:
        if request.is_set():
            raise KeyboardInterrupt  # asked twice: stop now
        request.set(signum)

    if threading.current_thread() is not threading.main_thread():
        yield request  # signals are only delivered to the main thread
        return
    previous = {s: signal.signal(s, handle) for s in EXIT_STATUS}
    try:
        yield request
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


class Terminated(BaseException):
    """SIGTERM arrived in a command that has nothing to finish first."""


@contextmanager
def exit_quietly_on_signals() -> Iterator[None]:
    """Within the block, Ctrl+C or SIGTERM end the command with 130 / 143 and a line
    on stderr instead of a traceback (a command that must finish something first,
    like ``import``, installs ``stop_on_signals`` inside this)."""

    def terminate(_signum: int, _frame: FrameType | None) -> None:
        raise Terminated

    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, terminate) if main else None
    try:
        yield
    except KeyboardInterrupt:
        _say_and_exit("interrupted", EXIT_STATUS[signal.SIGINT])
    except Terminated:
        _say_and_exit("terminated", EXIT_STATUS[signal.SIGTERM])
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)


def _say_and_exit(what: str, status: int) -> NoReturn:
    sys.stderr.write(f"newsreader: {what}.\n")
    sys.exit(status)

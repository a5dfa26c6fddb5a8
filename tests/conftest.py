"""Test-wide setup: offscreen Qt, no network, no writes outside tmp, shared data paths.

Owns the fixtures every test module may use. Sockets are refused for the whole run:
newsreader must never touch the network, so a connection attempt is a failure.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

# Before anything imports Qt: no display on CI, and the same rendering everywhere.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REFERENCE_DUMP = SHARED / "dumps" / "000_f6c4166ffba20072.txt"
CORPUS = SHARED / "corpus" / "combined.jsonl.gz"


class NetworkAccessError(AssertionError):
    """A test (or the code under test) tried to open a network connection."""


def _refuse(*args: object, **kwargs: object) -> None:
    raise NetworkAccessError(f"network access attempted: {args!r}")


_real_connect = socket.socket.connect


def _guarded_connect(self: socket.socket, address: object) -> None:
    # Local IPC (AF_UNIX: multiprocessing, D-Bus) is not the network.
    if self.family == getattr(socket, "AF_UNIX", None):
        return _real_connect(self, address)
    _refuse(address)


socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
socket.socket.connect_ex = _guarded_connect  # type: ignore[method-assign,assignment]
socket.create_connection = _refuse  # type: ignore[assignment]
socket.getaddrinfo = _refuse  # type: ignore[assignment]


@pytest.fixture(autouse=True, scope="session")
def _private_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep settings, logs and the default library out of the real home folder."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        (home / sub).mkdir()
        os.environ[var] = str(home / sub)
    os.environ["NEWSREADER_LIBRARY"] = str(home / "data" / "default-library.sqlite3")


@pytest.fixture
def reference_dump() -> Path:
    if not REFERENCE_DUMP.exists():
        pytest.skip(f"reference dump {REFERENCE_DUMP} is not present (../shared/dumps/)")
    return REFERENCE_DUMP


@pytest.fixture
def corpus_path() -> Path:
    if not CORPUS.exists():
        pytest.skip(f"corpus {CORPUS} is not present (../shared/corpus/)")
    return CORPUS


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "library.sqlite3"


# The issue-10 endurance runs (30 interrupt trials, 3,000 fuzzed inputs, 64 MiB and
# million-line inputs) take minutes: marked ``long_trials`` and run only when asked
# (NEWSREADER_LONG_TRIALS=1), so the default suite (.ci/run) runs their short forms.
LONG_TRIALS_ENV = "NEWSREADER_LONG_TRIALS"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get(LONG_TRIALS_ENV) == "1":
        return
    skip = pytest.mark.skip(reason=f"a long trial: run with {LONG_TRIALS_ENV}=1")
    for item in items:
        if "long_trials" in item.keywords:
            item.add_marker(skip)

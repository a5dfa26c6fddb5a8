"""How a dump's original bytes are kept: zstd with a dictionary trained on the library's dumps.

This module owns the codecs of ``dump_bytes.compression`` and the library's trained
dictionaries (table ``compression_dictionaries``, migration 7): compressing a dump
(``Codec.compress``), getting its exact bytes back (``stored_bytes``), and training a
dictionary on the first large import (``trained_codec``). Must not import Qt.

Why zstd with a trained dictionary. A dump is small (~4 KB at the median) and one
portal's dumps repeat the same page furniture, headline phrasing and markup; a codec
that sees one dump at a time cannot learn any of that, so zlib level 6 kept 60% of
the bytes. zstd's dictionary is made for exactly this case (many small, similar
inputs): trained once on a sample of the library's own dumps (never shipped: it
would hold their text), it primes every dump's compression. On the 100k benchmark
dumps, level 3 with a 256 KB dictionary keeps 48% (zlib 6: 59%) at ~40 MB/s, several
times faster than zlib 6; higher levels gain a few percent at a quarter of the speed.
Decompression gives the original bytes exactly (``tests/test_store_compression.py``).

Codecs by label: ``zlib`` (every library before this module), ``none``, and
``zstd:<name>``, where ``name`` is the dictionary's content hash: a label always
means the same dictionary, so decompressors are cached per process by label.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newsreader.store.errors import LibraryError

# A batch this large trains the library's dictionary (when it has none yet).
TRAIN_MIN_FILES = 256
# How many dumps the training reads (spread over the batch): ~1 s of training.
TRAIN_SAMPLES = 1000
DICTIONARY_BYTES = 256 * 1024
LEVEL = 3
ZLIB_LEVEL = 6  # zlib's sweet spot: ~1.7x smaller Chinese text at ~50 MB/s

_compressors: dict[str, Any] = {}
_decompressors: dict[str, Any] = {}


@dataclass(frozen=True)
class Codec:
    """How new dumps are compressed: a label for ``dump_bytes.compression`` and, for
    zstd, the dictionary's bytes (picklable, so a helper process gets it once)."""

    label: str = "zlib"
    dictionary: bytes | None = field(default=None, repr=False)

    def compress(self, data: bytes) -> bytes:
        if self.dictionary is None:
            import zlib

            return zlib.compress(data, ZLIB_LEVEL)
        compressor = _compressors.get(self.label)
        if compressor is None:
            import zstandard

            zdict = zstandard.ZstdCompressionDict(self.dictionary)
            compressor = zstandard.ZstdCompressor(level=LEVEL, dict_data=zdict)
            _compressors[self.label] = compressor
        return compressor.compress(data)


ZLIB = Codec()


def _codec_of(dictionary: bytes) -> Codec:
    return Codec("zstd:" + hashlib.sha256(dictionary).hexdigest()[:16], dictionary)


def library_codec(conn: sqlite3.Connection) -> Codec:
    """The codec for new dumps: the library's newest dictionary, else zlib."""
    row = conn.execute(
        "SELECT data FROM compression_dictionaries ORDER BY created_at DESC, name LIMIT 1"
    ).fetchone()
    return ZLIB if row is None else _codec_of(bytes(row[0]))


def train(samples: Sequence[bytes]) -> bytes | None:
    """A zstd dictionary trained on ``samples``, or None when they are too few or alike."""
    import zstandard

    try:
        trained = zstandard.train_dictionary(DICTIONARY_BYTES, list(samples))
    except zstandard.ZstdError:
        return None  # too little to learn from: the batch stays with zlib
    return trained.as_bytes()


def save_dictionary(conn: sqlite3.Connection, dictionary: bytes, samples: int) -> Codec:
    """Store a trained dictionary (the caller holds a write transaction)."""
    codec = _codec_of(dictionary)
    conn.execute(
        "INSERT OR IGNORE INTO compression_dictionaries (name, data, samples, created_at) "
        "VALUES (?, ?, ?, ?)",
        (codec.label[len("zstd:"):], dictionary, samples,
         dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
    )
    return codec


def stored_bytes(compression: str, data: bytes, *, dump_id: int = 0,
                 conn: sqlite3.Connection | None = None) -> bytes:
    """A dump's original bytes from its ``dump_bytes`` row (``conn`` for zstd's dictionary)."""
    if compression == "zlib":
        import zlib

        return zlib.decompress(data)
    if compression == "none":
        return bytes(data)
    if compression.startswith("zstd:") and conn is not None:
        decompressor = _decompressors.get(compression)
        if decompressor is None:
            row = conn.execute(
                "SELECT data FROM compression_dictionaries WHERE name = ?",
                (compression[len("zstd:"):],),
            ).fetchone()
            if row is None:
                raise LibraryError("library.unknown_compression", dump=dump_id, name=compression)
            import zstandard

            zdict = zstandard.ZstdCompressionDict(bytes(row[0]))
            decompressor = zstandard.ZstdDecompressor(dict_data=zdict)
            _decompressors[compression] = decompressor
        try:
            return decompressor.decompress(data)
        except Exception as err:  # zstandard.ZstdError: damaged bytes
            raise LibraryError("library.unknown_compression", dump=dump_id,
                               name=compression) from err
    raise LibraryError("library.unknown_compression", dump=dump_id, name=compression)

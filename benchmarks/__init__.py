"""Benchmarks for newsreader: a reproducible library of page dumps and the harness that times it.

Run from the repository root (benchmarks are not part of the installed package):
``python -m benchmarks generate --stories 10000 --out benchmarks/cache/lib-10k``.
This package must not be imported by ``newsreader`` itself.
"""

#: Bump when the generator's output changes for the same seed and size (cached libraries rebuild).
GENERATOR_VERSION = 1

"""Build the desktop app's translations: Qt Linguist sources in, compiled catalogues out.

Owns the translation build step. ``resources/i18n/newsreader_<lang>.ts`` are the
sources translators edit (Qt Linguist); this script compiles them with
``pyside6-lrelease`` into ``src/newsreader/ui/i18n/newsreader_<lang>.qm``, which the
package ships. ``--update`` first refreshes the sources from the UI code with
``pyside6-lupdate`` (new strings appear as unfinished; translations are kept).
Both tools come with PySide6-Essentials. Must not import newsreader.

    python packaging/build_translations.py            # compile
    python packaging/build_translations.py --update   # extract new strings, then compile
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "resources" / "i18n"
UI = ROOT / "src" / "newsreader" / "ui"
OUTPUT = UI / "i18n"
LANGUAGES = ("zh_CN", "zh_TW")


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        sys.exit(f"{name} was not found; it comes with PySide6-Essentials")
    return found


def update() -> None:
    code = sorted(str(p.relative_to(ROOT)) for p in UI.glob("*.py"))
    for lang in LANGUAGES:
        ts = SOURCES / f"newsreader_{lang}.ts"
        subprocess.run(
            [_tool("pyside6-lupdate"), "-locations", "none", "-target-language", lang, *code,
             "-ts", str(ts.relative_to(ROOT))],
            check=True, cwd=ROOT,
        )


def compile_all() -> list[Path]:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    built = []
    for lang in LANGUAGES:
        ts = SOURCES / f"newsreader_{lang}.ts"
        qm = OUTPUT / f"newsreader_{lang}.qm"
        subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--update", action="store_true",
                        help="refresh the .ts sources from the UI code first")
    args = parser.parse_args(argv)
    if args.update:
        update()
    for qm in compile_all():
        print(qm.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())

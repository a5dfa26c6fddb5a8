"""Layering rules: only newsreader.ui may import Qt; modules say what they own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsreader"


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py"))


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize(
    "path", [p for p in _modules() if "ui" not in p.relative_to(PACKAGE).parts],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_only_ui_imports_qt(path: Path) -> None:
    qt = {n for n in _imports(path) if n.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6")}
    assert not qt, f"{path.name} imports {qt}; only newsreader.ui may import Qt"


@pytest.mark.parametrize(
    "path", [p for p in _modules() if p.relative_to(PACKAGE).parts[0] in ("dumps", "search", "text")],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_parsers_and_search_text_have_no_sql(path: Path) -> None:
    bad = {n for n in _imports(path) if n.split(".")[0] in ("sqlite3", "sqlite_utils")}
    bad |= {n for n in _imports(path) if n.startswith("newsreader.store")}
    assert not bad, f"{path} imports {bad}: parsing and text code must not know about SQL"


def test_importing_the_store_and_cli_does_not_load_qt() -> None:
    import subprocess
    import sys

    code = (
        "import sys, newsreader.cli, newsreader.store, newsreader.dumps;"
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_module_has_a_docstring(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if not tree.body:
        return  # an empty __init__.py
    assert ast.get_docstring(tree), f"{path} has no module docstring"


@pytest.mark.parametrize(
    "path", [p for p in _modules() if p.relative_to(PACKAGE).parts[0] == "text"],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_text_normal_forms_sit_below_every_other_package(path: Path) -> None:
    # dumps, store and search all fold text with newsreader.text: it may use none of them.
    bad = {n for n in _imports(path) if n.startswith("newsreader.") and not n.startswith("newsreader.text")}
    assert not bad, f"{path} imports {bad}: newsreader.text must stay the bottom layer"

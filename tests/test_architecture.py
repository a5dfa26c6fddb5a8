"""Layering rules: only newsreader.ui may import Qt; modules say what they own."""

from __future__ import annotations

import ast
import subprocess
import sys
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


# -- the layers as import-linter contracts (pyproject.toml, [tool.importlinter]) ----------

ROOT = PACKAGE.parents[1]
_LINT = """
import sys
from importlinter.cli import lint_imports
sys.exit(lint_imports(config_filename=sys.argv[1], no_cache=True, no_logo=True))
"""


def _lint_imports(src: Path, config: Path) -> subprocess.CompletedProcess[str]:
    import os

    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run([sys.executable, "-c", _LINT, str(config)], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=120)


def test_the_import_contracts_are_kept() -> None:
    out = _lint_imports(PACKAGE.parent, ROOT / "pyproject.toml")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 broken" in out.stdout and "4 kept" in out.stdout, out.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("ui/articleview.py", "import sqlite3", "sqlite3 and sqlite-utils only"),
        ("cli/__init__.py", "import newsreader.ui.app", "PySide6 only in newsreader.ui"),
        ("store/records.py", "import newsreader.cli", "launch above cli"),
        ("store/migrations.py", "import newsreader.store.library", "no import cycle"),
    ],
)
def test_each_contract_breaks_when_its_rule_is(
    tmp_path: Path, module: str, line: str, contract: str
) -> None:
    import shutil

    copy = tmp_path / "src" / "newsreader"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.qm"))
    target = copy / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    out = _lint_imports(copy.parent, ROOT / "pyproject.toml")
    assert out.returncode != 0
    broken = out.stdout.split("Broken contracts")[-1]
    assert contract in broken, out.stdout


@pytest.mark.parametrize(
    "path",
    [p for p in _modules() if p.relative_to(PACKAGE).parts[0] in ("ui", "cli", "launch.py")],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_the_window_and_the_command_line_use_only_the_stores_surface(path: Path) -> None:
    """No connection handles outside the store: the store's typed methods are the door."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    conns = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "conn"]
    assert conns == [], f"{path.name} reaches a library's connection at lines {conns}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_private_name_crosses_a_module_and_no_flag_is_passed_by_position(path: Path) -> None:
    """``from newsreader.x import _name`` reaches into another module's insides, and
    ``Record(title, None, False, True)`` cannot be read: flags go by keyword (Qt's
    one-argument setters, ``setWordWrap(True)``, say what the flag is in their name)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    private = [
        f"{node.module}.{alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("newsreader")
        for alias in node.names
        if alias.name.startswith("_")
    ]
    assert private == [], f"{path.name} imports private names {private}"
    flags = [
        f"{ast.unparse(node.func)} (line {node.lineno})"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and len(node.args) > 1
        and any(isinstance(a, ast.Constant) and isinstance(a.value, bool) for a in node.args)
        and not ast.unparse(node.func).endswith(("getattr", "setAttribute"))
    ]
    assert flags == [], f"{path.name} passes True/False by position to {flags}"

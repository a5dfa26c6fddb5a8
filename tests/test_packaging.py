"""Packaging inputs: the wheel file-list rule, the desktop entry and AppStream metadata.

Building a real wheel needs the package index (setuptools in an isolated build), so
``.ci/run`` builds one and runs ``packaging/check_wheel.py`` on it; here the same rule
is checked on wheels made from the source tree's own file list.
"""

from __future__ import annotations

import configparser
import importlib.util
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from newsreader.ui.icon import APP_ID

REPO = Path(__file__).resolve().parents[1]
PACKAGING = REPO / "packaging"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"


def _check_wheel():
    spec = importlib.util.spec_from_file_location("check_wheel", PACKAGING / "check_wheel.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _good_names(check) -> list[str]:
    return sorted(check.source_files()) + [
        "newsreader-0.1.0.dist-info/METADATA",
        "newsreader-0.1.0.dist-info/entry_points.txt",
        "newsreader-0.1.0.dist-info/RECORD",
    ]


def test_the_package_tree_holds_every_runtime_asset() -> None:
    check = _check_wheel()
    assets = check.required_assets()
    assert "newsreader/data/sample.txt" in assets
    assert {"newsreader/ui/i18n/newsreader_zh_CN.qm", "newsreader/ui/i18n/newsreader_zh_TW.qm"} <= assets
    assert sum(a.startswith("newsreader/ui/icons/") for a in assets) == 8
    assert assets <= check.source_files()


def test_a_wheel_of_the_package_tree_passes(tmp_path: Path) -> None:
    check = _check_wheel()
    wheel = tmp_path / "newsreader-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        for name in _good_names(check):
            z.writestr(name, b"")
    assert check.problems(_good_names(check)) == []
    assert check.main([str(wheel)]) == 0


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (lambda n: n + ["tests/test_cli.py"], "not part of the app: tests/test_cli.py"),
        (lambda n: n + ["benchmarks/cache/lib.sqlite3"], "not part of the app: benchmarks/"),
        (lambda n: n + ["newsreader/__pycache__/launch.cpython-311.pyc"], "a cache file"),
        (lambda n: n + ["newsreader/stray.sqlite3"], "not in the source tree: newsreader/stray"),
        (lambda n: [x for x in n if not x.endswith("zh_TW.qm")], "missing: newsreader/ui/i18n"),
        (lambda n: [x for x in n if not x.endswith("-512.png")], "missing: newsreader/ui/icons"),
        (lambda n: [x for x in n if not x.endswith("sample.txt")], "missing: newsreader/data"),
        (lambda n: [x for x in n if not x.endswith("entry_points.txt")], "console script"),
    ],
)
def test_a_wheel_with_extra_or_missing_files_fails(change, complaint: str) -> None:
    check = _check_wheel()
    found = check.problems(change(_good_names(check)))
    assert any(complaint in line for line in found), found


def test_desktop_entry_and_metainfo_name_the_app_and_its_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(DESKTOP, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Icon"] == APP_ID
    assert section["Exec"] == "newsreader"
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("icon") == APP_ID
    assert root.find("screenshots/screenshot/image") is not None


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="needs desktop-file-utils")
def test_desktop_entry_validates() -> None:
    done = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="needs appstream")
def test_metainfo_validates() -> None:
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_install_desktop_entry_installs_and_removes_for_one_user(tmp_path: Path) -> None:
    program = tmp_path / "bin" / "newsreader"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    data = tmp_path / "share"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_DATA_HOME": str(data)}
    script = PACKAGING / "install-desktop-entry.sh"
    subprocess.run([str(script), str(program)], env=env, check=True, capture_output=True)
    installed = data / "applications" / DESKTOP.name
    assert f"Exec={program}\n" in installed.read_text(encoding="utf-8")
    for size in (16, 48, 256, 512):
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (data / "metainfo" / METAINFO.name).is_file()
    subprocess.run([str(script), "--uninstall"], env=env, check=True, capture_output=True)
    assert not installed.exists()
    assert not list((data / "icons").rglob(f"{APP_ID}.png"))

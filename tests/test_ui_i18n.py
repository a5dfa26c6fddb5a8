"""The window's languages: which locale gets which catalogue, dates, and catalogues in step."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from newsreader.ui.i18n import Language, clock_label, ui_language
from test_ui_helpers import make_library
from test_ui_window import open_window

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "resources" / "i18n"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("zh_CN", "zh_CN"), ("zh_SG", "zh_CN"), ("zh_TW", "zh_TW"), ("zh_HK", "zh_TW"),
     ("zh_MO", "zh_TW"), ("en_US", None), ("de_DE", None), ("C", None)],
)
def test_locale_picks_the_catalogue(name: str, expected: str | None) -> None:
    assert ui_language(QLocale(name)) == expected


@pytest.fixture
def installed(qapp: QApplication):
    languages: list[Language] = []

    def install(name: str) -> Language:
        language = Language(QLocale(name))
        language.install(qapp)
        languages.append(language)
        return language

    yield install
    for language in languages:
        language.remove(qapp)


def test_simplified_and_traditional_catalogues_load(installed) -> None:
    assert installed("zh_SG").code == "zh_CN"
    placeholder = QCoreApplication.translate("SearchBar", "Search stories (Ctrl+F)")
    assert placeholder == "搜索新闻 (Ctrl+F)"
    assert QCoreApplication.translate("Dates", "Undated") == "日期不详"


def test_traditional_catalogue(installed) -> None:
    installed("zh_HK")
    placeholder = QCoreApplication.translate("SearchBar", "Search stories (Ctrl+F)")
    assert placeholder == "搜尋新聞 (Ctrl+F)"
    assert QCoreApplication.translate("Dates", "Undated") == "日期不詳"


def test_english_needs_no_catalogue(installed) -> None:
    language = installed("en_GB")
    assert language.code is None
    assert QCoreApplication.translate("SearchBar", "All") == "All"


def test_day_and_date_labels() -> None:
    zh = Language(QLocale("zh_CN"))
    tw = Language(QLocale("zh_TW"))
    en = Language(QLocale("en_US"))
    day = 738742  # 2023-08-10
    assert zh.day_label(day) == "2023年8月10日 星期四"
    assert tw.day_label(day) == "2023年8月10日 星期四"
    assert en.day_label(day) == "Thursday, August 10, 2023"
    assert zh.date_label("2023-08-11T09:15") == "2023年8月11日 09:15"
    assert en.date_label("2023-08-10") == "August 10, 2023"
    assert clock_label("2023-08-10") == "" and clock_label("2023-08-10T18:32") == "18:32"


def test_window_speaks_chinese(qtbot, installed, tmp_path: Path) -> None:
    installed("zh_CN")
    window = open_window(qtbot, make_library(tmp_path), tmp_path / "s.ini", locale="zh_CN")
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["文件(&F)", "编辑(&E)", "查看(&V)", "新闻(&S)"]
    assert window.reader.search_bar.count_label.text() == "19 条新闻"
    assert window.reader.search_bar.field.placeholderText() == "搜索新闻 (Ctrl+F)"


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (ctx.findtext("name"), m.findtext("source")): m.find("translation")
        for ctx in root.iter("context") for m in ctx.iter("message")
    }


@pytest.mark.parametrize("lang", ["zh_CN", "zh_TW"])
def test_every_string_is_translated_and_compiled(lang: str, tmp_path: Path) -> None:
    ts = SOURCES / f"newsreader_{lang}.ts"
    messages = _messages(ts)
    unfinished = [k for k, t in messages.items() if t.get("type") or not (t.text or "").strip()]
    assert not unfinished, unfinished
    for (_ctx, source), translation in messages.items():
        for name in ("{n}", "{added}", "{title}", "{log}", "{summary}", "{name}", "{when}"):
            assert (name in source) == (name in translation.text), (source, translation.text)
    qm = REPO / "src" / "newsreader" / "ui" / "i18n" / f"newsreader_{lang}.qm"
    assert qm.is_file() and qm.stat().st_mtime >= ts.stat().st_mtime - 1, (
        "run python packaging/build_translations.py"
    )


def test_sources_cover_every_string_in_the_code(tmp_path: Path) -> None:
    lupdate = shutil.which("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    copy = tmp_path / "check.ts"
    shutil.copy(SOURCES / "newsreader_zh_CN.ts", copy)
    code = sorted(str(p) for p in (REPO / "src" / "newsreader" / "ui").glob("*.py"))
    subprocess.run([lupdate, "-locations", "none", "-no-obsolete", *code, "-ts", str(copy)],
                   check=True, capture_output=True)
    before, after = _messages(SOURCES / "newsreader_zh_CN.ts"), _messages(copy)
    assert sorted(set(after) - set(before)) == [], "run packaging/build_translations.py --update"
    assert sorted(set(before) - set(after)) == [], "strings no longer in the code"

"""Screenshots of the desktop app, for looking at what people will see.

Owns making the PNGs in ``screenshots/`` (git-ignored): the welcome view, the reference
dump opened with its article selected, a search with highlights, and the import
report, in Simplified Chinese (``--locale`` for another). Runs offscreen; needs a CJK
font (``fonts-wqy-microhei`` or ``fonts-noto-cjk``). Must not be imported by
``newsreader``.

    python benchmarks/screenshots.py [--out screenshots] [--locale zh_CN]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
REFERENCE_DUMP = ROOT.parent / "shared" / "dumps" / "000_f6c4166ffba20072.txt"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--locale", default="zh_CN")
    parser.add_argument("--reference", type=Path, default=REFERENCE_DUMP)
    args = parser.parse_args(argv)
    if not args.reference.is_file():
        sys.exit(f"the reference dump {args.reference} is missing")

    from PySide6.QtCore import QElapsedTimer, QEventLoop, QLocale, QSettings
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication, QWidget

    from newsreader.store.records import Story
    from newsreader.ui.i18n import Language
    from newsreader.ui.importflow import sample_path
    from newsreader.ui.settings import Settings
    from newsreader.ui.window import MainWindow

    app = QApplication(sys.argv[:1])
    language = Language(QLocale(args.locale))
    language.install(app)
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="newsreader-shots-"))

    def wait(condition: Callable[[], bool], timeout_ms: int = 60_000) -> None:
        timer = QElapsedTimer()
        timer.start()
        while not condition():
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            if timer.elapsed() > timeout_ms:
                raise TimeoutError("the window did not settle")
        for _ in range(10):
            app.processEvents()

    def save(widget: QWidget, name: str) -> None:
        path = args.out / name
        widget.grab().save(str(path))
        print(path)

    def window(library: Path) -> MainWindow:
        ini = work / f"{library.stem}.ini"
        settings = Settings(QSettings(str(ini), QSettings.Format.IniFormat))
        win = MainWindow(library, language=language, settings=settings)
        win.resize(1280, 800)
        win.show()
        wait(lambda: win.reader is not None and not win.reader.busy)
        return win

    def imported(win: MainWindow, paths: list[Path]) -> None:
        done: list[bool] = []
        win.start_import(paths)
        win.importer.finished.connect(lambda *_: done.append(True))
        wait(lambda: bool(done) and not win.reader.busy)

    # 1. The welcome view of an empty library.
    first = window(work / "empty.sqlite3")
    save(first, "welcome.png")

    # 2. The import report: the reference dump, the sample, and a file that is no dump.
    bogus = work / "photo.txt"
    bogus.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16)
    imported(first, [args.reference, sample_path(), bogus])
    report = first.importer.report
    report.resize(860, 300)
    wait(lambda: report.isVisible())
    save(report, "import-report.png")
    report.close()
    # 2b. The headline list at the top: day headers, clock times, full vs headline-only.
    first.reader.list_view.scrollToTop()
    first.reader.list_view.setCurrentIndex(first.reader.model.index(1, 0))
    wait(lambda: not first.reader.busy)
    save(first, "headline-list.png")
    first.close()

    # 3. The reference dump opened, its article selected.
    second = window(work / "reference.sqlite3")
    imported(second, [args.reference])
    second.importer.report.close()
    reader = second.reader
    model = reader.model
    for row in range(model.rowCount()):
        story = model.story_at(row)
        if story is not None and story.has_body:
            reader.list_view.setCurrentIndex(model.index(row, 0))
            break
    assert isinstance(reader.current_story, Story) and reader.current_story.has_body
    wait(lambda: True)
    save(second, "reference-article.png")

    # 4. A search with highlights in the list and the article.
    field = reader.search_bar.field
    field.setFocus()
    for ch in "儿童":
        event = QInputMethodEvent()
        event.setCommitString(ch)
        QApplication.sendEvent(field, event)
    wait(lambda: reader.searching and not reader.busy)
    reader.list_view.setCurrentIndex(reader.model.index(0, 0))
    reader.list_view.setFocus()
    wait(lambda: True)
    save(second, "search-highlights.png")
    second.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

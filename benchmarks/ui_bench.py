"""Desktop app benchmarks: start-up, memory after scrolling, showing a story, searching.

Owns the app's rows of the benchmark table. Each figure comes from a fresh Python
process (offscreen Qt), next to a bare PySide6 ``QMainWindow`` started the same way:

* ``first_paint``: process start to the first painted window (the app prints a marker
  when ``NEWSREADER_BENCH_FIRST_PAINT=1``), median of several runs;
* ``peak_rss``: peak resident memory after opening the library, dragging the list's
  scroll bar from top to bottom in 20 steps and showing the last row;
* ``show_story``: time to read one story and lay it out in the article pane;
* ``search``: from the last keystroke of a query to its first page of results painted
  (the window's debounce included).

``measure(library)`` returns a dict for the harness; ``python -m benchmarks.ui_bench
--library PATH`` prints a table. Must not be imported by ``newsreader``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
class First(QObject):
    seen = False
    def eventFilter(self, obj, event):
        if not self.seen and event.type() == QEvent.Type.Paint:
            self.seen = True
            QTimer.singleShot(0, report)
        return False
def report():
    print("NEWSREADER_FIRST_PAINT %.6f" % time.time(), flush=True)
    app.quit()
w = QMainWindow()
w.resize(1200, 780)
f = First(w)
w.installEventFilter(f)
w.show()
sys.exit(app.exec())
"""

# The console script's own entry point, as ``newsreader --library PATH`` runs it.
APP_WINDOW = """
import sys
from newsreader.launch import main
sys.argv = ["newsreader", "--library", sys.argv[1]]
main()
"""

# The search issue's query classes (1-char, 2-char, 3-4-char, Chinese+digits, Latin,
# multi-term) and one very broad query.
QUERIES = ("童", "儿童", "孤困儿童", "2023年", "Magic", "保障 标准", "的")


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # An installed program starts from compiled bytecode; measure that, not compiling.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra)
    return env


def _first_paint(code: str, *args: str) -> dict[str, float]:
    """Seconds from process start to each start-up marker the process printed."""
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True,
        env=_env(NEWSREADER_BENCH_FIRST_PAINT="1"), timeout=120,
    )
    marks = {}
    for line in out.stdout.splitlines():
        name, _, stamp = line.partition(" ")
        if name in ("NEWSREADER_FIRST_PAINT", "NEWSREADER_LIST_PAINT"):
            marks[name] = float(stamp) - started
    if "NEWSREADER_FIRST_PAINT" not in marks:
        raise RuntimeError(f"no first-paint marker: {out.stdout!r} {out.stderr[-2000:]!r}")
    return marks


def first_paint(library: Path, runs: int = 7) -> dict[str, float]:
    """Median seconds from process start to the first painted window (app and bare
    window), and to the app's headline list painted with rows."""
    _first_paint(APP_WINDOW, str(library))  # warm the page cache and .pyc files
    _first_paint(BARE_WINDOW)
    app: list[float] = []
    rows: list[float] = []
    bare: list[float] = []
    for _ in range(runs):  # interleaved, so background load hits both alike
        marks = _first_paint(APP_WINDOW, str(library))
        app.append(marks["NEWSREADER_FIRST_PAINT"])
        rows.append(marks["NEWSREADER_LIST_PAINT"])
        bare.append(_first_paint(BARE_WINDOW)["NEWSREADER_FIRST_PAINT"])
    return {"app_s": statistics.median(app), "bare_s": statistics.median(bare),
            "list_s": statistics.median(rows),
            "app_min_s": min(app), "bare_min_s": min(bare), "list_min_s": min(rows)}


def _own_peak_mb() -> float:
    """This process's own peak RSS (VmHWM of its address space since ``exec``).

    NOTE: not ``ru_maxrss``: Linux starts a child's from the size of the process that
    forked it (here the harness, ~220 MB), which made app and bare window read alike.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def _probe(kind: str, library: str) -> dict[str, Any]:
    """Run in a child process: one measurement, printed as JSON."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    if kind == "bare":
        window = QMainWindow()
        window.resize(1200, 780)
        window.show()
        for _ in range(20):
            app.processEvents()
        return {"peak_rss_mb": _own_peak_mb()}

    import tempfile

    from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, QTimer

    from newsreader.ui.i18n import Language
    from newsreader.ui.settings import Settings
    from newsreader.ui.window import MainWindow

    ini = Path(tempfile.mkdtemp()) / "bench.ini"  # no remembered story or filter
    settings = Settings(QSettings(str(ini), QSettings.Format.IniFormat))
    window = MainWindow(Path(library), language=Language(), settings=settings)
    window.resize(1200, 780)
    window.show()
    reader = window.reader
    assert reader is not None

    def wait(condition, timeout_ms: int = 300_000) -> None:
        # NOTE: an event loop that sleeps between checks, like the real one: a Python
        # loop around processEvents() would hold the GIL and starve the worker threads.
        if condition():
            return
        loop = QEventLoop()
        poll = QTimer()
        poll.setInterval(2)
        poll.timeout.connect(lambda: condition() and loop.quit())
        limit = QTimer()
        limit.setSingleShot(True)
        limit.timeout.connect(loop.quit)
        poll.start()
        limit.start(timeout_ms)
        loop.exec()
        poll.stop()
        if not condition():
            raise TimeoutError(kind)

    wait(lambda: not reader.busy)
    result: dict[str, Any] = {"rows": reader.model.rowCount()}
    if kind == "scroll":
        bar = reader.list_view.verticalScrollBar()
        for step in range(21):
            bar.setValue(round(bar.maximum() * step / 20))
            reader.list_view.viewport().repaint()
            app.processEvents()
        last = reader.model.rowCount() - 1
        reader.list_view.setCurrentIndex(reader.model.index(last, 0))
        reader.list_view.scrollTo(reader.model.index(last, 0))
        reader.list_view.viewport().repaint()
        app.processEvents()
        result["blocks_cached"] = len(reader.model.cached_blocks())
        result["peak_rss_mb"] = _own_peak_mb()
    elif kind == "story":
        import random

        rng = random.Random(5)
        rows = [rng.randrange(reader.model.rowCount()) for _ in range(60)]
        ids = [reader.model.story_at(r) for r in rows]
        ids = [s.id for s in ids if s is not None][:50]
        times = []
        for story_id in ids:
            timer = QElapsedTimer()
            timer.start()
            reader.show_story(story_id)
            reader.article.viewport().repaint()
            times.append(timer.nsecsElapsed() / 1e6)
        result["story_ms"] = _stats(times)
    elif kind == "search":
        from PySide6.QtGui import QInputMethodEvent
        from PySide6.QtTest import QTest

        def type_into(widget, text: str) -> None:
            # ASCII as key presses; Chinese committed the way an input method does.
            for ch in text:
                if ch.isascii():
                    QTest.keyClicks(widget, ch)
                else:
                    event = QInputMethodEvent()
                    event.setCommitString(ch)
                    QApplication.sendEvent(widget, event)

        out: dict[str, Any] = {}
        for query in QUERIES:
            first_ms, all_ms = [], []
            for _ in range(5):
                reader.leave_search()
                wait(lambda: not reader.busy)
                field = reader.search_bar.field
                field.setFocus()
                shown: list[tuple[float, bool]] = []
                timer = QElapsedTimer()

                def on_applied() -> None:
                    outcome = reader.search_outcome
                    if outcome is not None and outcome.request.query == query:
                        reader.list_view.viewport().repaint()  # the page on screen
                        shown.append((timer.nsecsElapsed() / 1e6, outcome.complete))

                reader.searchApplied.connect(on_applied)
                type_into(field, query)  # one textEdited per character
                timer.start()  # from the last keystroke (the debounce counts)
                wait(lambda: any(done for _, done in shown))
                reader.searchApplied.disconnect(on_applied)
                first_ms.append(shown[0][0])
                all_ms.append(next(t for t, done in shown if done))
            out[query] = {**_stats(first_ms), "complete": _stats(all_ms)["median"],
                          "total": reader.search_outcome.total}
        result["search_ms"] = out
    QTimer.singleShot(0, window.close)
    window.close()
    return result


def _stats(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median": round(statistics.median(ordered), 2), "p95": round(p95, 2)}


def _run_probe(kind: str, library: Path | None) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.ui_bench", "--probe", kind, str(library or "")],
        capture_output=True, text=True, env=_env(), timeout=1800,
        cwd=Path(__file__).resolve().parents[1],
    )
    for line in out.stdout.splitlines()[::-1]:
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError(f"probe {kind} failed: {out.stderr[-3000:]}")


def measure(library: Path, *, runs: int = 7, search: bool = True) -> dict[str, Any]:
    """Every UI figure for one library, as a dict for the benchmark table."""
    library = Path(library)
    result: dict[str, Any] = {"library": str(library)}
    result["first_paint"] = first_paint(library, runs)
    scroll = _run_probe("scroll", library)
    bare = _run_probe("bare", None)
    result["rows"] = scroll["rows"]
    result["peak_rss_mb"] = {"app": round(scroll["peak_rss_mb"], 1),
                             "bare": round(bare["peak_rss_mb"], 1),
                             "blocks_cached": scroll["blocks_cached"]}
    result["show_story_ms"] = _run_probe("story", library)["story_ms"]
    if search:
        result["search_ms"] = _run_probe("search", library)["search_ms"]
    return result


def format_table(result: dict[str, Any]) -> str:
    fp = result["first_paint"]
    rss = result["peak_rss_mb"]
    lines = [
        f"library: {result['library']} ({result['rows']:,} list rows)",
        f"{'measure':<44} {'app':>10} {'bare window':>12} {'ratio / goal':>16}",
        f"{'first paint (s, median)':<44} {fp['app_s']:>10.3f} {fp['bare_s']:>12.3f} "
        f"{fp['app_s'] / fp['bare_s']:>10.2f}x ≤1.5x",
        f"{'  headline list painted (s, median)':<44} {fp['list_s']:>10.3f} {fp['bare_s']:>12.3f} "
        f"{fp['list_s'] / fp['bare_s']:>10.2f}x",
        f"{'peak RSS after scrolling 20 steps (MB)':<44} {rss['app']:>10.1f} {rss['bare']:>12.1f} "
        f"{rss['app'] - rss['bare']:>+9.1f} ≤+150",
        f"{'show a story (ms, median / p95)':<44} "
        f"{result['show_story_ms']['median']:>5.1f}/{result['show_story_ms']['p95']:<5.1f}"
        f"{'':>12} {'':>8}≤50",
    ]
    for query, figures in result.get("search_ms", {}).items():
        lines.append(
            f"{'search first page (ms, median/p95) ' + query:<44} "
            f"{figures['median']:>5.0f}/{figures['p95']:<5.0f}"
            f"{'':>12} {'':>7}≤150  ({figures['total']:,} hits; all ids in "
            f"{figures['complete']:.0f} ms)"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.ui_bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--library", type=Path, help="an imported library file")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-search", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--probe", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe:
        kind, library = args.probe
        print(json.dumps(_probe(kind, library)), flush=True)
        return 0
    if args.library is None:
        parser.error("--library is required (import a benchmark library first)")
    result = measure(args.library, runs=args.runs, search=not args.no_search)
    print(format_table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

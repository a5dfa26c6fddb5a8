"""The real saved pages in ../shared/pages (skipped where absent): the issue's goals.

The pages are their publishers' text: read from ../shared, never copied into the repo.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import pages as bench

SHARED_PAGES = Path(__file__).resolve().parents[2] / "shared" / "pages"
pytestmark = pytest.mark.skipif(not SHARED_PAGES.is_dir(), reason="needs ../shared/pages")


def test_saved_pages_meet_the_goals() -> None:
    results = list(bench.evaluate(bench.load_pages(SHARED_PAGES), bench.newsreader_extract))
    row = bench._row("newsreader", results)
    assert row.pages >= 80
    assert row.garbled == 0, row.failures
    assert row.headline >= 95.0, row.failures
    assert row.date >= 97.5, row.failures
    assert row.f1_mean >= 0.97, row.failures


def test_mhtml_scores_as_the_page_it_wraps() -> None:
    pages = bench.load_pages(SHARED_PAGES)[::4]
    direct = list(bench.evaluate(pages, bench.newsreader_extract))
    for source in ("mhtml-qp", "mhtml-b64"):
        wrapped = list(bench.evaluate(pages, bench.newsreader_extract, source=source))
        assert [(e.title, e.date, e.body) for _p, e, _s in wrapped] == [
            (e.title, e.date, e.body) for _p, e, _s in direct]

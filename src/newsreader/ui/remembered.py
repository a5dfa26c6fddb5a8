"""What the reading view remembers between runs, applied to a new view and saved back.

This module owns the link between ``Settings`` and a ``ReaderView``: the splitter,
zoom, search order, list filter and date range, and the last story read in each
library. Must not import SQL.
"""

from __future__ import annotations

from pathlib import Path

from newsreader.store import browse
from newsreader.ui.reader import ReaderView
from newsreader.ui.settings import Settings


def restore(reader: ReaderView, settings: Settings, library_path: Path) -> None:
    """Give a newly opened ``reader`` what was remembered, and keep remembering."""
    reader.zoomChanged.connect(settings.set_zoom)
    reader.reading.read_after_ms = settings.read_after_ms()
    reader.search_bar.set_order(settings.search_order())
    reader.search_bar.orderChanged.connect(settings.set_search_order)
    reader.storyShown.connect(lambda story_id: settings.set_last_story(library_path, story_id))
    splitter = settings.splitter()
    if splitter is not None:
        reader.splitter.restoreState(splitter)
    else:
        reader.splitter.setSizes([440, 760])
    since, until = settings.date_range()
    flt = browse.BrowseFilter(settings.show(), since, until)
    reader.search_bar.set_filter(flt)
    reader.load_first_page(flt, restore_id=settings.last_story(library_path))


def save(reader: ReaderView, settings: Settings) -> None:
    """What the reader shows now, for the next run."""
    settings.set_splitter(reader.splitter.saveState())
    flt = reader.flt
    settings.set_show(flt.show)
    settings.set_date_range(flt.since, flt.until)

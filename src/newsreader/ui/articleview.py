"""The article pane: a read-only QTextBrowser with reading typography and safe links.

This module owns how the pane shows a story (the HTML comes from ``article``): the
CJK reading font and zoom, a readable measure (the text column never grows wider
than about 40 characters), paging for the Space key, and links: only http(s)
addresses are links, they open in the system browser only on an explicit click, and
nothing is ever loaded from anywhere (``loadResource`` returns nothing). Must not
import SQL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QFontInfo,
    QFontMetricsF,
    QPalette,
    QResizeEvent,
    QTextFrameFormat,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from newsreader.store.records import Story
from newsreader.ui import article, typography
from newsreader.ui.i18n import Language
from newsreader.ui.listview import muted

# The widest text column, in widths of one Han character (a comfortable measure).
MEASURE_EM = 40


class ArticleView(QTextBrowser):
    """Shows one story at a time."""

    zoomChanged = Signal(int)

    def __init__(self, language: Language, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.story: Story | None = None
        self.query: str | None = None
        self.zoom = typography.DEFAULT_ZOOM
        # Opens an external address; tests replace it to see what would open.
        self.open_url: Callable[[QUrl], Any] = QDesktopServices.openUrl
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAcceptDrops(False)
        self.viewport().setAcceptDrops(False)
        self.anchorClicked.connect(self._on_self_anchorClicked)
        # Shown (muted, by Qt) while no story is: an empty white pane looks broken.
        self.setPlaceholderText(self.tr("Choose a story in the list to read it here."))
        self._apply_font()

    # -- showing ---------------------------------------------------------------------

    def show_story(self, story: Story, query: str | None = None) -> None:
        self.story = story
        self.query = query
        self._render()
        self.verticalScrollBar().setValue(0)

    def show_message(self, text: str) -> None:
        self.story = None
        self.setPlainText(text)
        self._apply_measure()

    def set_query(self, query: str | None) -> None:
        if query == self.query:
            return
        self.query = query
        if self.story is not None:
            scroll = self.verticalScrollBar().value()
            self._render()
            self.verticalScrollBar().setValue(scroll)

    def _render(self) -> None:
        if self.story is None:
            return
        palette = self.palette()
        doc = self.document()
        em = QFontInfo(doc.defaultFont()).pixelSize()
        doc.setDefaultStyleSheet(
            article.style_sheet(
                muted(palette).name(), palette.color(QPalette.ColorRole.Link).name(), em
            )
        )
        self.setHtml(article.story_html(self.story, self.language, self.query))
        self._apply_measure()

    # -- typography --------------------------------------------------------------------

    def set_zoom(self, zoom: int) -> None:
        zoom = typography.clamp_zoom(zoom)
        if zoom == self.zoom:
            return
        self.zoom = zoom
        scroll = self.verticalScrollBar()
        fraction = scroll.value() / scroll.maximum() if scroll.maximum() else 0.0
        self._apply_font()
        self._render()
        scroll.setValue(round(fraction * scroll.maximum()))
        self.zoomChanged.emit(zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom + 1)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom - 1)

    def zoom_reset(self) -> None:
        self.set_zoom(typography.DEFAULT_ZOOM)

    def _apply_font(self) -> None:
        font = typography.reading_font(self.zoom, traditional=self.language.code == "zh_TW")
        self.setFont(font)
        self.document().setDefaultFont(font)
        self._apply_measure()

    def _apply_measure(self) -> None:
        """Centre a text column at most ``MEASURE_EM`` characters wide."""
        em = QFontMetricsF(self.document().defaultFont()).horizontalAdvance("国")
        width = self.viewport().width()
        side = max(16.0, (width - MEASURE_EM * em) / 2)
        root = self.document().rootFrame()
        fmt: QTextFrameFormat = root.frameFormat()
        if abs(fmt.leftMargin() - side) > 0.5:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            fmt.setTopMargin(18)
            fmt.setBottomMargin(36)
            root.setFrameFormat(fmt)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_measure()

    # -- paging and links -------------------------------------------------------------

    def page_down(self) -> bool:
        """Scroll one page; False when already at the end (Space then moves on)."""
        bar = self.verticalScrollBar()
        if bar.value() >= bar.maximum():
            return False
        bar.setValue(min(bar.maximum(), bar.value() + max(1, bar.pageStep() - 40)))
        return True

    def loadResource(self, kind: int, name: QUrl) -> Any:
        # NOTE: never fetch anything: no images, no style sheets, local or remote.
        return None

    def _on_self_anchorClicked(self, url: QUrl) -> None:
        if url.scheme().lower() in ("http", "https"):
            self.open_url(url)

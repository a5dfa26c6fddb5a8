"""The article pane: a read-only QTextBrowser with reading typography and safe links.

This module owns how the pane shows a story (the HTML comes from ``article``): the
CJK reading font and zoom, a readable measure (the text column never grows wider
than about 40 characters), paging for the Space key, and links: only http(s)
addresses are links, they open in the system browser only on an explicit click, and
nothing is ever loaded from anywhere (``loadResource`` returns nothing). Must not
import SQL.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QHelpEvent,
    QFontInfo,
    QFontMetricsF,
    QPalette,
    QResizeEvent,
    QTextFrameFormat,
)
from PySide6.QtWidgets import QTextBrowser, QToolTip, QWidget

from newsreader.dumps.model import Block
from newsreader.store import longstories
from newsreader.store.records import Story
from newsreader.ui import article, colours, typography
from newsreader.ui.i18n import Language

# The widest text column, in widths of one Han character (a comfortable measure).
MEASURE_EM = 40
# A very long story is shown in pages of this many paragraphs (each lays out in a
# few tens of milliseconds; 300,000 at once froze the window for seconds).
PAGE_BLOCKS = 150
# Links to the pages of a long story (never leave the pane).
_PAGE_SCHEME = "newsreader-page"


class ArticleView(QTextBrowser):
    """Shows one story at a time."""

    zoomChanged = Signal(int)
    # A link could not be opened (no browser): its address, for the window to offer.
    linkFailed = Signal(str)
    # The address under the mouse ("" when it left the link), for the status bar.
    linkHovered = Signal(str)

    def __init__(self, language: Language, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.story: Story | None = None
        self.query: str | None = None
        self.zoom = typography.DEFAULT_ZOOM
        # The story's paragraphs (a long story's arrive in chunks), and the page shown.
        self._blocks: list[Block | str] = []  # str: a long story's block as stored
        self.page = 0
        self.loading = False
        # Opens an external address; tests replace it to see what would open.
        self.open_url: Callable[[QUrl], Any] = QDesktopServices.openUrl
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAcceptDrops(False)
        self.viewport().setAcceptDrops(False)
        self.anchorClicked.connect(self._on_self_anchorClicked)
        self.highlighted.connect(self._on_self_highlighted)
        # Shown (muted, by Qt) while no story is: an empty white pane looks broken.
        self.setPlaceholderText(self.tr("Choose a story in the list to read it here."))
        self._apply_font()

    # -- showing ---------------------------------------------------------------------

    def show_story(self, story: Story, query: str | None = None, *, loading: bool = False) -> None:
        """Show ``story``; ``loading``: its paragraphs follow (``add_blocks``)."""
        self.story = story
        self.query = query
        self._blocks = list(story.blocks)
        self.page = 0
        self.loading = loading
        self._render()
        self.verticalScrollBar().setValue(0)

    @property
    def pages(self) -> int:
        return max(1, -(-len(self._blocks) // PAGE_BLOCKS))

    def all_blocks(self) -> tuple[Block, ...]:
        """Every paragraph of the story shown (a long story's too), as blocks."""
        return tuple(_as_block(b) for b in self._blocks)

    def add_blocks(self, blocks: list[Block | str]) -> None:
        """More paragraphs of a long story: shown at once if the page has room."""
        had = len(self._blocks)
        self._blocks.extend(blocks)
        if had < (self.page + 1) * PAGE_BLOCKS:
            self._render_keeping_place()

    def finish_loading(self) -> None:
        self.loading = False
        self._render_keeping_place()

    def show_page(self, page: int) -> None:
        self.page = max(0, min(page, self.pages - 1))
        self._render()
        self.verticalScrollBar().setValue(0)

    def _render_keeping_place(self) -> None:
        scroll = self.verticalScrollBar().value()
        self._render()
        self.verticalScrollBar().setValue(scroll)

    def _page_note(self) -> str:
        """The end of a long story's page: where it is, and the way on."""
        total = len(self._blocks)
        if total <= PAGE_BLOCKS and not self.loading:
            return ""
        first = self.page * PAGE_BLOCKS + 1
        last = min(total, (self.page + 1) * PAGE_BLOCKS)
        if self.loading:
            where = self.tr("Paragraphs {first}–{last}; the rest of this very long story "
                            "is still being read…")
        else:
            where = self.tr("Paragraphs {first}–{last} of {total}")
        links = []
        if self.page > 0:
            label = html.escape(self.tr("‹ Previous page"))
            links.append(f'<a href="{_PAGE_SCHEME}:{self.page - 1}">{label}</a>')
        if last < total:
            label = html.escape(self.tr("Next page ›"))
            links.append(f'<a href="{_PAGE_SCHEME}:{self.page + 1}">{label}</a>')
        text = where.format(first=f"{first:,}", last=f"{last:,}", total=f"{total:,}")
        return '<p class="note">' + html.escape(text) + "</p><p>" + " · ".join(links) + "</p>"

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
                colours.muted(palette).name(), palette.color(QPalette.ColorRole.Link).name(),
                em,
            )
        )
        hit = colours.highlight(palette)
        start = self.page * PAGE_BLOCKS
        self.setHtml(article.story_html(
            self.story, self.language, self.query,
            (hit.background.name(), hit.foreground.name()), colours.star(palette).name(),
            [_as_block(b) for b in self._blocks[start:start + PAGE_BLOCKS]], self._page_note(),
        ))
        self._apply_measure()

    def update_story(self, story: Story) -> None:
        """The same story with new marks or sources: shown again where it was."""
        self.story = story
        if story.blocks or not story.has_body:
            self._blocks = list(story.blocks)  # (a long story's body stays the pane's)
        self._render_keeping_place()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.story is not None:
            self.update_story(self.story)  # a dark or light desktop: colours follow

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            story = self.story
            pos = self.viewport().mapFromGlobal(event.globalPos())
            if story is not None and article.title_is_capped(story) and (
                self.cursorForPosition(pos).blockNumber() == 0
            ):
                # The heading is capped: the whole title shows over it.
                QToolTip.showText(event.globalPos(), article.display_title(story), self)
                return True
            QToolTip.hideText()
            event.ignore()
            return True
        return super().event(event)

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
            if self.page + 1 < self.pages:
                self.show_page(self.page + 1)  # a long story: on to its next page
                return True
            return False
        bar.setValue(min(bar.maximum(), bar.value() + max(1, bar.pageStep() - 40)))
        return True

    def loadResource(self, kind: int, name: QUrl) -> Any:
        # NOTE: never fetch anything: no images, no style sheets, local or remote.
        return None

    def _on_self_anchorClicked(self, url: QUrl) -> None:
        if url.scheme() == _PAGE_SCHEME:
            self.show_page(int(url.path() or 0))
            return
        if url.scheme().lower() in ("http", "https"):
            if not self.open_url(url):
                # No browser (or it refused): say so; the window offers to copy it.
                self.linkFailed.emit(url.toString())

    def _on_self_highlighted(self, url: QUrl) -> None:
        self.linkHovered.emit(url.toString() if url.isValid() else "")


def _as_block(item: Block | str) -> Block:
    return longstories.block(item) if isinstance(item, str) else item

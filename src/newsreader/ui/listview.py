"""The headline list on screen: the view and the delegate that paints each row.

This module owns how a row looks (title, muted start of the summary, clock time on
the right, ``…`` where the portal cut the text, bold when unread, a star when starred,
a page mark for stories with a full body) and how the cursor moves (headers are
skipped). Must not import SQL.

NOTE: the view is a one-column ``QTableView`` with fixed row heights, not a
``QListView``: a list view lays out every row of its model (two Python calls per
row, ~2 s at a million stories, on every reset), while a table's fixed-height rows
cost nothing until painted: only the visible rows are ever read.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextCharFormat,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from newsreader.store.records import StoryRow
from newsreader.ui import colours
from newsreader.ui.article import highlight_spans
from newsreader.ui.i18n import clock_label
from newsreader.ui.listmodel import Role

Index = QModelIndex | QPersistentModelIndex

STAR = "★"


def muted(palette: QPalette) -> QColor:
    """Secondary text (see ``colours.muted``)."""
    return colours.muted(palette)


def corner_label(story: StoryRow, dated: bool) -> str:
    """A row's right-hand label: its clock time under a day header, else its date."""
    if dated:
        return (story.published or "")[:10]
    return clock_label(story.published)


class HeadlineDelegate(QStyledItemDelegate):
    """Paints day headers and two-line story rows."""

    PAD = 6
    MARK = 14  # left column for the full-body mark

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(200, self.row_height(option.font))

    @classmethod
    def row_height(cls, font: QFont) -> int:
        """Every row's height (headers too): two lines of text and padding."""
        return QFontMetrics(font).height() * 2 + cls.PAD * 2 + 4

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        try:
            if index.data(Role.Kind) == "header":
                self.paint_header(painter, option, str(index.data(Role.Header) or ""))
            else:
                story = index.data(Role.Story)
                if story is not None:
                    self._paint_story(painter, option, index, story)
        finally:
            painter.restore()

    def paint_header(self, painter: QPainter, option: QStyleOptionViewItem, label: str) -> None:
        rect = option.rect
        palette = option.palette
        painter.fillRect(rect, palette.color(QPalette.ColorRole.AlternateBase))
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(muted(palette))
        fm = QFontMetrics(font)
        text_rect = rect.adjusted(self.PAD + 4, 0, -self.PAD, -self.PAD)
        painter.drawText(
            text_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
            fm.elidedText(label, Qt.TextElideMode.ElideRight, text_rect.width()),
        )
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())

    def _paint_story(
        self, painter: QPainter, option: QStyleOptionViewItem, index: Index, story: StoryRow
    ) -> None:
        rect = option.rect
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
            text_colour = palette.color(QPalette.ColorRole.HighlightedText)
            soft = text_colour
        else:
            text_colour = palette.color(QPalette.ColorRole.Text)
            soft = muted(palette)
        query = getattr(index.model(), "highlight_query", None)

        base = QFont(option.font)
        fm = QFontMetrics(base)
        line_h = fm.height()
        top = rect.top() + self.PAD
        if not story.summary:
            top = rect.top() + (rect.height() - line_h) // 2  # one line: centre it
        left = rect.left() + self.MARK
        right = rect.right() - self.PAD

        # Full article: a small page mark; headline-only rows leave the column empty.
        if story.has_body:
            mark = QRectF(rect.left() + 4, top + (line_h - 10) / 2, 7, 10)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(text_colour if selected else colours.body_mark(palette))
            painter.drawRoundedRect(mark, 1.5, 1.5)

        # Right column: star and clock time (the date too where no day header is above).
        clock = corner_label(story, getattr(index.model(), "rows_dated", False))
        clock_w = fm.horizontalAdvance(clock) if clock else 0
        star_w = fm.horizontalAdvance(STAR) + 4 if story.starred else 0
        painter.setFont(base)
        if clock:
            painter.setPen(soft)
            painter.drawText(
                QRectF(right - clock_w, top, clock_w, line_h),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                clock,
            )
        if story.starred:
            painter.setPen(text_colour if selected else colours.star(palette))
            painter.drawText(
                QRectF(right - clock_w - star_w, top, star_w, line_h),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                STAR,
            )

        title_font = QFont(base)
        title_font.setBold(not story.read)
        title = story.title + ("…" if story.title_truncated else "")
        gap = 8 if (clock or story.starred) else 0
        title_w = right - left - clock_w - star_w - gap
        hit = colours.highlight(palette)
        self._draw_line(painter, title_font, title, query, "title", QPointF(left, top),
                        title_w, text_colour, hit)

        if story.summary:
            summary = story.summary + ("…" if story.summary_truncated else "")
            self._draw_line(painter, base, summary, query, "summary",
                            QPointF(left, top + line_h + 2), right - left, soft, hit)

    def _draw_line(
        self,
        painter: QPainter,
        font: QFont,
        text: str,
        query: str | None,
        field: str,
        origin: QPointF,
        width: float,
        colour: QColor,
        hit: colours.Highlight,
    ) -> None:
        """One line of text, cut with ``…`` to ``width``, search hits highlighted."""
        fm = QFontMetrics(font)
        shown = fm.elidedText(text, Qt.TextElideMode.ElideRight, int(max(width, 0)))
        layout = QTextLayout(shown, font)
        spans = highlight_spans(query, text, field) if query else []
        if spans:
            formats = []
            limit = len(shown) - (1 if shown != text else 0)
            for a, b in spans:
                a, b = min(a, limit), min(b, limit)
                if a < b:
                    fmt = QTextLayout.FormatRange()
                    fmt.start, fmt.length = a, b - a
                    char = QTextCharFormat()
                    char.setBackground(hit.background)
                    char.setForeground(hit.foreground)
                    fmt.format = char
                    formats.append(fmt)
            layout.setFormats(formats)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(max(width, 0) + fm.horizontalAdvance("…"))
        line.setPosition(QPointF(0, 0))
        layout.endLayout()
        painter.setPen(colour)
        layout.draw(painter, origin)


class HeadlineView(QTableView):
    """The list widget: one column of fixed-height rows, header rows skipped by the cursor."""

    # Esc in the list (the reader leaves a search).
    escaped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setTabKeyNavigation(False)  # Tab leaves the list, as in any list
        self.horizontalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setItemDelegate(HeadlineDelegate(self))
        self.setAcceptDrops(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._fit_rows()

    def _fit_rows(self) -> None:
        height = HeadlineDelegate.row_height(self.font())
        self.verticalHeader().setMinimumSectionSize(1)
        self.verticalHeader().setDefaultSectionSize(height)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_rows()

    def keyboardSearch(self, search: str) -> None:
        # NOTE: Qt's type-ahead would call data() on every row of a million; letters are
        # shortcuts here (j, k, m, s) and searching has its own field.
        return

    def sticky_header_row(self) -> int | None:
        """The header of the rows at the top when it has scrolled off (else None)."""
        model = self.model()
        above = getattr(model, "header_row_above", None)
        if above is None:
            return None
        top = self.rowAt(0)
        if top < 0:
            return None
        header = above(top)
        if header is None or header == top:
            return None
        return header

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        header = self.sticky_header_row()
        if header is None:
            return
        # The day of the rows on screen stays in sight: their header, pinned on top.
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.rect = QRect(0, 0, self.viewport().width(), self.rowHeight(header))
        label = str(self.model().index(header, 0).data(Role.Header) or "")
        painter = QPainter(self.viewport())
        try:
            delegate = self.itemDelegate()
            assert isinstance(delegate, HeadlineDelegate)
            delegate.paint_header(painter, option, label)
        finally:
            painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        model = self.model()
        Action = QAbstractItemView.CursorAction
        if model is not None and action in (Action.MoveHome, Action.MoveEnd):
            # One column: Home and End (with Ctrl or not) mean the first and last story.
            if action == Action.MoveHome:
                return self.step_from(0, 1) or self.currentIndex()
            return self.step_from(model.rowCount() - 1, -1) or self.currentIndex()
        target = super().moveCursor(action, modifiers)
        if model is None or not target.isValid():
            return target
        is_story = getattr(model, "is_story_row", None)
        if is_story is None or is_story(target.row()):
            return target
        current = self.currentIndex().row()
        step = 1 if target.row() >= current else -1
        return self.step_from(target.row(), step) or self.currentIndex()

    def step_from(self, row: int, step: int) -> QModelIndex | None:
        """The nearest story row from ``row`` (inclusive) in direction ``step``."""
        model = self.model()
        if model is None:
            return None
        is_story = getattr(model, "is_story_row", lambda r: True)
        count = model.rowCount()
        # Headers never stand next to each other, so this looks at most two rows.
        while 0 <= row < count:
            if is_story(row):
                return model.index(row, 0)
            row += step
        return None

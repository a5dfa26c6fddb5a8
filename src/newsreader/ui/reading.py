"""Reading state: the story shown, its read and starred marks, moving and copying.

This module owns the current story of the reading view: showing the story the list
selected, saving read and starred marks (through ``markqueue``: never waiting for another
program's lock, never losing a mark; once, as a problem, when the library refuses
writes), moving
to the next or previous story, paging with Space, copying a story with its citation,
and showing the current story again when its sources grew. Reads of single stories
use the GUI's own connection. Must not import SQL.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from newsreader.store.errors import LibraryBusy, LibraryError
from newsreader.store.records import Story
from newsreader.ui.markqueue import RETRY_MS, MarkQueue

if TYPE_CHECKING:
    from newsreader.ui.longstory import LongStoryTask
    from newsreader.ui.reader import ReaderView


# How long a story must stay on screen before it counts as read (feed readers' habit).
READ_AFTER_MS = 1000


class StoryReading(QObject):
    """The current story and what can be done to it."""

    storyShown = Signal(int)
    problem = Signal(object)  # a library error worth a dialog (a Message, or text)
    notice = Signal(str)  # a passing condition worth a line in the status bar

    def __init__(self, reader: ReaderView) -> None:
        super().__init__(reader)
        self.reader = reader
        self.library = reader.library
        self.current: Story | None = None
        # Set when the library refused a write: reading state is no longer saved.
        self.read_only = False
        # A story counts as read once it was shown this long (moving through the list
        # with the keys marks nothing); a setting. 0 marks it read when it opens.
        self._read_timer = QTimer(self)
        self._read_timer.setSingleShot(True)
        self._read_timer.setInterval(READ_AFTER_MS)
        self._read_timer.timeout.connect(self._on_read_timer_timeout)
        # A very long story's body on its way (see ``_load_rest``).
        self._long_task: LongStoryTask | None = None
        self._long_id: int | None = None  # the story shown, when it is very long
        self.marks = MarkQueue(self.library, self)
        self._long_mark: tuple[int, dict[str, bool]] | None = None
        self.marks.waiting.connect(self._on_marks_waiting)
        self.marks.refused.connect(self._on_marks_refused)

    @property
    def read_after_ms(self) -> int:
        return self._read_timer.interval()

    @read_after_ms.setter
    def read_after_ms(self, ms: int) -> None:
        self._read_timer.setInterval(max(0, int(ms)))

    def detach(self) -> None:
        """The library is closing: stop reading a long story's body."""
        self._read_timer.stop()
        if self._long_task is not None:
            self._long_task.cancel()
            self._long_task = None

    def on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        """The list's cursor moved: show the story under it."""
        if not current.isValid():
            return
        row = self.reader.model.story_at(current.row())
        if row is None:
            return
        if self.current is not None and self.current.id == row.id:
            return
        self.show_story(row.id)

    def _read(self, story_id: int) -> tuple[Story | None, bool]:
        """The story (without its body when that is very long: it follows in chunks)."""
        from newsreader.store import longstories

        if longstories.is_large(self.library, story_id):
            return longstories.story_head(self.library, story_id), True
        return self.library.get_story(story_id), False

    def _load_rest(self, story: Story) -> None:
        """Stream a long story's body on the pool; the pane shows it page by page."""
        from newsreader.ui.longstory import LongStoryTask

        task = LongStoryTask(self.library.path, story.id)
        task.signals.chunk.connect(self._on_long_chunk)
        task.signals.done.connect(self._on_long_done)
        task.signals.failed.connect(lambda _id, message: self.problem.emit(message))
        self._long_task = task
        self.reader.pool.start(task)

    def _on_long_chunk(self, story_id: int, blocks: list) -> None:
        if self._long_task is not None and self._long_task.story_id == story_id:
            self.reader.article.add_blocks(blocks)

    def whole_story(self) -> Story | None:
        """The current story with its whole body (a long one's is the pane's)."""
        story = self.current
        if story is None or story.blocks or not story.has_body:
            return story
        return dataclasses.replace(story, blocks=self.reader.article.all_blocks())

    def _on_long_done(self, story_id: int) -> None:
        if self._long_task is None or self._long_task.story_id != story_id:
            return
        self._long_task = None
        self._long_blocks = []
        self.reader.article.finish_loading()

    def show_story(self, story_id: int) -> Story | None:
        reader = self.reader
        if self._long_task is not None:
            self._long_task.cancel()  # another story: its body is no longer wanted
            self._long_task = None
        story, long = self._read(story_id)
        self._long_id = story_id if long else None
        if story is None:
            reader.article.show_message(self.tr("This story is no longer in the library."))
            return None
        self.current = story
        reader.article.show_story(
            story, reader.search_bar.query() if reader.searching else None, loading=long
        )
        if long:
            self._load_rest(story)
        self._read_timer.stop()
        if not story.read:
            if self._read_timer.interval() == 0:
                self.set_flag(story, read=True)
            else:
                self._read_timer.start()
        self.storyShown.emit(story.id)
        return story

    def _on_read_timer_timeout(self) -> None:
        if self.current is not None and not self.current.read:
            self.set_flag(self.current, read=True)

    def set_flag(self, story: Story, **flag: bool) -> None:
        if self.read_only:
            return
        if story.id == self._long_id:
            self._save_long_mark(story.id, flag)
        else:
            # NOTE: the mark shows at once and goes to the library through the queue,
            # which never makes this (GUI) thread wait for another program's lock.
            for column, value in flag.items():
                self.marks.add(story.id, column, value)
            if self.read_only:
                return  # the library refused it (read-only): said once by the queue
        if self.current is not None and self.current.id == story.id:
            self.current = dataclasses.replace(self.current, **flag)
            if "read" in flag:
                self._read_timer.stop()  # an explicit mark wins over the timer
            if self.reader.has_article_pane():
                self.reader.article.update_story(self.current)  # the star shows
        for model in (self.reader.browse_model, self.reader.search_model):
            model.update_story(story.id, **flag)

    def _save_long_mark(self, story_id: int, flag: dict[str, bool]) -> None:
        from newsreader.ui.longstory import LongStoryMarkTask

        self._long_mark = (story_id, dict(flag))  # tried again while the library is busy
        task = LongStoryMarkTask(self.library.path, story_id, flag)
        task.signals.failed.connect(self._refused)
        self.reader.pool.start(task)

    def _refused(self, err: LibraryError) -> None:
        if isinstance(err, LibraryBusy) and self._long_mark is not None:
            # Another program holds the lock for now: the mark waits and is tried again.
            self._on_marks_waiting(1)
            QTimer.singleShot(RETRY_MS, self._on_long_mark_retry)
        elif not self.read_only:
            # Say it once; reading goes on without saving read and starred marks.
            self.read_only = True
            self.problem.emit(err.message)

    def _on_long_mark_retry(self) -> None:
        if self._long_mark is not None:
            self._save_long_mark(*self._long_mark)

    def _on_marks_waiting(self, count: int) -> None:
        if count:
            self.notice.emit(self.tr("Marks waiting to be saved: {n} (another program is "
                                     "writing to the library).").format(n=count))
        else:
            self.notice.emit(self.tr("Marks saved."))

    def _on_marks_refused(self, message: object) -> None:
        # Say it once; reading goes on without saving read and starred marks.
        self.read_only = True
        self.problem.emit(message)

    def toggle_read(self) -> None:
        if self.current is not None:
            self.set_flag(self.current, read=not self.current.read)

    def toggle_star(self) -> None:
        if self.current is not None:
            self.set_flag(self.current, starred=not self.current.starred)

    def move(self, step: int) -> bool:
        """Select the next (1) or previous (-1) story; False at the end of the list."""
        view = self.reader.list_view
        if self.reader.model.rowCount() == 0:
            return False
        current = view.currentIndex()
        start = current.row() + step if current.isValid() else 0
        target = view.step_from(start, step if current.isValid() else 1)
        if target is None:
            return False
        self.reader.select_row(target.row())
        return True

    def page_or_next(self) -> None:
        if self.current is None or not self.reader.article.page_down():
            self.move(1)

    def copy_story(self) -> None:
        """Copy the selection in the article, or the whole story with a citation line."""
        article = self.reader.article
        if article.textCursor().hasSelection():
            article.copy()
            return
        story = self.whole_story()
        if story is not None:
            from newsreader.ui.article import story_text

            QGuiApplication.clipboard().setText(story_text(story, self.reader.language))

    def reload_current(self) -> None:
        """Show the current story again (its sources may have grown)."""
        if self.current is None or self._long_task is not None:
            return
        story, long = self._read(self.current.id)
        if long:
            return  # a very long story is not read again for a change of marks or sources
        if story is not None and story != self.current:
            self.current = story
            self.reader.article.update_story(story)

"""Work off the GUI thread: a task runs on the window's one worker thread, reports progress,
can be cancelled, and ends in a success or a failure handled back on the GUI thread.

The task function receives `progress(done, total)`; calling it after the user pressed
Cancel raises `Cancelled`, so a task stops at its next progress report (cooperative).
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Callable

from PySide6.QtCore import (QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal,
                            Slot)
from PySide6.QtWidgets import QProgressDialog, QWidget

from cunwu.ui.errors import show_error
from cunwu.ui.sizing import text_width

log = logging.getLogger("cunwu.ui")

# Work shorter than this shows no progress dialog at all, so quick tasks do not flash.
SHOW_PROGRESS_AFTER_MS = 400

Progress = Callable[[int, int], None]


class Cancelled(Exception):
    """The user pressed Cancel; the task stopped at its last progress report."""


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], signals: _Signals,
                 cancel: threading.Event) -> None:
        super().__init__()
        self._fn, self._signals, self._cancel = fn, signals, cancel

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self._signals.progress.emit(int(done), int(total))

    def run(self) -> None:
        try:
            if self._cancel.is_set():
                raise Cancelled()
            result = self._fn(self._progress)
        except Exception as e:  # handed to the GUI thread, which shows and logs it
            self._signals.failed.emit(e)
        else:
            self._signals.finished.emit(result)


class Task(QObject):
    """One piece of background work as the GUI thread sees it."""

    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    done = Signal()  # after the success or failure has been handled

    def __init__(self, runner: "TaskRunner", title: str, parent: QWidget | None,
                 on_success: Callable[[Any], None] | None,
                 on_failure: Callable[[BaseException], None] | None,
                 on_done: Callable[[], None] | None, show_progress: bool) -> None:
        super().__init__(runner)
        self.title = title
        self.result: Any = None
        self.error: BaseException | None = None
        self.finished = False
        self._runner, self._parent = runner, parent
        self._on_success, self._on_failure, self._on_done = on_success, on_failure, on_done
        self._cancel = threading.Event()
        self._dialog = self._progress_dialog() if show_progress else None
        # Created on the GUI thread, so queued connections bring the worker's reports here.
        self._signals = _Signals(self)
        queued = Qt.ConnectionType.QueuedConnection
        self._signals.progress.connect(self._report, queued)
        self._signals.finished.connect(self._succeed, queued)
        self._signals.failed.connect(self._fail, queued)

    def runnable(self, fn: Callable[[Progress], Any]) -> QRunnable:
        return _Runnable(fn, self._signals, self._cancel)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def dialog(self) -> QProgressDialog | None:
        return self._dialog

    def _progress_dialog(self) -> QProgressDialog:
        dialog = QProgressDialog(self.title, QCoreApplication.translate("Tasks", "Cancel"),
                                 0, 0, self._parent)
        dialog.setObjectName("taskProgress")
        dialog.setWindowTitle(self.title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(text_width(dialog, 22))
        dialog.canceled.connect(self._user_cancelled)
        # QProgressDialog only shows itself from setValue(); a task that reports nothing
        # for a while still gets its dialog (and its Cancel button).
        QTimer.singleShot(SHOW_PROGRESS_AFTER_MS, self, self._show_dialog)
        return dialog

    @Slot()
    def _show_dialog(self) -> None:
        if self._dialog is not None and not self.finished:
            self._dialog.show()

    @Slot()
    def _user_cancelled(self) -> None:
        self.cancel()
        if self._dialog is not None:
            self._dialog.setLabelText(QCoreApplication.translate("Tasks", "Stopping…"))

    @Slot(int, int)
    def _report(self, done: int, total: int) -> None:
        if self._dialog is not None and not self.cancelled:
            self._dialog.setMaximum(max(total, 0))
            self._dialog.setValue(min(done, total) if total > 0 else 0)
        self.progress.emit(done, total)

    @Slot(object)
    def _succeed(self, result: Any) -> None:
        self.result, self.finished = result, True
        self._close_dialog()
        try:
            if self._on_success is not None:
                self._on_success(result)
            self.succeeded.emit(result)
        finally:
            self._end()

    @Slot(object)
    def _fail(self, exc: BaseException) -> None:
        self.error, self.finished = exc, True
        self._close_dialog()
        try:
            if isinstance(exc, Cancelled):
                log.info("task %r cancelled", self.title)
            elif self._on_failure is not None:
                self._on_failure(exc)
            else:
                show_error(self._parent, exc)
            self.failed.emit(exc)
        finally:
            self._end()

    def _close_dialog(self) -> None:
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self._user_cancelled)
            self._dialog.reset()
            self._dialog.hide()
            self._dialog.deleteLater()
            self._dialog = None

    def _end(self) -> None:
        self._runner._ended(self)
        try:
            if self._on_done is not None:
                self._on_done()
        finally:
            self.done.emit()


class TaskRunner(QObject):
    """Runs tasks one at a time on a single worker thread, so the window's own writes never
    race each other, and keeps each task alive until it has ended."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._running: set[Task] = set()

    def run(self, fn: Callable[[Progress], Any], *, parent: QWidget | None, title: str,
           on_success: Callable[[Any], None] | None = None,
           on_failure: Callable[[BaseException], None] | None = None,
           on_done: Callable[[], None] | None = None, show_progress: bool = True) -> Task:
        """Start `fn(progress)`. A failure goes to `on_failure` if given, else to a message
        box over `parent`; a cancelled task ends quietly. `on_done` runs after any ending,
        cancelled too: the place to re-enable a button."""
        task = Task(self, title, parent, on_success, on_failure, on_done, show_progress)
        self._running.add(task)
        self.pool.start(task.runnable(fn))
        return task

    def _ended(self, task: Task) -> None:
        self._running.discard(task)
        task.deleteLater()

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        """Cancel what runs and wait for it, before the store is closed."""
        for task in list(self._running):
            task.cancel()
        return self.pool.waitForDone(timeout_ms)

"""What the points dialogs share: date conversion, and saving through the task runner with
the refusal shown inside the dialog, so nothing typed is lost."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QWidget

from cunwu import clock
from cunwu.ui.errors import error_code, error_text
from cunwu.ui.pages.base import label


def qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


def date_edit(day: dt.date | None = None) -> QDateEdit:
    edit = QDateEdit(qdate(day or clock.today()))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class SavingDialog(QDialog):
    """A dialog whose OK runs `work()` off the GUI thread; success closes it and emits
    `saved`, a refusal is shown in `error` and the dialog stays open."""

    saved = Signal(object)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task = None
        self.error = label("error", wrap=True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def work(self):
        raise NotImplementedError

    def save(self) -> None:
        if self.task is not None:
            return
        self.error.hide()
        self.buttons.setEnabled(False)
        self.task = self.ctx.tasks.run(lambda _p: self.work(), parent=self, title=self.windowTitle(),
                                       show_progress=False, on_success=self._saved,
                                       on_failure=self._refused, on_done=self._done)

    def _saved(self, result) -> None:
        self.saved.emit(result)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.error.setText(f"{error_text(exc)}  [{error_code(exc)}]")
        self.error.show()

    def _done(self) -> None:
        self.task = None
        self.buttons.setEnabled(True)

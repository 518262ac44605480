"""The base of every dialog that saves through a service off the GUI thread: the fields are
read on the GUI thread, the worker gets only that plain data, and a refusal stays in the
dialog so nothing typed is lost; and the one question asked before a step that cannot be
taken back."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QWidget

from cunwu.ui.errors import app_title, error_code, error_text
from cunwu.ui.widgets import label


class SavingDialog(QDialog):
    """Subclasses give `values()` (GUI thread: the widgets' values as plain data) and
    `work(values)` (worker thread: the service call with that data only, returning what
    `saved` carries). A widget may only be read on the GUI thread, so `work` reads none.
    Success closes the dialog and emits `saved`; a refusal is shown in `error`."""

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

    def values(self) -> dict:
        raise NotImplementedError

    def work(self, values: dict):
        raise NotImplementedError

    def save(self) -> None:
        if self.task is not None:
            return
        values = self.values()
        self.error.hide()
        self.buttons.setEnabled(False)
        self.task = self.ctx.tasks.run(lambda _p: self.work(values), parent=self,
                                       title=self.windowTitle(), show_progress=False,
                                       on_success=self._saved, on_failure=self._refused,
                                       on_done=self._done)

    def _saved(self, result) -> None:
        self.saved.emit(result)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.error.setText(f"{error_text(exc)}  [{error_code(exc)}]")
        self.error.show()

    def _done(self) -> None:
        self.task = None
        self.buttons.setEnabled(True)


def ask(parent: QWidget | None, question: str, yes: str) -> bool:
    """Before an irreversible or money-like step: one sentence on what will happen, the step
    named on the button, and 取消 as the default so that a stray Enter does nothing."""
    box = QMessageBox(QMessageBox.Icon.Question, app_title(), question,
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("cunwuQuestion")
    go = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is go

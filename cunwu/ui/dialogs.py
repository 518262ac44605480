"""The base of every dialog that saves through a service off the GUI thread: the fields are
read on the GUI thread, the worker gets only that plain data, and a refusal stays in the
dialog so nothing typed is lost."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from cunwu.ui.errors import error_code, error_text
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

"""核验公示码: does a posted sheet match the record? The short code under its QR code, or the
scanned QR text, checked as `cunwu disclosures verify` checks it (services.disclosure_print)."""

from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLineEdit, QPushButton, QVBoxLayout,
                               QWidget)

from cunwu.ui.errors import error_text
from cunwu.ui.widgets import label, row


class VerifyDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task = None
        self.verdict = None  # the last check's Verdict
        self.setObjectName("verifyDialog")
        self.setWindowTitle(self.tr("Check a printed notice"))
        layout = QVBoxLayout(self)
        layout.addWidget(label("hint", self.tr(
            "Type the code printed under the notice's QR code (like 7K2M-9QXD-4HBR), or scan "
            "the QR code into the box. cunwu says whether the sheet on the wall is the notice "
            "as recorded."), wrap=True))
        self.code = QLineEdit()
        self.code.setObjectName("verifyCode")
        self.code.returnPressed.connect(self.check)
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.setObjectName("verifyCheck")
        self.check_button.clicked.connect(self.check)
        layout.addLayout(row(self.code, self.check_button))
        self.result = label("", wrap=True)
        self.result.setObjectName("verifyResult")
        self.result.hide()
        layout.addWidget(self.result)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.setMinimumWidth(560)

    def check(self) -> None:
        from cunwu.services.disclosure_print import verify

        code = self.code.text().strip()
        if not code or self.task is not None:
            return
        store = self.ctx.store
        self.check_button.setEnabled(False)
        self.task = self.ctx.tasks.run(lambda _p: verify(store, code), parent=self,
                                       title=self.windowTitle(), show_progress=False,
                                       on_success=self._checked, on_failure=self._refused,
                                       on_done=self._done)

    def _checked(self, verdict) -> None:
        self.verdict = verdict
        self._show("ok" if verdict.ok else "error", verdict.message)

    def _refused(self, exc: BaseException) -> None:
        self.verdict = None
        self._show("error", error_text(exc))

    def _show(self, role: str, text: str) -> None:
        self.result.setText(text)
        self.result.setProperty("role", role)
        self.result.style().unpolish(self.result)
        self.result.style().polish(self.result)
        self.result.show()

    def _done(self) -> None:
        self.task = None
        self.check_button.setEnabled(True)

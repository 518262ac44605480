"""Feedback and objections received during the 公示期 (群众意见), and the answers given."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QHBoxLayout,
                               QLineEdit, QPlainTextEdit, QPushButton, QTableWidget,
                               QVBoxLayout, QWidget, QAbstractItemView)

from cunwu.domain.disclosures import FEEDBACK_KINDS
from cunwu.ui.errors import show_error
from cunwu.ui.widgets import date_edit, fill, key_at, pydate, sortable
from cunwu.ui.sizing import size_dialog


class FeedbackDialog(QDialog):
    """The feedback on one notice: a list, a form to add one, a field to answer one."""

    changed = Signal()

    def __init__(self, ctx, uuid: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.uuid = ctx, uuid
        self.task = None
        self.items: list = []
        self.setObjectName("disclosureFeedback")
        self.setWindowTitle(self.tr("Feedback and objections"))
        size_dialog(self, 40, 24)
        self.table = QTableWidget(0, 5)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        sortable(self.table)
        self.kind = QComboBox()
        self.kind.addItems(list(FEEDBACK_KINDS))
        self.received = date_edit()
        self.from_name = QLineEdit()
        self.content = QPlainTextEdit()
        self.content.setMaximumHeight(90)
        self.add_button = QPushButton(self.tr("Record feedback"))
        self.answer = QPlainTextEdit()
        self.answer.setMaximumHeight(90)
        self.answer_button = QPushButton(self.tr("Save answer to the selected feedback"))
        self.add_button.clicked.connect(self.add)
        self.answer_button.clicked.connect(self.save_answer)
        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.kind)
        row.addWidget(self.received)
        row.addWidget(self.from_name, 1)
        form.addRow(self.tr("Kind, date, from"), row)
        form.addRow(self.tr("What was said"), self.content)
        form.addRow("", self.add_button)
        form.addRow(self.tr("Answer"), self.answer)
        form.addRow("", self.answer_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Received"),
                                              self.tr("From"), self.tr("Content"),
                                              self.tr("Answer")])

    def refresh(self) -> None:
        from cunwu.services.disclosures import detail

        self.items = detail(self.ctx.store, self.uuid).feedback
        fill(self.table, [[fb.kind, fb.received_on.isoformat(), fb.from_name, fb.content,
                           fb.answer] for fb in self.items], [fb.uuid for fb in self.items])

    def _run(self, work, title: str) -> None:
        self.task = self.ctx.tasks.run(work, parent=self, title=title, show_progress=False,
                                       on_success=self._written, on_failure=self._refused,
                                       on_done=self._done)

    def add(self) -> None:
        from cunwu.services.disclosures import add_feedback

        store, actor, uuid = self.ctx.store, self.ctx.actor, self.uuid
        kw = {"content": self.content.toPlainText(), "kind": self.kind.currentText(),
              "from_name": self.from_name.text(), "received_on": pydate(self.received.date())}
        self._run(lambda _p: add_feedback(store, actor, uuid, **kw), self.tr("Saving…"))

    def save_answer(self) -> None:
        from cunwu.services.disclosures import answer_feedback

        fb_uuid = key_at(self.table, self.table.currentRow())
        if fb_uuid is None:
            return
        store, actor = self.ctx.store, self.ctx.actor
        text = self.answer.toPlainText()
        self._run(lambda _p: answer_feedback(store, actor, fb_uuid, text), self.tr("Saving…"))

    def _written(self, _result) -> None:
        self.content.clear()
        self.answer.clear()
        self.refresh()
        self.changed.emit()

    def _refused(self, exc: BaseException) -> None:
        self.error_box = show_error(self, exc)

    def _done(self) -> None:
        self.task = None

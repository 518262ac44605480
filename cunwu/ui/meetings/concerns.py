"""民情诉求 in the window: the list (open ones first) and the dialog that records a concern or
its answer and follow-up."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QDialog,
                               QDialogButtonBox, QFormLayout, QHeaderView, QPlainTextEdit,
                               QTableWidget, QWidget)

from cunwu.domain.meetings import CONCERN_KINDS
from cunwu.ui.pickers import PersonPicker
from cunwu.ui.sizing import text_width
from cunwu.ui.widgets import fill, key_at, select_key, sortable


class ConcernsTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self.setObjectName("concernsTable")
        self.concerns: list[dict] = []
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for col in (2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        # a narrow window scrolls the table rather than squeeze a text to one character
        header.setMinimumSectionSize(text_width(self, 6))
        sortable(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([self.tr("Raised on"), self.tr("Raised by"), self.tr("Concern"),
                                        self.tr("Answer"), self.tr("Follow-up"), self.tr("Status")])

    def show_concerns(self, rows: list[dict]) -> None:
        # open ones first, the oldest of them at the top, until a header is clicked
        self.concerns = sorted(rows, key=lambda c: (c["status"] != "open", c["raised_on"]))
        cells = []
        for c in self.concerns:
            status = self.tr("open") if c["status"] == "open" else self.tr("closed")
            if c["status"] == "open" and c["due"]:
                status += " " + self.tr("(due {date})").format(date=c["due"])
            cells.append([c["raised_on"], c["raised_by"], c["topic"], c["answer"], c["follow_up"],
                          status])
        fill(self, cells, [c["uuid"] for c in self.concerns])
        self.resizeRowsToContents()

    def current_concern(self) -> dict | None:
        uuid = key_at(self, self.currentRow())
        return next((c for c in self.concerns if c["uuid"] == uuid), None)

    def select(self, uuid: str) -> None:
        select_key(self, uuid)


class ConcernDialog(QDialog):
    """A new concern (concern None), or the answer and follow-up of an existing one."""

    def __init__(self, ctx, concern: dict | None = None, parent: QWidget | None = None,
                 meetings: list[dict] | None = None) -> None:
        super().__init__(parent)
        self.concern = concern
        # where it was raised: a 民情恳谈会 or 议事协商会 already recorded, or none
        self.meeting = QComboBox()
        self.meeting.addItem(self.tr("(not at a meeting)"), None)
        for mt in meetings or ():
            if mt["kind"] in CONCERN_KINDS and mt["status"] != "planned":
                self.meeting.addItem(f"{mt['held_at'][:10]} {mt['title']}", mt["uuid"])
        self.setObjectName("concernDialog")
        self.setWindowTitle(self.tr("Villager's concern (民情诉求)"))
        # a resident picked by name or ID number, or the name of someone not on the roster
        self.raised_by = PersonPicker(ctx, concern["raised_by"] if concern else "")
        self.topic = QPlainTextEdit(concern["topic"] if concern else "")
        self.answer = QPlainTextEdit(concern["answer"] if concern else "")
        self.follow_up = QPlainTextEdit(concern["follow_up"] if concern else "")
        self.has_due = QCheckBox(self.tr("Follow up by"))
        self.due = QDateEdit(QDate.currentDate().addDays(30))
        self.due.setCalendarPopup(True)
        if concern and concern["due"]:
            self.has_due.setChecked(True)
            self.due.setDate(QDate.fromString(concern["due"], "yyyy-MM-dd"))
        self.close_box = QCheckBox(self.tr("Settled: close this concern"))
        for w in (self.raised_by, self.topic):
            w.setEnabled(concern is None)
        form = QFormLayout(self)
        if concern is None:
            form.addRow(self.tr("Raised at"), self.meeting)
        form.addRow(self.tr("Raised by"), self.raised_by)
        form.addRow(self.tr("Concern"), self.topic)
        form.addRow(self.tr("Answer"), self.answer)
        form.addRow(self.tr("Follow-up"), self.follow_up)
        form.addRow(self.has_due, self.due)
        if concern is not None:
            form.addRow(self.close_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def due_text(self) -> str | None:
        return self.due.date().toString("yyyy-MM-dd") if self.has_due.isChecked() else None

    def work(self):
        """What to run (store, actor) → the service call this dialog asks for."""
        if self.concern is None:
            data = {"raised_by": self.raised_by.value(), "topic": self.topic.toPlainText(),
                    "answer": self.answer.toPlainText(), "follow_up": self.follow_up.toPlainText(),
                    "due": self.due_text()}
            meeting = self.meeting.currentData()

            def add(store, actor):
                from cunwu.services.concerns import add_concern

                return add_concern(store, actor, data, meeting)
            return add
        uuid, answer, follow, due = (self.concern["uuid"], self.answer.toPlainText(),
                                     self.follow_up.toPlainText(), self.due_text())
        close = self.close_box.isChecked()

        def update(store, actor):
            from cunwu.services.concerns import update_concern

            return update_concern(store, actor, uuid, answer=answer, follow_up=follow, due=due,
                                  close=close)
        return update

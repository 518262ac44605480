"""The 四议两公开 board: one row per matter, one column per step showing how it stands; and the
dialogs to start a matter and to take its next step.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QDialog,
                               QDialogButtonBox, QFormLayout, QHeaderView, QLabel, QLineEdit,
                               QPlainTextEdit, QTableWidget, QVBoxLayout, QWidget)

from cunwu.domain import decisions as d
from cunwu.ui.sizing import text_width
from cunwu.ui.sorting import SortItem
from cunwu.ui.widgets import filling, key_at, select_key, sortable

STATE_COLOURS = {d.STEP_DONE: "#d7f0dd", d.STEP_REJECTED: "#f8d7d5", d.STEP_CURRENT: "#fff3cd",
                 d.STEP_PENDING: "#ffffff"}
STATE_MARKS = {d.STEP_DONE: "✔", d.STEP_REJECTED: "✘", d.STEP_CURRENT: "→", d.STEP_PENDING: ""}


class MattersBoard(QTableWidget):
    """Matters as rows; the six steps as columns, coloured by state."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(d.STEPS) + 2, parent)
        self.setObjectName("mattersBoard")
        self.matters: list[dict] = []
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        # each step shows its date (2026-10-18): a narrow window scrolls rather than cut it
        header.setMinimumSectionSize(text_width(self, 6))
        sortable(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([self.tr("Matter")] + [d.STEP_SHORT[s] for s in d.STEPS]
                                       + [self.tr("Follow-up due")])
        for col, step in enumerate(d.STEPS, start=1):
            self.horizontalHeaderItem(col).setToolTip(d.STEP_NAMES[step])

    def show_matters(self, matters: list[dict]) -> None:
        self.matters = matters
        with filling(self):
            self.setRowCount(len(matters))
            for row, mt in enumerate(matters):
                head = SortItem(f"{mt['title']}\n{mt['status_label']}")
                head.setData(Qt.ItemDataRole.UserRole, mt["uuid"])
                self.setItem(row, 0, head)
                for col, step in enumerate(mt["steps"], start=1):
                    text = STATE_MARKS[step["state"]]
                    if step.get("on"):
                        text += f" {step['on']}"
                    if step.get("meeting_title"):
                        text += f"\n{step['meeting_title']}"
                    cell = SortItem(text.strip())
                    cell.setBackground(QBrush(QColor(STATE_COLOURS[step["state"]])))
                    cell.setToolTip(step["name"])
                    self.setItem(row, col, cell)
                self.setItem(row, len(d.STEPS) + 1, SortItem(mt["due"] or ""))
        self.resizeRowsToContents()

    def current_matter(self) -> dict | None:
        uuid = key_at(self, self.currentRow())
        return next((mt for mt in self.matters if mt["uuid"] == uuid), None)

    def select(self, uuid: str) -> None:
        select_key(self, uuid)


class NewMatterDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newMatter")
        self.setWindowTitle(self.tr("New matter (四议两公开)"))
        self.title_edit = QLineEdit()
        self.description = QPlainTextEdit()
        self.responsible = QLineEdit()
        self.has_due = QCheckBox(self.tr("Implementation due"))
        self.due = QDateEdit(QDate.currentDate().addMonths(3))
        self.due.setCalendarPopup(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Responsible"), self.responsible)
        form.addRow(self.has_due, self.due)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def data(self) -> dict:
        return {"title": self.title_edit.text(), "description": self.description.toPlainText(),
                "responsible": self.responsible.text(),
                "due": self.due.date().toString("yyyy-MM-dd") if self.has_due.isChecked() else None}


class AdvanceDialog(QDialog):
    """Take a matter's next step: the meeting that took it (or the disclosure), the result,
    and after a rejection whether the matter ends or goes back."""

    def __init__(self, matter: dict, meetings: list[dict], disclosures: list[dict] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matter = matter
        self.step = matter["next_step"]
        self.setObjectName("advanceMatter")
        self.setWindowTitle(self.tr("Next step"))
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.step_label = QLabel(d.STEP_NAMES[self.step])
        self.step_label.setProperty("role", "section")
        self.meeting = QComboBox()
        self.disclosure = QComboBox()
        for n in disclosures or ():
            if n["matter_uuid"] in (None, "", matter["uuid"]):
                self.disclosure.addItem(f"{str(n['posting_date'] or '')[:10]} {n['title']}", n["uuid"])
        self.item = QLineEdit()
        self.result = QComboBox()
        self.result.addItem(self.tr("as the vote decided (approved where there was no vote)"), None)
        self.result.addItem(self.tr("approved"), d.APPROVED)
        self.result.addItem(self.tr("rejected"), d.REJECTED)
        self.return_to = QComboBox()
        self.return_to.addItem(self.tr("the matter ends"), "")
        for s in d.STEPS[:d.STEPS.index(self.step) + 1]:
            self.return_to.addItem(self.tr("back to: {step}").format(step=d.STEP_NAMES[s]), s)
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("Step"), self.step_label)
        kinds = d.STEP_KINDS[self.step]
        if kinds is None:
            form.addRow(self.tr("Posted notice"), self.disclosure)
            if self.disclosure.count() == 0:
                self.error.setText(self.tr("No posted notice of this kind yet: post it on the "
                                           "Disclosures page first."))
        else:
            if self.step == d.PROPOSE:
                self.meeting.addItem(self.tr("(no meeting)"), None)
            for mt in meetings:
                if mt["kind"] in kinds and mt["status"] != "planned":
                    self.meeting.addItem(f"{mt['held_at'][:10]} {mt['title']}", mt["uuid"])
            form.addRow(self.tr("Meeting"), self.meeting)
            form.addRow(self.tr("Agenda item (number, if several)"), self.item)
        form.addRow(self.tr("Result"), self.result)
        form.addRow(self.tr("If rejected"), self.return_to)
        form.addRow(self.tr("Note"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def arguments(self) -> dict:
        """Keyword arguments for `matters.advance`."""
        out = {"step": self.step, "result": self.result.currentData(), "note": self.note.text(),
               "return_to": self.return_to.currentData()}
        if d.STEP_KINDS[self.step] is None:
            out["disclosure"] = self.disclosure.currentData() or ""
        else:
            out["meeting"] = self.meeting.currentData()
            out["item"] = self.item.text().strip() or None
        return out


class FollowUpDialog(QDialog):
    """督办: a note on how a decided matter is being carried out, and perhaps a new due date."""

    def __init__(self, matter: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matter = matter
        self.setObjectName("followUp")
        self.setWindowTitle(self.tr("Follow up (督办): {title}").format(title=matter["title"]))
        self.history = QLabel("\n".join(f"{f['on']}  {f['note']}" for f in matter["followups"])
                              or self.tr("No follow-up recorded yet."))
        self.history.setWordWrap(True)
        self.history.setProperty("role", "hint")
        self.note = QPlainTextEdit()
        self.move_due = QCheckBox(self.tr("New due date"))
        self.due = QDateEdit(QDate.fromString(matter["due"], "yyyy-MM-dd") if matter["due"]
                             else QDate.currentDate().addMonths(1))
        self.due.setCalendarPopup(True)
        form = QFormLayout(self)
        form.addRow(self.history)
        form.addRow(self.tr("Progress"), self.note)
        form.addRow(self.move_due, self.due)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def work(self):
        uuid, note = self.matter["uuid"], self.note.toPlainText()
        due = self.due.date().toString("yyyy-MM-dd") if self.move_due.isChecked() else None

        def save(store, actor):
            from cunwu.services.matters import follow_up

            return follow_up(store, actor, uuid, note, new_due=due)
        return save

"""The meetings tab of the meetings page: its buttons, the meetings with their quorum
verdict, and in words why the selected meeting's decisions are not valid."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from cunwu.ui.widgets import label, row

NO_QUORUM = QColor("#b3261e")


class MeetingList(QWidget):
    """The page wires the buttons; this shows `list_meetings` rows and the selected verdict."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meetings: list[dict] = []
        self.new_button = QPushButton()
        self.new_button.setProperty("role", "primary")
        self.open_button = QPushButton()
        self.close_button = QPushButton()
        self.signin_button = QPushButton()
        self.minutes_button = QPushButton()
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("meetingsTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda r, _c, _pr, _pc: self._show_verdict(r))
        # Why a meeting's decisions are not valid, in words, for the selected meeting.
        self.verdict_label = label("hint", wrap=True)
        self.verdict_label.setObjectName("meetingVerdict")
        box = QVBoxLayout(self)
        box.addLayout(row(self.new_button, self.open_button, self.close_button,
                          self.signin_button, self.minutes_button))
        box.addWidget(self.table, 1)
        box.addWidget(self.verdict_label)

    def retranslate(self) -> None:
        self.new_button.setText(self.tr("New meeting…"))
        self.open_button.setText(self.tr("Open…"))
        self.close_button.setText(self.tr("Close meeting"))
        self.signin_button.setText(self.tr("Print sign-in sheet…"))
        self.minutes_button.setText(self.tr("Print minutes…"))
        self.table.setHorizontalHeaderLabels([self.tr("Held at"), self.tr("Kind"), self.tr("Title"),
                                              self.tr("Present"), self.tr("Quorum"),
                                              self.tr("Status")])
        self.show_meetings(self.meetings)

    def status_label(self, status: str) -> str:
        return {"planned": self.tr("planned"), "held": self.tr("held"),
                "closed": self.tr("closed")}.get(status, status)

    def show_meetings(self, meetings: list[dict]) -> None:
        self.meetings = meetings
        self.table.setRowCount(len(meetings))
        for r, mt in enumerate(meetings):
            quorum = "" if mt["status"] == "planned" else (
                self.tr("yes") if mt["quorum_met"] else self.tr("no quorum"))
            status = self.status_label(mt["status"])
            if mt["corrected"]:
                status = self.tr("corrected")
            cells = (mt["held_at"].replace("T", " "), mt["kind"], mt["title"],
                     f"{mt['present_count']} / {mt['expected_count']}", quorum, status)
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, mt["uuid"])
                if not mt["quorum_met"] and mt["status"] != "planned":
                    cell.setForeground(QBrush(NO_QUORUM))
                self.table.setItem(r, col, cell)

    def _show_verdict(self, r: int) -> None:
        from cunwu.services.meeting_queries import meeting_detail

        if not 0 <= r < len(self.meetings):
            self.verdict_label.setText("")
            return
        try:
            d = meeting_detail(self.ctx.store, self.meetings[r]["uuid"])
        except Exception:  # the meeting went away: the list is refreshed next
            self.verdict_label.setText("")
            return
        text = d["quorum_rule"]
        if d["status"] != "planned" and d["invalid_reason"]:
            text = d["invalid_reason"] + "\n" + text
        if d["corrects"]:
            text += "\n" + self.tr("This record corrects an earlier one: {reason}").format(
                reason=d["correction_reason"])
        self.verdict_label.setText(text)
        self.verdict_label.setProperty("role", "error" if d["invalid_reason"] and d["status"] != "planned" else "hint")
        self.verdict_label.style().unpolish(self.verdict_label)
        self.verdict_label.style().polish(self.verdict_label)

    def selected_uuid(self) -> str | None:
        r = self.table.currentRow()
        return self.meetings[r]["uuid"] if 0 <= r < len(self.meetings) else None

    def select_meeting(self, uuid: str) -> None:
        for r, mt in enumerate(self.meetings):
            if mt["uuid"] == uuid:
                self.table.selectRow(r)

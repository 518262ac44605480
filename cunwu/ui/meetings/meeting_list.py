"""The meetings tab of the meetings page: its buttons, the meetings with their quorum
verdict, and in words why the selected meeting's decisions are not valid."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QPushButton, QTableWidget,
                               QVBoxLayout, QWidget)

from cunwu.ui.flow import flow
from cunwu.ui.widgets import fill, key_at, label, select_key, sortable

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
        sortable(self.table)
        # Why a meeting's decisions are not valid, in words, for the selected meeting.
        self.verdict_label = label("hint", wrap=True)
        self.verdict_label.setObjectName("meetingVerdict")
        box = QVBoxLayout(self)
        box.addLayout(flow(self.new_button, self.open_button, self.close_button,
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
        rows, colours = [], []
        for mt in meetings:
            quorum = "" if mt["status"] == "planned" else (
                self.tr("yes") if mt["quorum_met"] else self.tr("no quorum"))
            status = self.status_label(mt["status"])
            if mt["corrected"]:
                status = self.tr("corrected")
            rows.append([mt["held_at"].replace("T", " "), mt["kind"], mt["title"],
                         f"{mt['present_count']} / {mt['expected_count']}", quorum, status])
            colours.append(QBrush(NO_QUORUM) if not mt["quorum_met"] and mt["status"] != "planned"
                           else None)
        fill(self.table, rows, [mt["uuid"] for mt in meetings], colours)

    def _show_verdict(self, r: int) -> None:
        from cunwu.services.meeting_queries import meeting_detail

        uuid = key_at(self.table, r)
        if uuid is None:
            self.verdict_label.setText("")
            return
        try:
            d = meeting_detail(self.ctx.store, uuid)
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
        return key_at(self.table, self.table.currentRow())

    def select_meeting(self, uuid: str) -> None:
        select_key(self.table, uuid)

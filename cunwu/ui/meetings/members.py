"""Who is expected at meetings, in the window: the seats in each body (村民代表, 两委, 监委会)
and the dialog to give or end a seat."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDateEdit, QDialog,
                               QDialogButtonBox, QFormLayout, QHeaderView, QLineEdit,
                               QTableWidget, QWidget)

from cunwu import clock
from cunwu.domain import meetings as m
from cunwu.ui.widgets import fill, key_at, sortable


class MembersTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self.setObjectName("membersTable")
        self.members: list[dict] = []
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        sortable(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([self.tr("Body"), self.tr("Name"), self.tr("Role"),
                                        self.tr("Since"), self.tr("Until"),
                                        self.tr("Households represented")])

    def show_members(self, rows: list[dict]) -> None:
        # current seats first, by body, until a header is clicked
        self.members = sorted(rows, key=lambda r: (not r["active"], r["body"], r["since"]))
        grey = QBrush(Qt.GlobalColor.gray)
        fill(self, [[r["body"], r["name"], r["role"], r["since"], r["until"] or "",
                     str(len(r["households"])) if r["households"] else ""] for r in self.members],
             [r["uuid"] for r in self.members],
             [None if r["active"] else grey for r in self.members])

    def current_member(self) -> dict | None:
        uuid = key_at(self, self.currentRow())
        return next((r for r in self.members if r["uuid"] == uuid), None)


def _qdate(day) -> QDate:
    return QDate(day.year, day.month, day.day)


class MemberDialog(QDialog):
    """A new seat (member None) or the end of an existing one."""

    def __init__(self, member: dict | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.member = member
        self.setObjectName("memberDialog")
        self.setWindowTitle(self.tr("Membership"))
        self.body = QComboBox()
        self.body.addItems(list(m.BODIES))
        self.person = QLineEdit()
        self.person.setPlaceholderText(self.tr("ID number (身份证号)"))
        self.role = QLineEdit()
        self.households = QLineEdit()
        self.households.setPlaceholderText(self.tr("household numbers, comma-separated"))
        self.day = QDateEdit(_qdate(clock.today()))
        self.day.setCalendarPopup(True)
        form = QFormLayout(self)
        if member is None:
            form.addRow(self.tr("Body"), self.body)
            form.addRow(self.tr("Person"), self.person)
            form.addRow(self.tr("Role"), self.role)
            form.addRow(self.tr("Households represented (村民代表)"), self.households)
            form.addRow(self.tr("Since"), self.day)
        else:
            form.addRow(self.tr("Ends the seat of {name} ({body}) on").format(
                name=member["name"], body=member["body"]), self.day)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def work(self):
        """The service call this dialog asks for, as a function of (store, actor)."""
        from cunwu.services import memberships

        q = self.day.date()
        day = dt.date(q.year(), q.month(), q.day())
        if self.member is not None:
            uuid = self.member["uuid"]
            return lambda store, actor: memberships.end_member(store, actor, uuid, day)
        body, person, role = self.body.currentText(), self.person.text(), self.role.text()
        households = [h.strip() for h in self.households.text().replace("，", ",").split(",")
                      if h.strip()]
        return lambda store, actor: memberships.add_member(store, actor, body, person, since=day,
                                                           role=role, households=households)

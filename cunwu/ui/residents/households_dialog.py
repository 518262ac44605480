"""The household view (户): every household with its group, head and size, and the
members of the one selected."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QTableWidget, QVBoxLayout,
                               QWidget)

from cunwu.ui.residents.person_dialog import _fill, _table


class HouseholdsDialog(QDialog):
    person_chosen = Signal(str)

    def __init__(self, ctx, parent: QWidget | None = None, select: str | None = None) -> None:
        from cunwu.services.residents import list_households

        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("householdsDialog")
        self.setWindowTitle(self.tr("Households"))
        self.setMinimumSize(820, 520)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.households = _table([self.tr("Household"), self.tr("Group"), self.tr("Head"),
                                  self.tr("Members"), self.tr("Address")])
        self.members = _table([self.tr("Name"), self.tr("Relation"), self.tr("Born"),
                               self.tr("Status")])
        row.addWidget(self.households, 3)
        row.addWidget(self.members, 2)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.rows = list_households(ctx.store)
        _fill(self.households, [[h["number"], h["group_name"], h["head_name"] or "", h["members"],
                                 h["address"]] for h in self.rows])
        self.households.currentCellChanged.connect(lambda r, *_: self.show_members(r))
        self.members.cellDoubleClicked.connect(
            lambda r, _c: self.person_chosen.emit(self.member_rows[r].uuid))
        self.member_rows = []
        if select:
            for i, h in enumerate(self.rows):
                if h["uuid"] == select:
                    self.households.selectRow(i)
                    self.show_members(i)

    def show_members(self, row: int) -> None:
        from cunwu.services.residents import household_members

        if not 0 <= row < len(self.rows):
            return
        self.member_rows = household_members(self.ctx.store, self.rows[row]["uuid"])
        _fill(self.members, [[p.name, p.relation, p.birth_date or "", p.status]
                             for p in self.member_rows])

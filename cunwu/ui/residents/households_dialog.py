"""The household view (户): every household with its group, head and size, the members of
the one selected, and a new household typed in by hand (新增户)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QPushButton, QVBoxLayout,
                               QWidget)

from cunwu.ui.widgets import fill, table
from cunwu.ui.sizing import size_dialog


class HouseholdsDialog(QDialog):
    person_chosen = Signal(str)

    def __init__(self, ctx, parent: QWidget | None = None, select: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("householdsDialog")
        self.setWindowTitle(self.tr("Households"))
        size_dialog(self, 44, 22)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.new_button = QPushButton(self.tr("New household…"))
        self.new_button.setObjectName("newHousehold")
        self.new_button.setEnabled(ctx.actor.may("write"))
        if ctx.actor.may("write"):  # the style sheet draws a disabled primary button as enabled
            self.new_button.setProperty("role", "primary")
        self.new_button.clicked.connect(self.open_new_household)
        top.addWidget(self.new_button)
        top.addStretch(1)
        layout.addLayout(top)
        row = QHBoxLayout()
        self.households = table([self.tr("Household"), self.tr("Group"), self.tr("Head"),
                                 self.tr("Members"), self.tr("Address")], single=False, fit=True)
        self.members = table([self.tr("Name"), self.tr("Relation"), self.tr("Born"),
                              self.tr("Status")], single=False, fit=True)
        row.addWidget(self.households, 3)
        row.addWidget(self.members, 2)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.rows: list[dict] = []
        self.member_rows = []
        self.new_dialog = None
        self.households.currentCellChanged.connect(lambda r, *_: self.show_members(r))
        self.members.cellDoubleClicked.connect(
            lambda r, _c: self.person_chosen.emit(self.member_rows[r].uuid))
        self.reload(select)

    def reload(self, select: str | None = None) -> None:
        """Read the households again; `select` (a UUID) is selected with its members."""
        from cunwu.services.residents import list_households

        self.rows = list_households(self.ctx.store)
        self.households.blockSignals(True)
        fill(self.households, [[h["number"], h["group_name"], h["head_name"] or "", h["members"],
                                h["address"]] for h in self.rows])
        self.households.blockSignals(False)
        self.member_rows = []
        fill(self.members, [])
        if select:
            for i, h in enumerate(self.rows):
                if h["uuid"] == select:
                    self.households.selectRow(i)
                    self.households.scrollToItem(self.households.item(i, 0))
                    self.show_members(i)

    def show_members(self, row: int) -> None:
        from cunwu.services.residents import household_members

        if not 0 <= row < len(self.rows):
            return
        self.member_rows = household_members(self.ctx.store, self.rows[row]["uuid"])
        fill(self.members, [[p.name, p.relation, p.birth_date or "", p.status]
                            for p in self.member_rows])

    def open_new_household(self):
        from cunwu.ui.residents.new_household_dialog import NewHouseholdDialog

        dialog = NewHouseholdDialog(self.ctx, self)
        dialog.setModal(True)
        dialog.saved.connect(lambda h: self.reload(select=h["uuid"]))
        dialog.show()
        self.new_dialog = dialog
        return dialog

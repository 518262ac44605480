"""The household view (户): every household with its group, head and size, found by 户号,
户主 or address; the members of the one selected, 户主 first; and a new household typed in
by hand (新增户)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from cunwu.ui.widgets import fill, key_at, select_key, table
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
        self.search = QLineEdit()
        self.search.setObjectName("householdSearch")
        self.search.setPlaceholderText(self.tr("Household number, head's name or address"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.show_households())
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
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
            lambda r, _c: self.person_chosen.emit(key_at(self.members, r)))
        self.reload(select)

    def reload(self, select: str | None = None) -> None:
        """Read the households again; `select` (a UUID) is selected with its members."""
        from cunwu.services.residents import list_households

        self.rows = list_households(self.ctx.store)
        if select:
            self.search.clear()  # a new household must be in sight
        self.show_households(select)

    def shown(self) -> list[dict]:
        """The households whose 户号, 户主 or address holds every word typed in the search."""
        words = self.search.text().split()
        return [h for h in self.rows
                if all(w in f"{h['number']} {h['head_name'] or ''} {h['address']}" for w in words)]

    def show_households(self, select: str | None = None) -> None:
        rows = self.shown()
        if len(rows) == 1 and select is None:
            select = rows[0]["uuid"]  # the one household searched for, with its members
        self.households.blockSignals(True)
        fill(self.households, [[h["number"], h["group_name"], h["head_name"] or "", h["members"],
                                h["address"]] for h in rows], [h["uuid"] for h in rows])
        self.households.blockSignals(False)
        self.member_rows = []
        fill(self.members, [])
        if select and select_key(self.households, select):
            self.households.scrollToItem(self.households.currentItem())
            self.show_members(self.households.currentRow())

    def show_members(self, row: int) -> None:
        """The members of the household shown in `row` (wherever sorting put it)."""
        from cunwu.services.residents import household_members

        uuid = key_at(self.households, row)
        if uuid is None:
            return
        self.member_rows = household_members(self.ctx.store, uuid)
        fill(self.members, [[p.name, p.relation, p.birth_date or "", p.status]
                            for p in self.member_rows], [p.uuid for p in self.member_rows])

    def open_new_household(self):
        from cunwu.ui.residents.new_household_dialog import NewHouseholdDialog

        dialog = NewHouseholdDialog(self.ctx, self)
        dialog.setModal(True)
        dialog.saved.connect(lambda h: self.reload(select=h["uuid"]))
        dialog.show()
        self.new_dialog = dialog
        return dialog

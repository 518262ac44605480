"""A new household (新增户) typed in by hand: 户号, 村民小组, address, notes."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from cunwu.ui.dialogs import SavingDialog
from cunwu.ui.widgets import label
from cunwu.ui.sizing import text_width


class NewHouseholdDialog(SavingDialog):
    """OK adds the household through the same service as `cunwu households add`; `saved`
    carries {"uuid", "number"}."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        from cunwu.services.people import groups

        super().__init__(ctx, parent)
        self.setObjectName("newHouseholdDialog")
        self.setWindowTitle(self.tr("New household"))
        self.setMinimumWidth(text_width(self, 26))
        self.number = QLineEdit()
        self.number.setObjectName("householdNumber")
        self.number.setPlaceholderText(self.tr("e.g. 000123"))
        self.group = QComboBox()  # a group already used, or a new one typed in
        self.group.setEditable(True)
        self.group.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.group.addItems(["", *groups(ctx.store)])
        self.address = QLineEdit()
        self.notes = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("Household number (户号)"), self.number)
        form.addRow(self.tr("Villager group"), self.group)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Notes"), self.notes)
        layout = QVBoxLayout(self)
        layout.addWidget(label("hint", self.tr(
            "Add the household first, then its people with New resident."), wrap=True))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def values(self) -> dict:
        return {"number": self.number.text(), "address": self.address.text(),
                "group_name": self.group.currentText(), "notes": self.notes.text()}

    def work(self, values: dict) -> dict:
        from cunwu.services.residents import add_household

        h = add_household(self.ctx.store, self.ctx.actor, **values)
        return {"uuid": h.uuid, "number": h.number}

"""A new resident (新增居民) typed in by hand: the person form, empty, with the household
chosen by its 户号 from those recorded (or added on the spot)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QCompleter, QHBoxLayout, QPushButton, QVBoxLayout,
                               QWidget)

from cunwu.ui.dialogs import SavingDialog
from cunwu.ui.residents.person_form import PersonForm
from cunwu.ui.widgets import label
from cunwu.ui.sizing import text_width


class HouseholdPicker(QComboBox):
    """户号 from the recorded households, each shown with its head and group; typing filters
    by any part (number, head's name, group). Text that is no item is taken as a 户号, which
    the service then looks up."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("householdPicker")
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(24)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.lineEdit().setPlaceholderText(self.tr("Household number (户号); empty if none yet"))
        self.reload()

    def reload(self, select: str = "") -> None:
        from cunwu.services.residents import list_households

        self.clear()
        self.addItem("", "")
        for h in list_households(self.ctx.store):
            shown = "  ".join(x for x in (h["number"], h["head_name"] or "", h["group_name"]) if x)
            self.addItem(shown, h["number"])
        self.setCurrentIndex(max(self.findData(select), 0) if select else 0)

    def number(self) -> str:
        text = self.currentText().strip()
        index = self.findText(self.currentText())
        if index >= 0:
            return self.itemData(index) or ""
        return text.split()[0] if text else ""


class NewPersonDialog(SavingDialog):
    """OK adds the person through the same service as `cunwu residents add`; `saved` carries
    {"uuid", "name", "warnings"}."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("newPersonDialog")
        self.setWindowTitle(self.tr("New resident"))
        self.setMinimumWidth(text_width(self, 30))
        self.households = HouseholdPicker(ctx)
        self.new_household_button = QPushButton(self.tr("New household…"))
        self.new_household_button.setObjectName("newHouseholdFromPerson")
        self.new_household_button.clicked.connect(self.open_new_household)
        row = QWidget()
        h = QHBoxLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        h.addWidget(self.households, 1)
        h.addWidget(self.new_household_button)
        self.form = PersonForm(row)
        layout = QVBoxLayout(self)
        layout.addWidget(label("hint", self.tr(
            "Birth date and sex are read from the ID number. One person is never recorded "
            "twice: a number already recorded is refused."), wrap=True))
        layout.addWidget(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.form.name_edit.setFocus()
        self.household_dialog = None

    def open_new_household(self):
        from cunwu.ui.residents.new_household_dialog import NewHouseholdDialog

        dialog = NewHouseholdDialog(self.ctx, self)
        dialog.setModal(True)
        dialog.saved.connect(lambda h: self.households.reload(select=h["number"]))
        dialog.show()
        self.household_dialog = dialog
        return dialog

    def values(self) -> dict:
        return {**self.form.values(), "household_number": self.households.number() or None}

    def work(self, values: dict) -> dict:
        from cunwu.services.residents import add_person_by_hand

        added = add_person_by_hand(self.ctx.store, self.ctx.actor, **values)
        return {"uuid": added.person.uuid, "name": added.person.name, "warnings": added.warnings}

"""The village's disclosure rules, as `cunwu disclosures rules` shows and changes them: the
supervision phone printed on every notice, where notices are posted, how often finances and
village affairs are disclosed, and from when the schedule counts."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from cunwu.ui.dialogs import SavingDialog
from cunwu.ui.widgets import date_edit, label, pydate


class DisclosureRulesDialog(SavingDialog):
    """OK saves the changed values through `services.disclosures.change_rules`."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        from cunwu.services.disclosures import rules

        super().__init__(ctx, parent)
        self.setObjectName("disclosureRules")
        self.setWindowTitle(self.tr("Disclosure rules"))
        self.current = rules(ctx.store)
        r = self.current
        self.phone, self.place = QLineEdit(r.phone), QLineEdit(r.place)
        self.finance_every, self.affairs_every = QComboBox(), QComboBox()
        for box, value in ((self.finance_every, r.finance_every),
                           (self.affairs_every, r.affairs_every)):
            box.addItem(self.tr("every month"), "month")
            box.addItem(self.tr("every quarter"), "quarter")
            box.setCurrentIndex(max(box.findData(value), 0))
        self.schedule_from = date_edit(r.schedule_from)
        form = QFormLayout()
        form.addRow(self.tr("Supervision phone (监督电话)"), self.phone)
        form.addRow(self.tr("Where notices are posted"), self.place)
        form.addRow(self.tr("Finances are disclosed"), self.finance_every)
        form.addRow(self.tr("Village affairs are disclosed"), self.affairs_every)
        form.addRow(self.tr("The schedule counts from"), self.schedule_from)
        layout = QVBoxLayout(self)
        layout.addWidget(label("hint", self.tr(
            "The phone and the place are printed on every notice; the schedule page reminds "
            "you when a disclosure is due."), wrap=True))
        layout.addLayout(form)
        if not ctx.actor.may("write"):
            for w in (self.phone, self.place, self.finance_every, self.affairs_every,
                      self.schedule_from):
                w.setEnabled(False)
            self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def values(self) -> dict:
        r = self.current
        now = {"phone": self.phone.text(), "place": self.place.text(),
               "finance_every": self.finance_every.currentData(),
               "affairs_every": self.affairs_every.currentData(),
               "schedule_from": pydate(self.schedule_from.date())}
        return {k: v for k, v in now.items() if v != getattr(r, k)}

    def work(self, values: dict):
        from cunwu.services.disclosures import change_rules, rules

        if not values:  # nothing changed: nothing to write or to audit
            return rules(self.ctx.store)
        return change_rules(self.ctx.store, self.ctx.actor, **values)

"""A new rule, or a new version of one (积分规则): code, name, points per 次 or 小时, the
day it takes effect and the meeting resolution that approved it."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from cunwu.domain.points import UNITS
from cunwu.ui.dialogs import SavingDialog
from cunwu.ui.pickers import record_combo
from cunwu.ui.widgets import date_edit, pydate


class RuleDialog(SavingDialog):
    def __init__(self, ctx, parent: QWidget | None = None, *, rule=None) -> None:
        from cunwu.services.meeting_queries import list_meetings

        super().__init__(ctx, parent)
        self.setObjectName("pointsRuleDialog")
        self.setWindowTitle(self.tr("Points rule"))
        self.code = QLineEdit(rule.code if rule else "")
        self.name = QLineEdit(rule.name if rule else "")
        self.points = QSpinBox()
        self.points.setRange(-1000, 1000)
        self.points.setValue(rule.points if rule else 1)
        self.unit = QComboBox()
        self.unit.addItems(list(UNITS))
        if rule:
            self.unit.setCurrentText(rule.unit)
        self.start = date_edit()
        # the meeting whose resolution approved the rule, by its date and title
        self.meeting = record_combo(
            self.tr("(none)"), [(mt["uuid"], f"{mt['held_at'][:10]}  {mt['title']}")
                                for mt in list_meetings(ctx.store) if mt["status"] != "planned"],
            rule.approved_by_meeting if rule else None)
        form = QFormLayout()
        form.addRow(self.tr("Code"), self.code)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Points (negative deducts)"), self.points)
        form.addRow(self.tr("Per"), self.unit)
        form.addRow(self.tr("In force from"), self.start)
        form.addRow(self.tr("Approved by meeting"), self.meeting)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def values(self) -> dict:
        return {"rule": {"code": self.code.text(), "name": self.name.text(),
                         "points": self.points.value(), "unit": self.unit.currentText()},
                "start": pydate(self.start.date()),
                "meeting": self.meeting.currentData()}

    def work(self, values: dict):
        from cunwu.services.points_rules import add_rules

        return add_rules(self.ctx.store, self.ctx.actor, [values["rule"]], values["start"],
                         approved_by_meeting=values["meeting"])

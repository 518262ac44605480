"""The period a relief list (救助公示) covers, picked as a clerk says it: a year and the whole
year, a quarter or a month (2026年第4季度, 2026年11月); the service gets 2026, 2026Q4 or 2026-11."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QSpinBox, QVBoxLayout, QWidget

from cunwu import clock
from cunwu.ui.dialogs import SavingDialog


class PeriodDialog(SavingDialog):
    """Builds the list of `kind` for the period chosen; `saved` carries the new draft."""

    def __init__(self, ctx, kind: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.kind = kind
        self.setObjectName("reliefPeriodDialog")
        self.setWindowTitle(title)
        today = clock.today()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.year.setSuffix(self.tr(" (year)"))
        self.part = QComboBox()
        self.part.addItem(self.tr("Whole year"), "")
        for q in range(1, 5):
            self.part.addItem(self.tr("Quarter {n}").format(n=q), f"Q{q}")
        for month in range(1, 13):
            self.part.addItem(self.tr("Month {n}").format(n=month), f"-{month:02d}")
        self.part.setCurrentIndex(self.part.findData(f"Q{(today.month - 1) // 3 + 1}"))
        form = QFormLayout()
        form.addRow(self.tr("Year"), self.year)
        form.addRow(self.tr("Period"), self.part)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def period(self) -> str:
        """As the service takes it: 2026, 2026Q4 or 2026-11."""
        return f"{self.year.value()}{self.part.currentData()}"

    def values(self) -> dict:
        return {"period": self.period()}

    def work(self, values: dict):
        from cunwu.services.relief_lists import generate

        return generate(self.ctx.store, self.ctx.actor, self.kind, values["period"])

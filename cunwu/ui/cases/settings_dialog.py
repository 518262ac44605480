"""工单时限: the days from opening to due per category, as `cunwu cases settings` shows and
changes them. Whoever may not write sees them only."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QGridLayout, QSpinBox, QVBoxLayout, QWidget

from cunwu.domain import cases as c
from cunwu.services import cases
from cunwu.ui.dialogs import SavingDialog
from cunwu.ui.sizing import size_dialog
from cunwu.ui.widgets import label


class CaseLimitsDialog(SavingDialog):
    """OK saves the changed limits through `services.cases.change_settings`; `saved` carries
    every category's limit after the change. A new case takes its due date from them."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("caseLimitsDialog")
        self.setWindowTitle(self.tr("Case time limits"))
        self.current = cases.settings(ctx.store)
        self.boxes: dict[str, QSpinBox] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        half = (len(c.CATEGORIES) + 1) // 2  # two columns: ten rows would not fit at 特大
        for i, category in enumerate(c.CATEGORIES):
            box = QSpinBox()
            box.setObjectName(f"caseLimit_{category}")
            box.setRange(*c.LIMIT_RANGE)
            box.setSuffix(self.tr(" days"))
            box.setValue(int(self.current[category]))
            box.setEnabled(ctx.actor.may("write"))
            self.boxes[category] = box
            r, col = i % half, i // half * 3
            grid.addWidget(label("", category), r, col)
            grid.addWidget(box, r, col + 1)
            grid.addWidget(label("hint", self.tr("default: {days}").format(
                days=c.TIME_LIMITS[category])), r, col + 2)
        layout = QVBoxLayout(self)
        layout.addWidget(label("hint", self.tr(
            "Days from opening a case to its due date, for each category. A new case takes "
            "its due date from them; the cases already open keep theirs."), wrap=True))
        layout.addLayout(grid)
        if not ctx.actor.may("write"):
            self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
            layout.addWidget(label("hint", self.tr(
                "Only an admin or clerk account can change these values."), wrap=True))
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        size_dialog(self, 30, 14)

    def values(self) -> dict:
        return {category: box.value() for category, box in self.boxes.items()
                if box.value() != int(self.current[category])}

    def work(self, values: dict) -> dict:
        if not values:  # nothing changed: nothing to write or to audit
            return cases.settings(self.ctx.store)
        return cases.change_settings(self.ctx.store, self.ctx.actor, values)

"""动态监测设置: the village's alert thresholds (高龄 age, days between visits to people
living alone, notice before a review, the age under which a child counts), as
`cunwu residents settings` shows and changes them. Whoever may not write sees them only."""

from __future__ import annotations

from PySide6.QtWidgets import (QDialogButtonBox, QFormLayout, QHBoxLayout, QPushButton, QSpinBox, QVBoxLayout,
                               QWidget)

from cunwu.domain.monitoring import DEFAULTS
from cunwu.ui.dialogs import SavingDialog
from cunwu.ui.widgets import label
from cunwu.ui.sizing import text_width


class MonitoringSettingsDialog(SavingDialog):
    """OK saves the changed values through `services.monitoring.change_settings`; `saved`
    carries the village's settings after the change. The home page reads them each time
    it is shown."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        from cunwu.services.monitoring import SETTING_LIMITS, settings

        super().__init__(ctx, parent)
        self.setObjectName("monitoringSettingsDialog")
        self.setWindowTitle(self.tr("Monitoring settings"))
        self.setMinimumWidth(text_width(self, 32))
        self.current = settings(ctx.store)
        years, days = self.tr(" years"), self.tr(" days")
        rows = {
            "elderly_age": (self.tr("高龄 from age"), years, self.tr(
                "People of this age and older count as 高龄; the home page reminds you in "
                "the month they reach it (高龄津贴).")),
            "visit_days": (self.tr("Visit people living alone every"), days, self.tr(
                "An alert when someone tagged 独居老人 has had no recorded visit for this many "
                "days.")),
            "review_notice_days": (self.tr("Warn before a review"), days, self.tr(
                "How many days before a 低保, 残疾 or other review date the alert appears.")),
            "child_age": (self.tr("Children are under"), years, self.tr(
                "A child under this age whose parents are both away is listed as 留守儿童.")),
        }
        self.boxes: dict[str, QSpinBox] = {}
        form = QFormLayout()
        form.setVerticalSpacing(14)
        for name, (text, suffix, hint) in rows.items():
            box = QSpinBox()
            box.setObjectName(f"setting_{name}")
            box.setRange(*SETTING_LIMITS[name])
            box.setSuffix(suffix)
            box.setValue(self.current[name])
            box.setMinimumWidth(140)
            self.boxes[name] = box
            field = QWidget()  # the value, its default, and what it does right beneath
            column = QVBoxLayout(field)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            line = QHBoxLayout()
            line.setSpacing(12)
            line.addWidget(box)
            line.addWidget(label("hint", self.tr("default: %1").replace("%1", str(DEFAULTS[name]))))
            line.addStretch(1)
            column.addLayout(line)
            column.addWidget(label("hint", hint, wrap=True))
            form.addRow(text, field)
        self.defaults_button = QPushButton(self.tr("Back to the defaults"))
        self.defaults_button.clicked.connect(self.restore_defaults)
        layout = QVBoxLayout(self)
        layout.addWidget(label("hint", self.tr(
            "These values decide which alerts the home page lists. They hold for the whole "
            "village."), wrap=True))
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.defaults_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.read_only = not ctx.actor.may("write")
        if self.read_only:
            for box in self.boxes.values():
                box.setEnabled(False)
            self.defaults_button.setEnabled(False)
            self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
            layout.addWidget(label("hint", self.tr(
                "Only an admin or clerk account can change these values."), wrap=True))
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        # as tall as the wrapped hints need at this width, no taller
        self.resize(self.minimumWidth(), layout.totalHeightForWidth(self.minimumWidth()))

    def restore_defaults(self) -> None:
        for name, box in self.boxes.items():
            box.setValue(DEFAULTS[name])

    def values(self) -> dict:
        return {name: box.value() for name, box in self.boxes.items()
                if box.value() != self.current[name]}

    def work(self, values: dict) -> dict:
        from cunwu.services.monitoring import change_settings, settings

        if not values:  # nothing changed: nothing to write or to audit
            return settings(self.ctx.store)
        return change_settings(self.ctx.store, self.ctx.actor, **values)

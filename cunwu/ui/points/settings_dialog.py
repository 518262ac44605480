"""The village's points settings: whether persons or households are scored, how many days
积分公示 lasts, and the levels (星级文明户) by points earned in a year."""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QFormLayout, QPushButton, QSpinBox, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from cunwu.ui.dialogs import SavingDialog
from cunwu.ui.sizing import size_dialog


class SettingsDialog(SavingDialog):
    def __init__(self, ctx, settings, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("pointsSettingsDialog")
        self.setWindowTitle(self.tr("Points settings"))
        size_dialog(self, 26, 18)
        self.scope = QComboBox()
        self.scope.addItem(self.tr("Each person"), "person")
        self.scope.addItem(self.tr("Each household"), "household")
        self.scope.setCurrentIndex(1 if settings.scope == "household" else 0)
        self.days = QSpinBox()
        self.days.setRange(1, 60)
        self.days.setValue(settings.publish_days)
        self.levels = QTableWidget(0, 2)
        self.levels.setHorizontalHeaderLabels([self.tr("Level"), self.tr("Points in a year from")])
        self.levels.horizontalHeader().setStretchLastSection(True)
        for level in settings.level_list():
            self.add_level(level["name"], level["min"])
        add = QPushButton(self.tr("Add level"))
        add.clicked.connect(lambda: self.add_level("", 0))
        form = QFormLayout()
        form.addRow(self.tr("Score"), self.scope)
        form.addRow(self.tr("Days of 公示"), self.days)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.levels, 1)
        layout.addWidget(add)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def add_level(self, name: str, low: int) -> None:
        r = self.levels.rowCount()
        self.levels.insertRow(r)
        self.levels.setItem(r, 0, QTableWidgetItem(name))
        self.levels.setItem(r, 1, QTableWidgetItem(str(low)))

    def level_values(self) -> list[dict]:
        out = []
        for r in range(self.levels.rowCount()):
            name = (self.levels.item(r, 0).text() if self.levels.item(r, 0) else "").strip()
            low = (self.levels.item(r, 1).text() if self.levels.item(r, 1) else "").strip()
            if name or low:
                out.append({"name": name, "min": low})
        return out

    def values(self) -> dict:
        return {"scope": self.scope.currentData(), "publish_days": self.days.value(),
                "levels": self.level_values()}

    def work(self, values: dict):
        from cunwu.services.points_settings import update_settings

        return update_settings(self.ctx.store, self.ctx.actor, **values)

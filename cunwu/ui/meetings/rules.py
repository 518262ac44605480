"""The village's quorum and passing rules per kind of meeting, edited in the window
(">1/2" more than half, ">=2/3" at least two thirds; empty: no quorum needed)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)
from cunwu.ui.sizing import size_dialog

COLUMNS = ("quorum", "households", "passing")


class RulesDialog(QDialog):
    def __init__(self, rules: list[dict], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rules = rules
        self.setObjectName("rulesDialog")
        self.setWindowTitle(self.tr("Quorum and passing rules"))
        size_dialog(self, 40, 18)
        hint = QLabel(self.tr("Write >1/2 for more than half, >=2/3 for at least two thirds; "
                              "leave the quorum empty where none is needed. The household rule "
                              "is the 村民会议's alternative quorum."))
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        self.table = QTableWidget(len(rules), 4)
        self.table.verticalHeader().setVisible(False)
        self.table.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Quorum"),
                                              self.tr("Or by households"), self.tr("A decision needs")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, r in enumerate(rules):
            kind = QTableWidgetItem(r["kind"])
            kind.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 0, kind)
            for col, key in enumerate(COLUMNS, start=1):
                self.table.setItem(row, col, QTableWidgetItem(r[key]))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def changes(self) -> list[dict]:
        out = []
        for row, r in enumerate(self.rules):
            values = {key: self.table.item(row, col).text().strip()
                      for col, key in enumerate(COLUMNS, start=1)}
            if any(values[k] != r[k] for k in COLUMNS):
                out.append({"kind": r["kind"], **values})
        return out

    def work(self):
        """The service calls for what changed, as one function of (store, actor)."""
        changes = self.changes()

        def save(store, actor):
            from cunwu.services.memberships import set_many_rules

            return set_many_rules(store, actor, changes)
        return save

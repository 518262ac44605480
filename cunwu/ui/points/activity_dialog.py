"""A volunteer activity (志愿服务活动) with its sign-in checklist: find residents by name,
pinyin or ID number, tick who came, and how many times or hours each."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDoubleSpinBox, QFormLayout,
                               QHBoxLayout, QHeaderView, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from cunwu import clock
from cunwu.ui.pickers import SearchEdit
from cunwu.ui.dialogs import SavingDialog
from cunwu.ui.widgets import date_edit, label, pydate
from cunwu.ui.sizing import size_dialog


class ActivityDialog(SavingDialog):
    def __init__(self, ctx, rules: list, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("pointsActivityDialog")
        self.setWindowTitle(self.tr("New activity"))
        size_dialog(self, 40, 26)
        self.search_task = None
        self.found: list[dict] = []
        self.people: list[dict] = []  # signed in, in table order
        self.title_edit = QLineEdit()
        self.day = date_edit()
        self.place = QLineEdit()
        self.organiser = QLineEdit()
        self.rule = QComboBox()
        today = clock.today()
        for r in rules:
            if r.applies_on(today) or r.effective_to is None or r.effective_to >= today.replace(month=1, day=1):
                self.rule.addItem(self.tr("{name}  {points} points each {unit}").replace("{name}", r.name).replace(
                    "{points}", f"{r.points:+d}").replace("{unit}", r.unit), r.code)
        self.search = SearchEdit()  # Enter searches; it does not submit the activity
        self.search.setPlaceholderText(self.tr("Name, pinyin or ID number"))
        self.find_button = QPushButton(self.tr("Find"))
        self.results = QListWidget()
        self.results.setMaximumHeight(140)
        self.add_button = QPushButton(self.tr("Sign in"))
        self.signin = QTableWidget(0, 3)
        self.signin.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.signin.setHorizontalHeaderLabels([self.tr("Came"), self.tr("Group"),
                                               self.tr("Times / hours")])
        header = self.signin.horizontalHeader()
        for col in (0, 1):  # as wide as the header's words (村民小组) and the names
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.search.returnPressed.connect(self.find)
        self.find_button.clicked.connect(self.find)
        self.add_button.clicked.connect(self.sign_in_selected)
        self.results.itemDoubleClicked.connect(lambda _i: self.sign_in_selected())
        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Date"), self.day)
        form.addRow(self.tr("Place"), self.place)
        form.addRow(self.tr("Organiser"), self.organiser)
        form.addRow(self.tr("Rule"), self.rule)
        # no rule in force: the points come from a rule, so say where to add one
        self.no_rules = label("hint", self.tr(
            "There is no points rule yet: close this, add one on the Rules tab (New rule or "
            "version…), then record the activity."), wrap=True)
        self.no_rules.setObjectName("noRulesHint")
        self.no_rules.setVisible(self.rule.count() == 0)
        form.addRow(self.no_rules)
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.find_button)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.results)
        layout.addWidget(self.signin, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    # -- finding and signing in -----------------------------------------------------
    def find(self) -> None:
        from cunwu.services.points import find_people

        if self.search_task is not None:
            return
        store, query = self.ctx.store, self.search.text()
        self.search_task = self.ctx.tasks.run(
            lambda _p: find_people(store, query), parent=self, title=self.tr("Finding…"),
            show_progress=False, on_success=self._found, on_done=self._search_done)

    def _search_done(self) -> None:
        self.search_task = None

    def _found(self, rows: list[dict]) -> None:
        self.found = rows
        self.results.clear()
        for r in rows:
            item = QListWidgetItem(f"{r['name']}  {r['group']}  {r['household_number']}  {r['status']}")
            item.setData(Qt.ItemDataRole.UserRole, r["uuid"])
            self.results.addItem(item)
        if rows:
            self.results.setCurrentRow(0)

    def sign_in_selected(self) -> None:
        row = self.results.currentRow()
        if 0 <= row < len(self.found):
            self.sign_in(self.found[row])

    def sign_in(self, person: dict, quantity: float = 1) -> None:
        if any(p["uuid"] == person["uuid"] for p in self.people):
            return
        self.people.append(person)
        r = self.signin.rowCount()
        self.signin.insertRow(r)
        name = QTableWidgetItem(person["name"])
        name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        name.setCheckState(Qt.CheckState.Checked)
        self.signin.setItem(r, 0, name)
        self.signin.setItem(r, 1, QTableWidgetItem(person["group"]))
        spin = QDoubleSpinBox()
        spin.setDecimals(1)
        spin.setRange(0, 1000)
        spin.setValue(quantity)
        self.signin.setCellWidget(r, 2, spin)

    def participants(self) -> list[dict]:
        out = []
        for r, person in enumerate(self.people):
            if self.signin.item(r, 0).checkState() == Qt.CheckState.Checked:
                out.append({"person": person["uuid"], "quantity": self.signin.cellWidget(r, 2).value()})
        return out

    def values(self) -> dict:
        return {"title": self.title_edit.text(), "held_on": pydate(self.day.date()),
                "rule": self.rule.currentData() or "", "participants": self.participants(),
                "place": self.place.text(), "organiser": self.organiser.text()}

    def work(self, values: dict):
        from cunwu.services.points import add_activity

        return add_activity(self.ctx.store, self.ctx.actor, **values)

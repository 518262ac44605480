"""The 工单 page: cases (mine, all, open, overdue) with filters, one case with its timeline, each
step of the workflow, the 入户核查表 and a new case."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from cunwu.domain import cases as c
from cunwu.services import cases, cases_queries
from cunwu.ui.pages.base import Page
from cunwu.ui.widgets import fill, label, row, selected_key, table

OVERDUE = QColor("#b3261e")
STEPS = ("assign", "act", "escalate", "return", "close", "review")


class CasesPage(Page):
    key = "cases"

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.rows: list[dict] = []
        self.dialog = None
        layout = self.page_layout()
        self.heading = label("title")
        layout.addWidget(self.heading)
        filters = QHBoxLayout()
        self.view = QComboBox()
        self.view.setObjectName("casesView")
        self.status = QComboBox()
        self.category = QComboBox()
        self.search = QLineEdit()
        self.search.setObjectName("casesSearch")
        self.search.returnPressed.connect(self.refresh)
        for box in (self.view, self.status, self.category):
            box.currentIndexChanged.connect(self.refresh)
        for w in (self.view, self.status, self.category, self.search):
            filters.addWidget(w)
        self.count = label("hint")
        filters.addWidget(self.count, 1)
        self.limits_button = QPushButton()  # the days to due per category
        self.limits_button.setObjectName("casesLimits")
        self.limits_button.clicked.connect(self.edit_limits)
        filters.addWidget(self.limits_button)
        layout.addLayout(filters)
        self.list = table(7, stretch=4)
        self.list.setObjectName("casesList")
        self.list.cellDoubleClicked.connect(lambda *_: self.show_case())
        self.list.itemSelectionChanged.connect(self._enable)
        layout.addWidget(self.list, 1)
        self.new_button = QPushButton()
        self.new_button.setObjectName("casesNew")
        self.new_button.clicked.connect(self.new_case)
        self.show_button = QPushButton()
        self.show_button.setObjectName("casesOpen")
        self.show_button.clicked.connect(self.show_case)
        self.print_button = QPushButton()
        self.print_button.setObjectName("casesPrintCheck")
        self.print_button.clicked.connect(self.print_sheet)
        self.step_buttons = {}
        for action in STEPS:
            button = QPushButton()
            button.setObjectName(f"caseStep_{action}")
            button.clicked.connect(lambda _=False, a=action: self.step(a))
            self.step_buttons[action] = button
        # the workflow's steps on a row of their own: with the others, wider than the screen at 特大
        layout.addLayout(row(self.new_button, self.show_button, self.print_button))
        layout.addLayout(row(*self.step_buttons.values()))
        self.retranslate()

    def title(self) -> str:
        return self.tr("Cases")

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Cases (工单)"))
        keep = (self.view.currentData(), self.status.currentData(), self.category.currentData())
        for box in (self.view, self.status, self.category):
            box.blockSignals(True)
            box.clear()
        for key, text in (("open", self.tr("Open")), ("mine", self.tr("Mine")),
                          ("overdue", self.tr("Overdue")), ("all", self.tr("All"))):
            self.view.addItem(text, key)
        self.status.addItem(self.tr("Any status"), "")
        for status in c.STATUSES:
            self.status.addItem(status, status)
        self.category.addItem(self.tr("Any category"), "")
        for category in c.CATEGORIES:
            self.category.addItem(category, category)
        for box, value in zip((self.view, self.status, self.category), keep):
            box.setCurrentIndex(max(box.findData(value), 0) if value is not None else 0)
            box.blockSignals(False)
        self.search.setPlaceholderText(self.tr("Search name, matter or number"))
        self.list.setHorizontalHeaderLabels([self.tr("Number"), self.tr("Status"),
                                             self.tr("Category"), self.tr("About"),
                                             self.tr("Matter"), self.tr("Due"), self.tr("Handler")])
        self.new_button.setText(self.tr("New case"))
        self.show_button.setText(self.tr("Case details"))  # "Open" names the open cases
        self.print_button.setText(self.tr("Print check sheet"))
        self.limits_button.setText(self.tr("Time limits…"))
        for action, text in (("assign", self.tr("Assign")), ("act", self.tr("Record action")),
                             ("escalate", self.tr("Escalate")), ("return", self.tr("Return")),
                             ("close", self.tr("Close")), ("review", self.tr("Follow up"))):
            self.step_buttons[action].setText(text)
        self._enable()

    def activated(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        store, actor = self.ctx.store, self.ctx.actor
        query = {"view": self.view.currentData() or "open", "status": self.status.currentData() or "",
                 "category": self.category.currentData() or "", "search": self.search.text()}
        self.run_task(lambda _p: cases_queries.list_cases(store, actor, **query),
                      title=self.tr("Reading cases…"), on_success=self._loaded)

    def _loaded(self, found: dict) -> None:
        self.rows = found["cases"]
        fill(self.list, [[x["number"], x["status"], x["category"], x["subject_name"], x["title"],
                          x["due"] + (self.tr(" (overdue)") if x["overdue"] else ""), x["handler"]]
                         for x in self.rows], [x["uuid"] for x in self.rows],
             [QBrush(OVERDUE) if x["overdue"] else None for x in self.rows])
        self.count.setText(self.tr("{count} case(s)").format(count=found["total"]))
        self._enable()

    def selected(self) -> dict | None:
        uuid = selected_key(self.list)
        return next((x for x in self.rows if x["uuid"] == uuid), None)

    def _enable(self) -> None:
        case = self.selected()
        allowed = c.allowed_actions(case["status"], self.ctx.actor.role) if case else []
        writer = self.ctx.actor.may("write")
        self.new_button.setEnabled(writer)
        self.show_button.setEnabled(case is not None)
        self.print_button.setEnabled(case is not None)
        for action, button in self.step_buttons.items():
            ok = action in allowed or (action == "review" and "reopen" in allowed)
            button.setEnabled(writer and ok)

    def open_target(self, target: str) -> None:
        """A home item's case: the list of all, with that case selected and opened."""
        if target:
            self.view.setCurrentIndex(self.view.findData("all"))
            store = self.ctx.store
            self.run_task(lambda _p: cases.show(store, target), title=self.tr("Reading cases…"),
                          on_success=self._show)

    def new_case(self):
        from cunwu.ui.cases.dialogs import CaseDialog

        self.dialog = CaseDialog(self.ctx, self)
        self.dialog.saved.connect(lambda _case: self.refresh())
        self.dialog.open()
        return self.dialog

    def show_case(self):
        case = self.selected()
        if case is not None:
            store = self.ctx.store
            self.run_task(lambda _p: cases.show(store, case["uuid"]),
                          title=self.tr("Reading cases…"), on_success=self._show)

    def _show(self, case: dict) -> None:
        from cunwu.ui.cases.view import CaseView

        self.dialog = CaseView(case, self)
        self.dialog.open()

    def step(self, action: str):
        from cunwu.ui.cases.dialogs import StepDialog

        case = self.selected()
        if case is None:
            return None
        self.dialog = StepDialog(self.ctx, case, action, self)
        self.dialog.saved.connect(lambda _case: self.refresh())
        self.dialog.open()
        return self.dialog

    def print_sheet(self):
        from cunwu.ui.cases.preview import CheckSheetPreview

        case = self.selected()
        if case is None:
            return None
        self.dialog = CheckSheetPreview(self.ctx, case["uuid"], self)
        self.dialog.open()
        return self.dialog

    def edit_limits(self):
        from cunwu.ui.cases.settings_dialog import CaseLimitsDialog

        self.dialog = CaseLimitsDialog(self.ctx, self)
        self.dialog.open()
        return self.dialog

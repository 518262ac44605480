"""Dialogs of cases (工单): a new case, a step of the workflow (assign, act, escalate, return,
close, follow up), and an alert from the home page made a case or dismissed."""

from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QLineEdit, QPlainTextEdit,
                               QVBoxLayout, QWidget)

from cunwu.domain import cases as c
from cunwu.services import alerts, cases
from cunwu.ui.dialogs import SavingDialog
from cunwu.ui.sizing import size_dialog, text_height


def _shown(text: str) -> QPlainTextEdit:
    """What a dialog starts from (an alert, a visit, a concern): read-only, three lines high
    in the dialog's font, so that it still shows whole at 特大."""
    box = QPlainTextEdit(text)
    box.setReadOnly(True)
    box.setFixedHeight(text_height(box, 3) + 2 * box.frameWidth()
                         + 2 * round(box.document().documentMargin()))
    return box


def _combo(values, current: str = "") -> QComboBox:
    box = QComboBox()
    box.addItems(list(values))
    if current in values:
        box.setCurrentText(current)
    return box


class _Form(SavingDialog):
    def _layout(self, form: QFormLayout) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)


class CaseDialog(_Form):
    """新建工单: about a person (ID number) or a household (户号); or 转为工单 from a visit or
    a concern (`source`, `source_ref`: its UUID), about its person unless another is named."""

    def __init__(self, ctx, parent: QWidget | None = None, *, source: str = "manual",
                 source_ref: str = "", origin: str = "", title: str = "") -> None:
        super().__init__(ctx, parent)
        self.source, self.source_ref = source, source_ref
        self.setObjectName("caseDialog")
        self.setWindowTitle(self.tr("New case"))
        size_dialog(self, 34, 22)
        self.person = QLineEdit()
        self.household = QLineEdit()
        self.category = _combo(c.CATEGORIES)
        self.severity = _combo(c.SEVERITIES)
        self.title_edit = QLineEdit(title)
        self.description = QPlainTextEdit()
        self.handler = QLineEdit()
        form = QFormLayout()
        if origin:  # what it comes from, as the clerk saw it
            form.addRow(self.tr("From"), _shown(origin))
            self.person.setPlaceholderText(self.tr("the one it is about, if no other is named"))
        form.addRow(self.tr("Person (ID number)"), self.person)
        form.addRow(self.tr("or household number"), self.household)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Severity"), self.severity)
        form.addRow(self.tr("Matter"), self.title_edit)
        form.addRow(self.tr("Details"), self.description)
        form.addRow(self.tr("Handler (account)"), self.handler)
        self._layout(form)

    def values(self) -> dict:
        return {"person": self.person.text(), "household": self.household.text(),
                "category": self.category.currentText(), "severity": self.severity.currentText(),
                "title": self.title_edit.text(), "description": self.description.toPlainText(),
                "handler": self.handler.text(), "source": self.source,
                "source_ref": self.source_ref}

    def work(self, values: dict):
        return cases.open_case(self.ctx.store, self.ctx.actor, values)


class StepDialog(_Form):
    """One step of the workflow on a case: what it needs and nothing more."""

    def __init__(self, ctx, case: dict, action: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.case, self.action = case, action
        self.setObjectName(f"caseStep_{action}")
        titles = {"assign": self.tr("Assign case"), "act": self.tr("Record an action"),
                  "escalate": self.tr("Escalate to the township"), "return": self.tr("Return case"),
                  "close": self.tr("Close case"), "review": self.tr("Follow up")}
        self.setWindowTitle(f"{titles[action]} {case['number']}")
        size_dialog(self, 32, 16)
        form = QFormLayout()
        form.addRow(self.tr("Case"), QLineEdit(f"{case['number']} {case['title']}", readOnly=True))
        self.handler = QLineEdit(case["handler"] if case["handler_kind"] == "account" else "")
        self.department = QLineEdit(case["handler"] if case["handler_kind"] == "department" else "")
        self.result = QPlainTextEdit()
        self.decision = _combo(("",) + c.DECISIONS)
        self.settled = QCheckBox(self.tr("The matter is settled"))
        self.settled.setChecked(True)
        self.note = QPlainTextEdit()
        if action == "assign":
            form.addRow(self.tr("Handler (account)"), self.handler)
            form.addRow(self.tr("or township department"), self.department)
        if action == "escalate":
            form.addRow(self.tr("Township department"), self.department)
        if action == "close":
            form.addRow(self.tr("Result"), self.result)
            form.addRow(self.tr("Decision (benefits)"), self.decision)
        if action == "review":
            form.addRow("", self.settled)
        form.addRow(self.tr("Note") if action in ("assign", "close") else self.tr("What and why"),
                    self.note)
        self._layout(form)

    def values(self) -> dict:
        return {"ref": self.case["uuid"], "handler": self.handler.text(),
                "department": self.department.text(), "result": self.result.toPlainText(),
                "decision": self.decision.currentText(), "settled": self.settled.isChecked(),
                "note": self.note.toPlainText()}

    def work(self, values: dict):
        v = values
        store, actor, ref = self.ctx.store, self.ctx.actor, v["ref"]
        if self.action == "assign":
            return cases.assign(store, actor, ref, handler=v["handler"],
                                department=v["department"], note=v["note"])
        if self.action == "act":
            return cases.act(store, actor, ref, v["note"])
        if self.action == "escalate":
            return cases.escalate(store, actor, ref, v["note"], department=v["department"])
        if self.action == "return":
            return cases.return_case(store, actor, ref, v["note"])
        if self.action == "close":
            return cases.close(store, actor, ref, result=v["result"], decision=v["decision"],
                               note=v["note"])
        return cases.review(store, actor, ref, v["note"], settled=v["settled"])


class AlertDialog(_Form):
    """转为工单 or 忽略 for an alert on the home page."""

    def __init__(self, ctx, item: dict, dismiss: bool, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.key, self.dismiss = item["key"], dismiss
        self.setObjectName("alertDismissDialog" if dismiss else "alertCaseDialog")
        self.setWindowTitle(self.tr("Dismiss alert") if dismiss else self.tr("Make a case"))
        size_dialog(self, 32, 14)
        form = QFormLayout()
        form.addRow(self.tr("Alert"), _shown(item["title"]))
        self.reason = QPlainTextEdit()
        self.severity = _combo(c.SEVERITIES)
        self.handler = QLineEdit(ctx.actor.username)
        if dismiss:
            form.addRow(self.tr("Reason"), self.reason)
        else:
            form.addRow(self.tr("Severity"), self.severity)
            form.addRow(self.tr("Handler (account)"), self.handler)
        self._layout(form)

    def values(self) -> dict:
        return {"reason": self.reason.toPlainText(), "severity": self.severity.currentText(),
                "handler": self.handler.text()}

    def work(self, values: dict):
        v = values
        if self.dismiss:
            return alerts.dismiss_alert(self.ctx.store, self.ctx.actor, self.key, v["reason"])
        data = {"severity": v["severity"], "handler": v["handler"]}
        return alerts.alert_to_case(self.ctx.store, self.ctx.actor, self.key, data)

"""One case (工单) as it stands, with its timeline: who did what, when."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from cunwu.ui.sizing import size_dialog
from cunwu.ui.widgets import fill, label, table


class CaseView(QDialog):
    def __init__(self, case: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseView")
        self.setWindowTitle(self.tr("Case {number}").format(number=case["number"]))
        size_dialog(self, 60, 24)
        layout = QVBoxLayout(self)
        head = label("section", f"{case['number']}　{case['title']}", wrap=True)
        facts = label("", wrap=True, text=self.tr(
            "{status} · {category} · {severity} · about {name} · due {due}{late} · handler {handler}")
            .format(status=case["status"], category=case["category"], severity=case["severity"],
                    name=case["subject_name"], due=case["due"], handler=case["handler"] or "—",
                    late=self.tr(" (overdue)") if case["overdue"] else ""))
        layout.addWidget(head)
        layout.addWidget(facts)
        if case["description"]:
            layout.addWidget(label("hint", case["description"], wrap=True))
        if case["result"]:
            layout.addWidget(label("ok", self.tr("Result: {result} {decision}").format(
                result=case["result"], decision=case["decision"]), wrap=True))
        self.timeline = table([self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Status"),
                               self.tr("Note")], single=True)
        self.timeline.setObjectName("caseTimeline")
        fill(self.timeline, [[t["at"], t["actor"], t["label"], t["to"], t["note"]]
                             for t in case.get("timeline", [])])
        layout.addWidget(self.timeline, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

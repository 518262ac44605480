"""The approval queue (审核): activities waiting for a second user, who sees who took part
and for how many points before approving, or rejects them with a reason (驳回)."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QPushButton, QVBoxLayout, QWidget

from cunwu.ui import dialogs
from cunwu.ui.widgets import fill, label, row, selected_key, table


class ApprovalQueue(QWidget):
    """One tab of the points page. `run(work, then)` runs a service call that changes the
    queue off the GUI thread, then `then(result)`, then reloads the page."""

    def __init__(self, ctx, buttons: dict[str, QPushButton], run, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.buttons, self.run = ctx, buttons, run
        for key in ("approve", "reject"):
            b = QPushButton()
            b.setObjectName(f"points_{key}")
            buttons[key] = b
        self.hint = label("hint", wrap=True)
        self.table = table(6)
        self.people = label("", wrap=True)  # who took part in the selected activity
        self.people.setObjectName("points_queue_people")
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(row(buttons["approve"], buttons["reject"]))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.people)
        buttons["approve"].clicked.connect(self.approve)
        buttons["reject"].clicked.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._selected)
        self.waiting: list[dict] = []
        self.shown: dict | None = None  # the selected activity with its participants

    def retranslate(self) -> None:
        self.hint.setText(self.tr(
            "Points waiting for approval. The user who entered them cannot approve them."))
        self.buttons["approve"].setText(self.tr("Approve…"))
        self.buttons["reject"].setText(self.tr("Reject…"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Date"), self.tr("Title"), self.tr("Rule"), self.tr("People"),
            self.tr("Points"), self.tr("Entered by")])

    def set_waiting(self, waiting: list[dict]) -> None:
        """The activities waiting. Nothing is selected afterwards: after one approval the
        next row must not be approved by a second click."""
        self.waiting = waiting
        self.table.blockSignals(True)
        fill(self.table, [[a["held_on"], a["title"], a["rule_name"], a["participants"],
                           a["points"], a["entered_by"]] for a in waiting],
             [a["uuid"] for a in waiting])
        self.table.clearSelection()
        self.table.setCurrentItem(None)
        self.table.blockSignals(False)
        self._selected()

    def update_buttons(self) -> None:
        may = self.ctx.actor.may("write") or self.ctx.actor.may("sign_off")
        chosen = selected_key(self.table) is not None
        self.buttons["approve"].setEnabled(bool(may and chosen))
        self.buttons["reject"].setEnabled(bool(may and chosen))

    def _selected(self) -> None:
        from cunwu.services.points import activity

        self.update_buttons()
        self.shown = None
        uuid = selected_key(self.table)
        if uuid is None:
            self.people.setText("")
            return
        store = self.ctx.store
        self.ctx.tasks.run(lambda _p: activity(store, uuid), parent=self,
                           title=self.tr("Loading…"), show_progress=False,
                           on_success=self._show_people)

    def _show_people(self, act: dict) -> None:
        if act["uuid"] != selected_key(self.table):
            return  # another row was chosen meanwhile
        self.shown = act
        names = "、".join(f"{p['name']} {p['points']:+d}" for p in act["people"])
        self.people.setText(self.tr("Took part: {names}").format(names=names or "—"))

    def _chosen(self) -> dict | None:
        uuid = selected_key(self.table)
        if self.shown is not None and self.shown["uuid"] == uuid:
            return self.shown
        return None

    def approve(self) -> None:
        from cunwu.services.points import approve

        act = self._chosen()
        if act is None:
            return
        total = sum(p["points"] for p in act["people"])
        question = self.tr("Approve \"{title}\" ({date}): {n} people, {points} points in all? "
                           "The points then go to 公示 and cannot be approved again.").format(
            title=act["title"], date=act["held_on"], n=len(act["people"]), points=total)
        if not dialogs.ask(self, question, self.tr("Approve")):
            return
        store, actor, uuid = self.ctx.store, self.ctx.actor, act["uuid"]
        self.run(lambda: approve(store, actor, uuid), None)

    def reject(self) -> None:
        from cunwu.services.points import reject

        act = self._chosen()
        if act is None:
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("Reject"), self.tr("Why are the points of \"{title}\" rejected? "
                                             "The activity is removed; whoever entered it can "
                                             "enter it again.").format(title=act["title"]))
        if not ok:
            return
        store, actor, uuid = self.ctx.store, self.ctx.actor, act["uuid"]
        self.run(lambda: reject(store, actor, uuid, reason), None)

"""The participants of one activity with their points and state; during 公示 an objection
holds a person's points back, and an answer releases them or rejects them."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout,
                               QInputDialog, QPushButton, QTableWidget, QVBoxLayout, QWidget)

from cunwu.ui.errors import show_error
from cunwu.ui.widgets import fill, label, selected_key, sortable
from cunwu.ui.sizing import size_dialog


class ParticipantsDialog(QDialog):
    changed = Signal()

    def __init__(self, ctx, activity_uuid: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.uuid = ctx, activity_uuid
        self.task = None
        self.data: dict = {}
        self.setObjectName("pointsParticipants")
        self.setWindowTitle(self.tr("Participants"))
        size_dialog(self, 38, 20)
        self.heading = label("subtitle", wrap=True)
        self.table = QTableWidget(0, 6)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        sortable(self.table)
        self.table.setHorizontalHeaderLabels([
            self.tr("Name"), self.tr("Group"), self.tr("Quantity"), self.tr("Points"),
            self.tr("State"), self.tr("Objection / answer")])
        self.object_button = QPushButton(self.tr("Objection…"))
        self.dismiss_button = QPushButton(self.tr("Objection not upheld…"))
        self.uphold_button = QPushButton(self.tr("Objection upheld…"))
        self.object_button.clicked.connect(self.object_)
        self.dismiss_button.clicked.connect(lambda: self.resolve(False))
        self.uphold_button.clicked.connect(lambda: self.resolve(True))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        for b in (self.object_button, self.dismiss_button, self.uphold_button):
            row.addWidget(b)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        from cunwu.services.points import activity

        store, uuid = self.ctx.store, self.uuid
        self.task = self.ctx.tasks.run(lambda _p: activity(store, uuid), parent=self,
                                       title=self.tr("Loading…"), show_progress=False,
                                       on_success=self._loaded, on_done=self._done)

    def _done(self) -> None:
        self.task = None

    def _loaded(self, data: dict) -> None:
        self.data = data
        self.heading.setText(f"{data['title']}  {data['held_on']}  {data['rule_name']}")
        states = {"pending": self.tr("pending"), "held": self.tr("held by an objection"),
                  "posted": self.tr("posted"), "rejected": self.tr("rejected")}
        people = data["people"]
        fill(self.table, [[p["name"], p["group"], p["quantity"], p["points"],
                           states.get(p["state"], p["state"]),
                           " / ".join(x for x in (p["objection"], p["answer"]) if x)]
                          for p in people], [p["uuid"] for p in people])
        self._update_buttons()

    def _selected(self) -> dict | None:
        uuid = selected_key(self.table)
        return next((p for p in self.data.get("people", []) if p["uuid"] == uuid), None)

    def _update_buttons(self) -> None:
        p = self._selected()
        writer = self.ctx.actor.may("write")
        published = self.data.get("state") == "published"
        self.object_button.setEnabled(bool(writer and p and published and p["state"] == "pending"))
        held = bool(writer and p and p["state"] == "held")
        self.dismiss_button.setEnabled(held)
        self.uphold_button.setEnabled(held)

    def _act(self, work) -> None:
        def ok(_r):
            self.changed.emit()
            self.refresh()

        self.task = self.ctx.tasks.run(lambda _p: work(), parent=self, title=self.tr("Saving…"),
                                       show_progress=False, on_success=ok,
                                       on_failure=lambda e: show_error(self, e), on_done=self._done)

    def object_(self) -> None:
        from cunwu.services.points import object_to

        p = self._selected()
        if p is None:
            return
        text, ok = QInputDialog.getText(self, self.tr("Objection"), self.tr("What is the objection?"))
        if ok:
            store, actor = self.ctx.store, self.ctx.actor
            self._act(lambda: object_to(store, actor, p["uuid"], text))

    def resolve(self, uphold: bool) -> None:
        from cunwu.services.points import resolve

        p = self._selected()
        if p is None:
            return
        text, ok = QInputDialog.getText(self, self.tr("Answer"), self.tr("The answer given:"))
        if ok:
            store, actor = self.ctx.store, self.ctx.actor
            self._act(lambda: resolve(store, actor, p["uuid"], uphold=uphold, answer=text))

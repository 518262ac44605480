"""审计日志: who did what and when, newest first, a page at a time (as `cunwu audit list`), for
one user or everyone. The integrity check (`audit verify`) sits beside its button."""

from __future__ import annotations

import json

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QLabel, QPushButton,
                               QVBoxLayout, QWidget)

from cunwu import clock
from cunwu.ui.errors import show_error
from cunwu.ui.widgets import fill, label, row, table

PAGE = 200


class AuditLogDialog(QDialog):
    """Reads each page off the GUI thread; 'Older entries' appends the next one."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        from cunwu.services.accounts import list_users

        super().__init__(parent)
        self.ctx = ctx
        self.entries: list[dict] = []
        self.more = False
        self.task = None
        self.setObjectName("auditLogDialog")
        self.setWindowTitle(self.tr("Audit log"))
        layout = QVBoxLayout(self)
        layout.addWidget(label("hint", self.tr(
            "Every change, login and export is written here as it happens, in a chain that "
            "cannot be altered unnoticed (the data integrity check on the settings page tests "
            "it)."), wrap=True))
        self.user = QComboBox()
        self.user.setObjectName("auditUser")
        self.user.addItem(self.tr("Everyone"), "")
        for u in list_users(ctx.store):
            self.user.addItem(u.username, u.username)
        self.user.currentIndexChanged.connect(lambda _i: self.load())
        layout.addLayout(row(QLabel(self.tr("User")), self.user))
        self.table = table([self.tr("No."), self.tr("Time"), self.tr("User"), self.tr("Action"),
                            self.tr("Record"), self.tr("Details")], fit=True)
        self.table.setObjectName("auditEntries")
        layout.addWidget(self.table, 1)
        self.count = label("hint")
        self.older_button = QPushButton(self.tr("Older entries"))
        self.older_button.setObjectName("auditOlder")
        self.older_button.clicked.connect(self.load_older)
        layout.addLayout(row(self.older_button, self.count))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.resize(960, 560)
        self.load()

    def load(self) -> None:
        self.entries = []
        self._fetch(None)

    def load_older(self) -> None:
        if self.entries and self.more:
            self._fetch(self.entries[-1]["seq"])

    def _fetch(self, before: int | None) -> None:
        from cunwu.services.audit import list_entries

        if self.task is not None:
            return
        store, actor = self.ctx.store, self.user.currentData() or None
        self.older_button.setEnabled(False)
        self.task = self.ctx.tasks.run(
            lambda _p: list_entries(store, limit=PAGE, actor=actor, before=before), parent=self,
            title=self.windowTitle(), show_progress=False, on_success=self._fetched,
            on_failure=lambda e: show_error(self, e), on_done=self._done)

    def _fetched(self, page: list[dict]) -> None:
        self.entries += page
        self.more = len(page) == PAGE
        rows = [[e["seq"], clock.local_minute(e["at"]), e["actor"], e["action"], e["target"] or "",
                 json.dumps(e["detail"], ensure_ascii=False) if e["detail"] else ""]
                for e in self.entries]
        fill(self.table, rows)
        self.count.setText(self.tr("{n} entries shown").replace("{n}", str(len(self.entries))))

    def _done(self) -> None:
        self.task = None
        self.older_button.setEnabled(self.more)

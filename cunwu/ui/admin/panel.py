"""The settings page's box for accounts, the audit log and restoring a backup; each button
shows only for a role that may use it."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QGroupBox, QPushButton, QVBoxLayout, QWidget

from cunwu.ui.widgets import label, row


class AdminBox(QGroupBox):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog = None  # the dialog last opened
        self.hint = label("hint", wrap=True)
        self.users_button = QPushButton()
        self.users_button.setObjectName("manageUsers")
        self.users_button.clicked.connect(self.open_users)
        self.audit_button = QPushButton()
        self.audit_button.setObjectName("auditLog")
        self.audit_button.clicked.connect(self.open_audit_log)
        self.restore_button = QPushButton()
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.clicked.connect(lambda: self.restore())
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(row(self.users_button, self.audit_button, self.restore_button))
        # only once they are inside the box: shown before, each would be a window of its own
        self.users_button.setVisible(ctx.actor.may("manage_users"))
        self.restore_button.setVisible(ctx.actor.may("restore"))
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Accounts, audit log and restore"))
        self.hint.setText(self.tr(
            "Who may log in and with which role; the log of who did what; and, after a "
            "damaged or lost computer, putting a backup back in place of the records."))
        self.users_button.setText(self.tr("User accounts…"))
        self.audit_button.setText(self.tr("Audit log…"))
        self.restore_button.setText(self.tr("Restore a backup…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show(self, dialog):
        dialog.open()
        self.dialog = dialog
        return dialog

    def open_users(self):
        from cunwu.ui.admin.users import UsersDialog

        return self._show(UsersDialog(self.ctx, self))

    def open_audit_log(self):
        from cunwu.ui.admin.audit_log import AuditLogDialog

        return self._show(AuditLogDialog(self.ctx, self))

    def restore(self, file: str = ""):
        from cunwu.ui.admin.restore import restore_backup

        return restore_backup(self.ctx, self, file)

"""用户管理 (admin only): the accounts of this village's PC, a new account with its role, a
new password for someone who forgot theirs, and disabling or enabling an account — through
the same services as `cunwu users …`."""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from cunwu import clock
from cunwu.domain.accounts import MIN_PASSWORD_LENGTH, ROLE_LABELS, ROLES
from cunwu.errors import CunwuError
from cunwu.i18n import _ as core_
from cunwu.ui.dialogs import SavingDialog, ask
from cunwu.ui.errors import show_error
from cunwu.ui.widgets import fill, label, row, select_key, selected_key, table


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class UsersDialog(QDialog):
    """The list of accounts and what an admin does with them; each change is one task."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.users: list = []
        self.child: QDialog | None = None  # the add or password dialog last opened
        self.setObjectName("usersDialog")
        self.setWindowTitle(self.tr("User accounts"))
        layout = QVBoxLayout(self)
        layout.addWidget(label("hint", self.tr(
            "Everyone who uses cunwu on this computer logs in with an account of their own, so "
            "that the records say who did what. A disabled account can no longer log in; what "
            "its user recorded stays."), wrap=True))
        self.table = table([self.tr("User name"), self.tr("Name"), self.tr("Role"),
                            self.tr("State")], fit=True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        self.add_button = QPushButton(self.tr("New account…"))
        self.add_button.setObjectName("usersAdd")
        self.add_button.clicked.connect(self.add_user)
        self.password_button = QPushButton(self.tr("New password…"))
        self.password_button.setObjectName("usersResetPassword")
        self.password_button.clicked.connect(self.reset_password)
        self.disable_button = QPushButton(self.tr("Disable"))
        self.disable_button.setObjectName("usersDisable")
        self.disable_button.clicked.connect(lambda: self.set_active(False))
        self.enable_button = QPushButton(self.tr("Enable"))
        self.enable_button.setObjectName("usersEnable")
        self.enable_button.clicked.connect(lambda: self.set_active(True))
        layout.addLayout(row(self.add_button, self.password_button, self.disable_button,
                             self.enable_button))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.resize(720, 420)
        self.load()

    def load(self) -> None:
        from cunwu.services.accounts import list_users

        self.users = list_users(self.ctx.store)
        now = clock.now_utc()

        def state(u) -> str:
            if not u.active:
                return self.tr("disabled")
            if u.locked_until and u.locked_until > now:
                return self.tr("locked until {time}").replace(
                    "{time}", clock.local_minute(u.locked_until))
            return self.tr("active")

        fill(self.table, [[u.username, u.display_name, core_(ROLE_LABELS.get(u.role, u.role)),
                           state(u)] for u in self.users], keys=[u.username for u in self.users])
        self._update_buttons()

    def selected(self):
        name = selected_key(self.table)
        return next((u for u in self.users if u.username == name), None)

    def select(self, username: str) -> None:
        select_key(self.table, username)

    def _update_buttons(self) -> None:
        user = self.selected()
        self.password_button.setEnabled(user is not None)
        self.disable_button.setEnabled(user is not None and user.active
                                       and user.username != self.ctx.actor.username)
        self.enable_button.setEnabled(user is not None and not user.active)

    def add_user(self) -> "NewUserDialog":
        dialog = NewUserDialog(self.ctx, self)
        dialog.saved.connect(lambda user: (self.load(), self.select(user.username)))
        dialog.open()
        self.child = dialog
        return dialog

    def reset_password(self) -> "PasswordDialog | None":
        user = self.selected()
        if user is None:
            return None
        dialog = PasswordDialog(self.ctx, user.username, self)
        dialog.saved.connect(lambda _u: self.load())
        dialog.open()
        self.child = dialog
        return dialog

    def set_active(self, active: bool) -> None:
        from cunwu.services.user_admin import set_active

        user = self.selected()
        if user is None:
            return
        if not active and not ask(self, self.tr(
                "{name} will no longer be able to log in. What they recorded stays, and the "
                "account can be enabled again.").replace("{name}", user.username),
                self.tr("Disable")):
            return
        store, actor, name = self.ctx.store, self.ctx.actor, user.username
        self.ctx.tasks.run(lambda _p: set_active(store, actor, name, active), parent=self,
                           title=self.windowTitle(), show_progress=False,
                           on_success=lambda _u: (self.load(), self.select(name)),
                           on_failure=lambda e: show_error(self, e))


class NewUserDialog(SavingDialog):
    """A new account: user name, the person's name, role and a first password typed twice."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("newUserDialog")
        self.setWindowTitle(self.tr("New account"))
        self.username = QLineEdit()
        self.username.setPlaceholderText(self.tr("letters and digits, e.g. wenshu"))
        self.display_name = QLineEdit()
        self.display_name.setPlaceholderText(self.tr("e.g. 李会计"))
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(core_(ROLE_LABELS[role]), role)
        self.role.setCurrentIndex(self.role.findData("clerk"))
        self.password, self.again = _password_edit(), _password_edit()
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Name"), self.display_name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Password again"), self.again)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(label("hint", self.tr("At least {n} characters. Tell it to the person "
                                               "in private.").replace("{n}", str(MIN_PASSWORD_LENGTH)),
                               wrap=True))
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def values(self) -> dict:
        return {"username": self.username.text().strip(), "display_name": self.display_name.text(),
                "role": self.role.currentData(), "password": self.password.text(),
                "differ": self.tr("The two passwords differ.")
                if self.password.text() != self.again.text() else ""}

    def work(self, values: dict):
        from cunwu.services.accounts import add_user

        if values["differ"]:
            raise CunwuError("E_USAGE", detail=values["differ"])
        return add_user(self.ctx.store, self.ctx.actor, values["username"], values["role"],
                        values["password"], values["display_name"])


class PasswordDialog(SavingDialog):
    """A new password for one account, typed twice; a locked account is unlocked by it."""

    def __init__(self, ctx, username: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.username = username
        self.setObjectName("passwordDialog")
        self.setWindowTitle(self.tr("New password for {name}").replace("{name}", username))
        self.password, self.again = _password_edit(), _password_edit()
        form = QFormLayout()
        form.addRow(self.tr("New password"), self.password)
        form.addRow(self.tr("Password again"), self.again)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def values(self) -> dict:
        return {"username": self.username, "password": self.password.text(),
                "differ": self.tr("The two passwords differ.")
                if self.password.text() != self.again.text() else ""}

    def work(self, values: dict):
        from cunwu.services.user_admin import reset_password

        if values["differ"]:
            raise CunwuError("E_USAGE", detail=values["differ"])
        return reset_password(self.ctx.store, self.ctx.actor, values["username"], values["password"])

"""The login dialog (登录): user name and password, checked off the GUI thread; a wrong
password or a locked account is said in the dialog, which stays open. It may be shown before
the store is open: it says so, and 登录 (or Enter) waits for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPaintEvent
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout,
                               QWidget)

from cunwu.errors import CunwuError
from cunwu.ui.errors import error_code, error_text
from cunwu.ui.sizing import text_width
from cunwu.ui.tasks import TaskRunner
from cunwu.ui.widgets import label

if TYPE_CHECKING:  # the box is shown before SQLAlchemy has loaded
    from cunwu.domain.accounts import Actor
    from cunwu.store import Store


class LoginDialog(QDialog):
    painted = Signal()  # the first time only: the box is on screen
    opened = Signal()  # the store it was shown without is open now

    def __init__(self, store: Store | None, tasks: TaskRunner, village_name: str,
                 last_user: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.store, self.tasks = store, tasks
        self.actor: Actor | None = None
        self.failure: BaseException | None = None  # the store could not be opened
        self.task = None
        self.error = ""
        self._closed = False
        self._painted = False
        self._waiting = False  # 登录 was asked for before the store was open
        self.setMinimumWidth(text_width(self, 22))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 24)
        layout.setSpacing(14)
        self.village = label("title", village_name)
        self.village.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.village)
        self.subtitle = label("subtitle")
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.subtitle)

        form = QFormLayout()
        form.setVerticalSpacing(12)
        self.user_edit = QLineEdit(last_user)
        self.user_edit.setObjectName("loginUser")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("loginPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.user_name_label = label()
        self.password_label = label()
        form.addRow(self.user_name_label, self.user_edit)
        form.addRow(self.password_label, self.password_edit)
        layout.addLayout(form)

        self.message = label("error", wrap=True)
        self.message.setObjectName("loginMessage")
        self.message.setVisible(False)
        layout.addWidget(self.message)
        # While the store opens (an upgrade can take a while): the clerk may type meanwhile.
        self.status = label("hint", wrap=True)
        self.status.setObjectName("loginStatus")
        self.status.setVisible(store is None)
        layout.addWidget(self.status)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("loginOk")
        self.ok_button.setDefault(True)
        # Quit never becomes the default: while 登录 is disabled during a check, focus passes
        # to 退出, and an auto-default button with focus would take the next Enter.
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.ok_button.setEnabled(store is not None)

        (self.password_edit if last_user else self.user_edit).setFocus()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Log in — cunwu"))
        self.subtitle.setText(self.tr("Village affairs records"))
        self.user_name_label.setText(self.tr("User name"))
        self.password_label.setText(self.tr("Password"))
        self.status.setText(self.tr("Opening the data…"))
        self.ok_button.setText(self.tr("Log in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Quit"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.painted.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # QDialog's Enter presses the default button only while it is enabled; before the
        # store is open, Enter still means 登录 (it waits for the store).
        if self.store is None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()
            return
        super().keyPressEvent(event)

    def store_opened(self, store: Store, village_name: str) -> None:
        """The store is open: 登录 may be pressed, and one asked for already goes ahead."""
        self.store = store
        if village_name:
            self.village.setText(village_name)
        self.status.setVisible(False)
        self.opened.emit()
        if not self._waiting:
            self.ok_button.setEnabled(True)
        elif not self._closed:
            self._waiting = False
            self._check()

    def open_failed(self, exc: BaseException) -> None:
        """The store could not be opened: the box closes; run_window says why."""
        self.failure = exc
        self._closed = True
        super().reject()

    def accept(self) -> None:
        """Check the password on the worker thread; close only when it was right."""
        if self.task is not None or self._waiting:
            return
        if not self.user_edit.text().strip():
            self.show_message(self.tr("Type your user name."))
            self.user_edit.setFocus()
            return
        self.show_message("")
        self._set_busy(True)
        if self.store is None:
            self._waiting = True  # store_opened() goes on
            return
        self._check()

    def _check(self) -> None:
        from cunwu.services.accounts import login

        username = self.user_edit.text().strip()
        password = self.password_edit.text()
        store = self.store
        self.task = self.tasks.run(lambda progress: login(store, username, password),
                                   parent=self, title=self.tr("Checking the password…"),
                                   on_success=self._logged_in, on_failure=self._refused,
                                   show_progress=False)

    def reject(self) -> None:
        # A check still running ends unheard: quitting wins over a late "password right".
        self._closed = True
        if self.task is not None:
            self.task.cancel()
        super().reject()

    def _logged_in(self, actor: Actor) -> None:
        self.task = None
        self._set_busy(False)
        if self._closed:
            return
        self.actor = actor
        super().accept()

    def _refused(self, exc: BaseException) -> None:
        self.task = None
        self._set_busy(False)
        if self._closed:
            return
        text = error_text(exc)
        if not isinstance(exc, CunwuError):
            text = f"{text} ({error_code(exc)})"
        self.show_message(text)
        self.password_edit.clear()
        self.password_edit.setFocus()

    def show_message(self, text: str) -> None:
        self.error = text
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.user_edit, self.password_edit):
            widget.setEnabled(not busy)
        self.ok_button.setEnabled(not busy and self.store is not None)
        self.ok_button.setDefault(True)
        if busy:
            self.message.setProperty("role", "hint")
            self.message.setText(self.tr("Checking the password…"))
            self.message.setVisible(True)
        else:
            self.message.setProperty("role", "error")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

"""Logging in on the real window, and being refused."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from tests.ui.helpers import PASSWORD, log_in


def test_right_password_opens_the_window_on_home(qtbot, launcher):
    dialog = log_in(qtbot, launcher, "clerk", PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor.username == "clerk" and dialog.actor.role == "clerk"
    win = launcher.main_window(dialog.actor)
    qtbot.addWidget(win)
    win.show()
    assert win.current_page.key == "home"
    assert "clerk" in win.user_label.text()
    win.close()


def test_wrong_password_is_said_in_the_dialog_which_stays_open(qtbot, launcher):
    dialog = log_in(qtbot, launcher, "admin", "not-the-password")
    assert dialog.actor is None
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Wrong user name or password" in dialog.message.text()
    assert dialog.password_edit.text() == ""
    # and a second try with the right password gets in
    dialog.password_edit.setText(PASSWORD)
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10_000)
    assert dialog.actor is not None and not dialog.isVisible()


def test_unknown_user_and_empty_name(qtbot, launcher):
    dialog = log_in(qtbot, launcher, "nobody", PASSWORD)
    assert "Wrong user name or password" in dialog.message.text()
    dialog.user_edit.setText("")
    dialog.accept()
    assert dialog.task is None
    assert dialog.message.text() == "Type your user name."


def test_locked_account_message(qtbot, launcher):
    for _ in range(5):
        dialog = log_in(qtbot, launcher, "clerk", "wrong-password")
        dialog.close()
    dialog = log_in(qtbot, launcher, "clerk", PASSWORD)
    assert dialog.actor is None
    assert "locked" in dialog.message.text()


def test_last_user_is_offered_next_time(qtbot, launcher, window):
    assert launcher.login_dialog().user_edit.text() == "admin"


def test_enter_after_a_wrong_password_logs_in_and_never_quits(qtbot, launcher):
    """After a refusal the default button stays 登录: Enter with the right password logs in."""
    from PySide6.QtCore import Qt

    dialog = log_in(qtbot, launcher, "admin", "not-the-password")
    assert dialog.isVisible() and dialog.ok_button.isDefault()
    quit_button = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
    assert not quit_button.isDefault() and not quit_button.autoDefault()
    dialog.password_edit.setText(PASSWORD)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.task is None and not dialog.isVisible(), timeout=10_000)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.actor is not None

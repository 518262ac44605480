"""Helpers for the window tests: the shared password and logging in through the dialog."""

from __future__ import annotations

PASSWORD = "village-pass-1"  # the shared store fixture's password (tests/conftest.py)


def log_in(qtbot, launcher, user="admin", password=PASSWORD):
    """Type into the real login dialog and press OK; return the dialog once it has answered."""
    from PySide6.QtCore import Qt

    dialog = launcher.login_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.user_edit.setText(user)
    dialog.password_edit.setText(password)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10_000)
    return dialog


def wide_page_class():
    """A page far wider than an old screen, as a subject's page might be."""
    from PySide6.QtWidgets import QLabel, QVBoxLayout

    from cunwu.ui.pages.base import Page

    class WidePage(Page):
        key = "wide"

        def __init__(self, ctx, parent=None):
            super().__init__(ctx, parent)
            QVBoxLayout(self).addWidget(QLabel("x"))
            self.setMinimumSize(2400, 1600)

        def title(self):
            return "Wide"

    return WidePage


"""How the window shows a failure: a CunwuError's message plainly, anything else as
E_INTERNAL with the traceback in the log.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from cunwu.errors import CunwuError, internal_error

log = logging.getLogger("cunwu.ui")


def app_title() -> str:
    return QCoreApplication.translate("App", "cunwu village affairs")


def error_code(exc: BaseException) -> str:
    return exc.code if isinstance(exc, CunwuError) else "E_INTERNAL"


def error_text(exc: BaseException) -> str:
    """The words a clerk reads. A bug is logged with its traceback here, once."""
    if isinstance(exc, CunwuError):
        log.warning("refused: %s", exc.code)
        return exc.message
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    return internal_error(exc).message


def message_box(parent: QWidget | None, text: str, *, code: str = "",
                critical: bool = False) -> QMessageBox:
    """The message in the clerk's words; the stable code beneath it for the support call."""
    icon = QMessageBox.Icon.Critical if critical else QMessageBox.Icon.Warning
    box = QMessageBox(icon, app_title(), text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("cunwuMessage")
    if code:
        box.setInformativeText(
            QCoreApplication.translate("Errors", "Error code: {code}").format(code=code))
    return box


def show_error(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """A window-modal box that does not block the caller: the event loop keeps running."""
    box = message_box(parent, error_text(exc), code=error_code(exc))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box

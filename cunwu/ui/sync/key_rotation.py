"""更换密钥 on the sync page, as `cunwu sync rotate-key`: after a question that says what will
happen, a new signing key that the next bundle announces and that signs once the district
has confirmed it; the current key signs until then."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from cunwu.ui.dialogs import ask
from cunwu.ui.sync.fingerprint import readable


translate = QCoreApplication.translate  # named so that pyside6-lupdate finds the strings


def rotate_key(page):
    """Runs on the sync page (its passphrase, result line and refresh); returns the task, or
    None when the clerk stopped."""
    from cunwu.services.sync import rotate_key as rotate

    question = translate("KeyRotation", "A new signing key will be made. The next bundle "
                         "announces it to the district, and it signs from when the district "
                         "confirms it; the current key signs until then. Do this when someone "
                         "else may have seen the key.")
    if not ask(page, question, translate("KeyRotation", "Make a new key")):
        return None
    go, passphrase = page.ask_passphrase()
    if not go:
        return None
    store, actor = page.ctx.store, page.ctx.actor

    def made(key) -> None:
        page.result.setText(translate(
            "KeyRotation", "New key made. Export a bundle so that the district learns it; read "
            "its fingerprint to the district when asked:\n{fp}").replace(
                "{fp}", readable(key.fingerprint)))

    return page.run_task(lambda _p: rotate(store, actor, passphrase),
                         title=translate("KeyRotation", "Making a new key…"), on_success=made,
                         on_failure=page._failed, on_done=page.refresh)

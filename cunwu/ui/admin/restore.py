"""恢复备份 (admin only), as `cunwu restore` does it: a question that says what will happen,
then the store closed and the window's lock let go (the restore refuses while a window holds
them), the service keeps what is there as a backup and puts the chosen one in its place, and
the store opens again. Everyone then logs in again: the accounts are the backup's now."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from cunwu.ui.dialogs import ask
from cunwu.ui.errors import app_title, show_error


translate = QCoreApplication.translate  # named so that pyside6-lupdate finds the strings


def restore_backup(ctx, parent: QWidget, file: str = ""):
    """Ask for the file (unless given) and for a yes; returns the task, or None if the admin
    stopped. On success the main window closes for a new login (app.run_window)."""
    from cunwu.services.backup import restore

    if ctx.tasks.busy:  # a refresh still reads the store: closing it under it would fail
        QMessageBox.information(parent, app_title(), translate(
            "RestoreBackup", "cunwu is still busy; try again in a moment."))
        return None
    if not file:
        file, _filter = QFileDialog.getOpenFileName(
            parent, translate("RestoreBackup", "Restore a backup"), str(ctx.paths.backups),
            translate("RestoreBackup", "cunwu backups (*.sqlite3);;All files (*)"))
    if not file:
        return None
    question = translate("RestoreBackup", "Every record will be replaced by the backup {name}. "
                         "The records as they are now are kept as a backup first. Everyone "
                         "logs in again afterwards.").replace("{name}", Path(file).name)
    if not ask(parent, question, translate("RestoreBackup", "Restore")):
        return None
    actor, paths = ctx.actor, ctx.paths
    window = parent.window()

    def restored(result: dict) -> None:
        saved = Path(result["previous_saved_as"]).name or "-"
        text = translate("RestoreBackup", "The backup is restored. The records as they were are "
                         "kept in {saved}. Log in again.").replace("{saved}", saved)
        box = QMessageBox(QMessageBox.Icon.Information, app_title(), text,
                          QMessageBox.StandardButton.Ok, window)
        box.setObjectName("restoreDone")
        box.finished.connect(lambda _r: log_out(window))
        box.open()

    return ctx.tasks.run(lambda _p: ctx.replace_store(lambda: restore(paths, Path(file), actor)),
                         parent=window, title=translate("RestoreBackup", "Restoring the backup…"),
                         on_success=restored, on_failure=lambda e: show_error(parent, e))


def log_out(window: QWidget) -> None:
    """Close the main window for the login box, without asking about unsaved edits: what
    they were made on is gone."""
    if hasattr(window, "logged_out"):
        window.logged_out = True
    window.close()

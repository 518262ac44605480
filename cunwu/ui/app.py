"""Starting the window: the QApplication, the bundled font, preferences, the one-window lock,
the store, the login dialog and the main window, in that order (`run_window`).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog

from cunwu.config import Paths
from cunwu.domain.accounts import Actor
from cunwu.errors import CunwuError
from cunwu.services.village import village_summary
from cunwu.store import Store
from cunwu.store.lock import WindowLock
from cunwu.ui.collector import GuiThreadCollector
from cunwu.ui.context import WindowContext
from cunwu.ui.errors import error_code, error_text, message_box
from cunwu.ui.login import LoginDialog
from cunwu.ui.main_window import MainWindow
from cunwu.ui.preferences import Preferences, load_bundled_font
from cunwu.ui.tasks import TaskRunner

log = logging.getLogger("cunwu.ui")


def application() -> QApplication:
    """The process's QApplication (made once), with the bundled Chinese font registered."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("cunwu")
    # One look on every Windows version, the one the style sheet was drawn against.
    app.setStyle("Fusion")
    load_bundled_font()
    return app


class Launcher:
    """The steps from start to main window, each callable on its own so that tests can drive
    them without an event loop of their own."""

    def __init__(self, app: QApplication, data_dir: Path) -> None:
        self.app = app
        self.paths = Paths(Path(data_dir))
        self.prefs = Preferences(app, self.paths)
        self.prefs.apply()  # so that even a refusal below speaks the chosen language
        self.tasks = TaskRunner()
        self.lock: WindowLock | None = None
        self.store: Store | None = None
        self.village: dict = {}

    def open(self) -> None:
        """Take the window lock, then open the store; raises CunwuError and holds nothing."""
        try:
            lock = WindowLock(self.paths)
            lock.acquire()
        except OSError as e:  # the folder cannot be made or written: say so, not a traceback
            log.warning("window lock in %s: %s", self.paths.data_dir, e)
            raise CunwuError("E_DATA_DIR_NOT_WRITABLE", path=str(self.paths.data_dir)) from e
        try:
            store = Store.open(self.paths.data_dir)
        except BaseException:
            lock.release()
            raise
        self.lock, self.store = lock, store
        self.village = village_summary(store)

    def login_dialog(self) -> LoginDialog:
        return LoginDialog(self.store, self.tasks, self.village.get("name", ""),
                           last_user=str(self.prefs.settings.extra.get("last_user", "")))

    def main_window(self, actor: Actor) -> MainWindow:
        if self.prefs.settings.extra.get("last_user") != actor.username:
            self.prefs.settings.extra["last_user"] = actor.username
            self.prefs.save()
        ctx = WindowContext(store=self.store, actor=actor, paths=self.paths, prefs=self.prefs,
                            tasks=self.tasks, village=self.village)

        def replace_store(work):
            try:
                return self.replace_store(work)
            finally:
                ctx.store = self.store

        ctx.replace_store = replace_store
        return MainWindow(ctx)

    def replace_store(self, work):
        """Close the store and let go of the lock, run work() (a restore: `cunwu restore`
        refuses while a window holds them), then take both again, even when work failed."""
        self.store.close()
        self.lock.release()
        self.store = self.lock = None
        try:
            return work()
        finally:
            self.open()

    def close(self) -> None:
        """Wait for background work, then let go of the store and the lock."""
        self.tasks.shutdown()
        if self.store is not None:
            self.store.close()
            self.store = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def _log_uncaught(kind, value, tb) -> None:
    """A bug in a slot: log it and tell the clerk, instead of Qt printing to no one."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    value.__traceback__ = tb
    message_box(QApplication.activeWindow(), error_text(value), code=error_code(value)).exec()


def run_window(data_dir: Path) -> int:
    """`cunwu` without a command: 0 after the window was closed or login cancelled, 1 when it
    could not open (already open, no store, damaged store, unwritable folder)."""
    app = application()
    launcher = Launcher(app, data_dir)
    try:
        launcher.open()
    except Exception as e:  # a windowed program has no terminal: every refusal is a box
        message_box(None, error_text(e), code=error_code(e), critical=True).exec()
        launcher.close()
        return 1
    collector = GuiThreadCollector()
    try:
        while True:  # again after 换人登录 (log out): the login box, then a fresh window
            dialog = launcher.login_dialog()
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
                return 0
            window = launcher.main_window(dialog.actor)
            window.show()
            collector.settle()
            previous_hook, sys.excepthook = sys.excepthook, _log_uncaught
            try:
                code = app.exec()
            finally:
                sys.excepthook = previous_hook
            if not window.logged_out:
                return code
            window.deleteLater()
    finally:
        launcher.close()
        collector.stop()

"""Starting the window (`run_window`): the QApplication, the bundled font, preferences and the
one-window lock, then the login box at once; the store opens and upgrades behind it.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QDialog

from cunwu.config import Paths
from cunwu.errors import CunwuError
from cunwu.store.lock import WindowLock
from cunwu.ui.collector import GuiThreadCollector
from cunwu.ui.errors import error_code, error_text, message_box
from cunwu.ui.login import LoginDialog
from cunwu.ui.preferences import Preferences, load_bundled_font
from cunwu.ui.tasks import Task, TaskRunner

if TYPE_CHECKING:  # SQLAlchemy and the pages load behind the login box, not before it
    from cunwu.domain.accounts import Actor
    from cunwu.store import Store
    from cunwu.ui.main_window import MainWindow

log = logging.getLogger("cunwu.ui")


def application() -> QApplication:
    """The process's QApplication (made once), with the bundled Chinese font registered."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("cunwu")
    # One look on every Windows version, the one the style sheet was drawn against.
    app.setStyle("Fusion")
    load_bundled_font()
    return app


def _opened(data_dir: Path) -> tuple[Store, dict]:
    """Open (and upgrade) the store and read the village; what logging in and the home page's
    providers import next is imported here too, while the clerk types."""
    from cunwu.services import accounts  # noqa: F401  (imported for later, see above)
    from cunwu.services.home import PROVIDERS
    from cunwu.services.village import village_summary
    from cunwu.store import Store
    from cunwu.subjects import load

    for spec in PROVIDERS:
        load(spec)
    store = Store.open(data_dir)
    try:
        return store, village_summary(store)
    except BaseException:
        store.close()
        raise


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
        self.opening: Task | None = None

    def take_lock(self) -> None:
        """The one-window lock; raises CunwuError (already open, folder not writable)."""
        try:
            lock = WindowLock(self.paths)
            lock.acquire()
        except OSError as e:  # the folder cannot be made or written: say so, not a traceback
            log.warning("window lock in %s: %s", self.paths.data_dir, e)
            raise CunwuError("E_DATA_DIR_NOT_WRITABLE", path=str(self.paths.data_dir)) from e
        self.lock = lock

    def open(self) -> None:
        """Take the window lock, then open the store; raises CunwuError and holds nothing."""
        self.take_lock()
        try:
            self.store, self.village = _opened(self.paths.data_dir)
        except BaseException:
            self.lock.release()
            self.lock = None
            raise

    def open_in_background(self, on_open, on_failure) -> Task:
        """The store opened on the worker thread (the lock is already taken): on_open() once
        it is, on_failure(exc) when it cannot be (the lock is let go then)."""
        data_dir = self.paths.data_dir

        def work(_progress):
            # Kept here as well as handed back: should the login box be gone before the
            # answer arrives, close() still finds the store to close.
            self.store, self.village = _opened(data_dir)
            return self.store

        def failed(exc: BaseException) -> None:
            if self.lock is not None:
                self.lock.release()
                self.lock = None
            on_failure(exc)

        def ended() -> None:
            self.opening = None

        self.opening = self.tasks.run(work, parent=None, title="", on_success=lambda _s: on_open(),
                                      on_failure=failed, on_done=ended, show_progress=False)
        return self.opening

    def login_dialog(self) -> LoginDialog:
        """The login box; while the store is not open yet, it opens once the box has painted,
        and the box says so and waits for it."""
        dialog = LoginDialog(self.store, self.tasks, self.village.get("name", ""),
                             last_user=str(self.prefs.settings.extra.get("last_user", "")))
        if self.store is None:
            def ready() -> None:
                dialog.store_opened(self.store, self.village.get("name", ""))

            dialog.painted.connect(lambda: self.opening or self.open_in_background(
                ready, dialog.open_failed))
        return dialog

    def main_window(self, actor: Actor) -> MainWindow:
        from cunwu.ui.context import WindowContext
        from cunwu.ui.main_window import MainWindow

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
        """Wait for background work (an opening store too), then let go of the store and
        the lock."""
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


def _refuse(exc: BaseException) -> int:
    # A windowed program has no terminal: every refusal is a box.
    message_box(None, error_text(exc), code=error_code(exc), critical=True).exec()
    return 1


def run_window(data_dir: Path) -> int:
    """`cunwu` without a command: 0 after the window was closed or login cancelled, 1 when it
    could not open (already open, no store, damaged store, unwritable folder)."""
    app = application()
    launcher = Launcher(app, data_dir)
    try:
        launcher.take_lock()
    except Exception as e:
        launcher.close()
        return _refuse(e)
    # Before the store opens on the worker thread: from here on only the GUI thread collects.
    collector = GuiThreadCollector()
    try:
        while True:  # again after 换人登录 (log out): the login box, then a fresh window
            dialog = launcher.login_dialog()
            # The libraries the store loaded are long-lived: settled while the clerk types,
            # not walked by the first collection after Enter (~0.1 s).
            dialog.opened.connect(collector.settle)
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            if dialog.failure is not None:
                return _refuse(dialog.failure)
            if not accepted or dialog.actor is None:
                return 0
            window = launcher.main_window(dialog.actor)
            # Once the other pages are built too: their long-lived objects are settled then.
            window.built.connect(collector.settle)
            window.show()
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

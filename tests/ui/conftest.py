"""Window fixtures: a launcher on the test store, and a logged-in main window."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread():
    """As in the running window (cunwu/ui/collector.py): a cycle collection on a worker thread
    would free Qt objects there and crash, so collect here, between tests, instead."""
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    yield
    gc.collect()
    # What is left is long-lived (libraries, caches): moved out of the way as the window's
    # collector settles it, so the next test's collection walks only what came after.
    gc.freeze()
    if was_enabled:
        gc.enable()


@pytest.fixture(autouse=True)
def _english_normal_size_after(qapp):
    """Each test starts and ends with English source strings at the normal size."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    from cunwu.config import Paths
    from cunwu.ui.preferences import Preferences

    # The test's windows go now, the closed ones and any it left open: a font or style change
    # re-polishes every live widget, and each test's launcher applies the preferences, so
    # widgets kept from earlier tests made every later one slower (2 s a test by the end).
    for widget in qapp.topLevelWidgets():
        if widget.parentWidget() is None:
            widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    prefs = Preferences(qapp, Paths(Path("/nonexistent")))
    prefs.apply_language("en")
    prefs.apply_font_size("normal")


@pytest.fixture
def launcher(qapp, store, data_dir):
    from cunwu.config import Paths, Settings
    from cunwu.ui.app import Launcher

    # Tests read English unless they switch; the installation default stays zh_CN.
    Settings(language="en").save(Paths(data_dir).settings)
    launcher = Launcher(qapp, data_dir)
    launcher.open()
    yield launcher
    launcher.close()


@pytest.fixture
def window(qtbot, launcher):
    """The main window as admin. Logging in through the dialog is tested on its own
    (test_login.py, test_startup.py); here it would only add a password hash per test."""
    from cunwu.services.village import admin_actor

    win = launcher.main_window(admin_actor(launcher.store, "admin"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    home = win.pages["home"]
    qtbot.waitUntil(lambda: home.loaded, timeout=10_000)
    yield win
    win.close()

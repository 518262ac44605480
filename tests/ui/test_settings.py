"""The settings page: font size and language apply at once and are remembered; backup."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from cunwu.config import FONT_SIZES, Settings


def saved(launcher) -> dict:
    return json.loads(launcher.paths.settings.read_text(encoding="utf-8"))


def test_normal_size_is_large_enough_by_default(window):
    assert QApplication.font().pointSize() == FONT_SIZES["normal"] == 12


def test_font_size_applies_at_once_and_is_saved(qtbot, window, launcher):
    page = window.show_page("settings")
    qtbot.mouseClick(page.font_buttons["xlarge"], Qt.MouseButton.LeftButton)
    assert QApplication.font().pointSize() == FONT_SIZES["xlarge"]
    assert page.font_buttons["normal"].font().pointSize() == FONT_SIZES["xlarge"]
    assert window.pages["about"].values["user"].font().pointSize() == FONT_SIZES["xlarge"]
    assert window.nav.font().pointSize() == FONT_SIZES["xlarge"] + 1  # the list stands out
    assert saved(launcher)["font_size"] == "xlarge"
    assert Settings.load(launcher.paths.settings).font_size == "xlarge"
    qtbot.mouseClick(page.font_buttons["large"], Qt.MouseButton.LeftButton)
    assert QApplication.font().pointSize() == FONT_SIZES["large"]
    assert saved(launcher)["font_size"] == "large"


def test_language_switches_live_and_is_saved(qtbot, window, launcher):
    page = window.show_page("settings")
    assert page.heading.text() == "Settings"
    assert window.nav.item(0).text() == "Home"
    qtbot.mouseClick(page.language_buttons["zh_CN"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.heading.text() == "设置", timeout=5_000)  # posted events
    assert window.nav.item(0).text() == "首页"
    assert window.pages["home"].heading.text() == "首页"
    assert window.user_label.text().startswith("当前用户：admin")  # core words too
    assert saved(launcher)["language"] == "zh_CN"
    # Qt's own buttons follow
    box = QMessageBox(QMessageBox.Icon.Information, "", "", QMessageBox.StandardButton.Cancel)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "取消"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
    assert buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "确定"

    qtbot.mouseClick(page.language_buttons["en"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.heading.text() == "Settings", timeout=5_000)
    assert window.nav.item(0).text() == "Home"
    assert saved(launcher)["language"] == "en"


def test_backup_now_runs_as_a_task_and_writes_a_file(qtbot, window, launcher):
    page = window.show_page("settings")
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    assert not page.backup_button.isEnabled()  # the click returned at once; work runs behind
    qtbot.waitUntil(lambda: page.last_backup is not None, timeout=10_000)
    assert page.last_backup.exists()
    assert page.last_backup.parent == launcher.paths.backups
    assert page.last_backup.stat().st_size > 0
    assert str(page.last_backup) in page.backup_result.text()
    assert page.backup_button.isEnabled()


def test_backup_failure_is_shown_plainly(qtbot, window, launcher, monkeypatch):
    from cunwu.errors import CunwuError
    from cunwu.ui.pages import settings

    def refuse(store, actor, progress=None):
        raise CunwuError("E_BACKUP_WRITE", path="/nowhere/x.sqlite3", detail="disk full")

    monkeypatch.setattr(settings, "backup", refuse)
    page = window.show_page("settings")
    page.backup_now()
    qtbot.waitUntil(lambda: page.backup_button.isEnabled(), timeout=10_000)
    assert "could not be written to /nowhere/x.sqlite3: disk full" in page.backup_result.text()


def test_cancelled_backup_gives_the_button_back(qtbot, window, launcher, monkeypatch):
    import threading

    from cunwu.ui.pages import settings

    release = threading.Event()

    def slow_backup(store, actor, progress=None):
        while not release.wait(0.01):
            progress(0, 1)

    monkeypatch.setattr(settings, "backup", slow_backup)
    page = window.show_page("settings")
    task = page.backup_now()
    assert page.backup_result.text() == "Backing up…"
    with qtbot.waitSignal(task.done, timeout=5_000):
        task.cancel()
    release.set()
    assert page.backup_button.isEnabled()
    assert page.backup_result.text() == "The backup was cancelled."
    assert page.last_backup is None

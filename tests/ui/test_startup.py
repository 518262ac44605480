"""Starting the window: run_window end to end, refusals before login, remembered geometry."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from cunwu.config import Paths, Settings
from cunwu.errors import CunwuError
from cunwu.ui.app import Launcher, run_window
from cunwu.ui.login import LoginDialog
from cunwu.ui.main_window import MainWindow
from tests.ui.helpers import PASSWORD, log_in


def english(data_dir) -> None:
    Settings(language="en").save(Paths(data_dir).settings)


def run_with(data_dir, *steps):
    """run_window with each step called on the first top-level widget it accepts.

    A step returns True when it has done its part; the next step then waits for its widget.
    """
    seen, pending = [], list(steps)

    def poll():
        if not pending:
            return
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and pending[0](widget, seen):
                pending.pop(0)
                break
        QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)
    return run_window(data_dir), seen


def close_message(widget, seen) -> bool:
    if isinstance(widget, QMessageBox):
        seen.append(widget.text())
        widget.accept()
        return True
    return False


def test_second_window_on_the_same_folder_is_refused(qtbot, launcher, data_dir):
    # `launcher` holds the window lock, as a first window would.
    code, seen = run_with(data_dir, close_message)
    assert code == 1
    assert seen == [CunwuError("E_WINDOW_ALREADY_OPEN").message]


def test_missing_store_is_refused_with_its_message(qtbot, tmp_path):
    empty = tmp_path / "empty"
    english(empty)
    code, seen = run_with(empty, close_message)
    assert code == 1
    assert "There is no cunwu database in" in seen[0]
    Launcher(QApplication.instance(), empty).close()  # the lock was let go
    lock = Launcher(QApplication.instance(), empty)
    with pytest.raises(CunwuError) as e:
        lock.open()
    assert e.value.code == "E_STORE_MISSING"


def test_damaged_store_is_refused_with_its_message(qtbot, store, data_dir):
    store.close()
    Paths(data_dir).db.write_bytes(b"this is not a database" * 100)
    english(data_dir)
    code, seen = run_with(data_dir, close_message)
    assert code == 1
    assert "is damaged" in seen[0]


def test_refusal_is_in_chinese_by_default(qtbot, launcher, data_dir):
    Paths(data_dir).settings.unlink()
    code, seen = run_with(data_dir, close_message)
    assert code == 1
    assert seen == ["村务软件已经在这个数据文件夹上打开了。请切换到已打开的窗口。"] or \
        "已经" in seen[0]
    launcher.prefs.apply_language("en")


def test_run_window_logs_in_and_closes_with_exit_code_0(qtbot, store, data_dir):
    english(data_dir)

    def type_password(widget, seen):
        if isinstance(widget, LoginDialog) and widget.task is None:
            widget.user_edit.setText("supervisor")
            widget.password_edit.setText(PASSWORD)
            widget.accept()
            return True
        return False

    def close_window(widget, seen):
        if isinstance(widget, MainWindow) and widget.pages["home"].loaded:
            seen.append((widget.ctx.actor.username, widget.current_page.key))
            widget.close()
            return True
        return False

    code, seen = run_with(data_dir, type_password, close_window)
    assert code == 0
    assert seen == [("supervisor", "home")]
    # the lock is free again: the next start gets in
    again = Launcher(QApplication.instance(), data_dir)
    again.open()
    again.close()


def test_cancelled_login_exits_0(qtbot, store, data_dir):
    english(data_dir)

    def quit_login(widget, seen):
        if isinstance(widget, LoginDialog):
            widget.reject()
            return True
        return False

    code, _seen = run_with(data_dir, quit_login)
    assert code == 0


def test_window_restores_its_saved_size_and_place(qtbot, launcher):
    actor = log_in(qtbot, launcher).actor
    first = launcher.main_window(actor)
    qtbot.addWidget(first)
    first.show()
    first.setGeometry(37, 52, 700, 500)
    qtbot.waitUntil(lambda: first.size().width() == 700)
    first.close()
    geometry = Settings.load(launcher.paths.settings).window_geometry
    assert geometry

    second = Launcher(QApplication.instance(), launcher.paths.data_dir).prefs
    assert second.settings.window_geometry == geometry
    again = launcher.main_window(actor)
    qtbot.addWidget(again)
    again.show()
    assert (again.width(), again.height()) == (700, 500)
    assert (again.geometry().x(), again.geometry().y()) == (37, 52)
    again.close()


def test_first_start_fits_a_small_screen(qtbot, launcher):
    actor = log_in(qtbot, launcher).actor
    window = launcher.main_window(actor)
    qtbot.addWidget(window)
    available = QApplication.primaryScreen().availableGeometry()
    assert window.width() <= min(1100, available.width())
    assert window.height() <= min(720, available.height())


def test_settings_file_is_not_a_reason_to_stop(qtbot, launcher):
    sqlite3  # the store itself is checked elsewhere; a bad settings file only means defaults
    launcher.paths.settings.write_text("{not json", encoding="utf-8")
    prefs = Launcher(QApplication.instance(), launcher.paths.data_dir).prefs
    assert prefs.settings.language == "zh_CN" and prefs.settings.font_size == "normal"
    prefs.apply_language("en")


def test_an_oversized_page_scrolls_instead_of_widening_the_window(qtbot, launcher, monkeypatch):
    from cunwu.ui import main_window
    from tests.ui import helpers

    monkeypatch.setattr(helpers, "WidePage", helpers.wide_page_class(), raising=False)
    monkeypatch.setattr(main_window, "PAGES",
                        (*main_window.PAGES, "tests.ui.helpers:WidePage"))
    window = launcher.main_window(log_in(qtbot, launcher).actor)
    qtbot.addWidget(window)
    window.show()
    assert window.minimumSizeHint().width() < 1024
    assert window.minimumSizeHint().height() < 700
    assert window.show_page("wide").isVisible()


def test_unusable_data_folder_is_refused_with_its_message(qtbot, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code, seen = run_with(blocker / "data", close_message)
    assert code == 1
    assert "无法写入" in seen[0]  # no settings file can exist there: the default, Chinese


def test_cunwu_without_a_command_opens_the_window(monkeypatch, tmp_path):
    from cunwu import cli
    from cunwu.ui import app

    opened = []
    monkeypatch.setattr(app, "run_window", lambda data_dir: opened.append(data_dir) or 7)
    assert cli.main(["--data-dir", str(tmp_path / "d")]) == 7
    assert opened == [tmp_path / "d"]


def test_a_bug_while_opening_is_a_box_too_not_a_silent_exit(qtbot, store, data_dir, monkeypatch):
    from cunwu.store import Store

    def broken(cls, folder):
        raise RuntimeError("boom")

    monkeypatch.setattr(Store, "open", classmethod(broken))
    english(data_dir)
    code, seen = run_with(data_dir, close_message)
    assert code == 1
    assert "Something went wrong inside cunwu: RuntimeError" in seen[0]
    again = Launcher(QApplication.instance(), data_dir)  # and the lock was let go
    monkeypatch.undo()
    again.open()
    again.close()


def test_first_start_opens_maximized(qtbot, launcher):
    window = launcher.main_window(log_in(qtbot, launcher).actor)
    qtbot.addWidget(window)
    window.show()
    assert window.isMaximized()


def test_login_box_shows_before_the_store_is_open_and_enter_waits_for_it(
        qtbot, store, data_dir, monkeypatch):
    """The box is on screen while the store opens (正在打开数据…, 登录 not yet enabled); Enter
    typed meanwhile logs in once it is open."""
    import threading

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from cunwu.store import Store

    store.close()
    release = threading.Event()
    real_open = Store.open.__func__

    def slow_open(cls, folder):
        assert release.wait(30)
        return real_open(cls, folder)

    monkeypatch.setattr(Store, "open", classmethod(slow_open))
    english(data_dir)

    def type_and_press_enter(widget, seen):
        if not isinstance(widget, LoginDialog):
            return False
        seen.append((widget.status.isVisible(), widget.status.text(),
                     widget.ok_button.isEnabled(), widget.store is None))
        widget.user_edit.setText("supervisor")
        widget.password_edit.setText(PASSWORD)
        QTest.keyClick(widget.password_edit, Qt.Key.Key_Return)
        seen.append(widget.isVisible())  # still there, waiting for the store
        release.set()
        return True

    def close_window(widget, seen):
        if isinstance(widget, MainWindow) and widget.pages["home"].loaded:
            seen.append(widget.ctx.actor.username)
            widget.close()
            return True
        return False

    code, seen = run_with(data_dir, type_and_press_enter, close_window)
    assert code == 0
    assert seen == [(True, "Opening the data…", False, True), True, "supervisor"]


def test_a_store_too_new_is_refused_after_the_box_with_its_message(qtbot, store, data_dir):
    store.close()
    with sqlite3.connect(Paths(data_dir).db) as conn:
        conn.execute("INSERT INTO alembic_version VALUES ('from_the_future')")
    english(data_dir)
    code, seen = run_with(data_dir, close_message)
    assert code == 1
    assert seen and "newer" in seen[0]

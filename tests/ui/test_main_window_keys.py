"""The main window's keys (F1, Ctrl+F/N/P), logging out to switch user, and the question
before closing over unsaved edits."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from cunwu.domain.idnumbers import make
from cunwu.services import residents
from cunwu.ui.main_window import KEY_TARGETS, MainWindow, key_target


def test_every_key_target_still_exists(window):
    for action, pages in KEY_TARGETS.items():
        for key in pages:
            assert key_target(window.pages[key], action) is not None, (action, key)


def test_ctrl_f_puts_the_cursor_in_the_search_box(qtbot, window):
    window.activateWindow()
    page = window.show_page("residents")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    points = window.show_page("points")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert points.tabs.currentWidget() is points.counter and points.counter.search.hasFocus()


def test_ctrl_n_opens_a_new_resident(qtbot, window):
    from cunwu.ui.residents.new_person_dialog import NewPersonDialog

    window.activateWindow()
    page = window.show_page("residents")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialogs = [d for d in page.findChildren(NewPersonDialog) if d.isVisible()]
    assert dialogs
    for d in dialogs:
        d.reject()


def test_f1_shows_the_keys(qtbot, window):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    box = window.findChild(QMessageBox, "helpBox")
    assert box is not None and box.isVisible() and "Ctrl+F" in box.text()
    box.accept()


@pytest.fixture
def edited_person(qtbot, window, store, clerk):
    person = residents.add_person(store, clerk, name="张伟强",
                                  id_number=make("330106", dt.date(1960, 5, 5), 11))
    dialog = window.show_page("residents").open_person(person.uuid)
    assert not dialog.unsaved()  # opened and read only: nothing to ask about
    dialog.form.phone_edit.setText("13912345678")
    assert dialog.unsaved()
    return dialog


def test_closing_over_unsaved_edits_asks_first(qtbot, window, edited_person, monkeypatch):
    asked = []
    answer = QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or answer)
    window.close()
    assert asked and window.isVisible() and edited_person.isVisible()
    edited_person.reject()  # the dialog asks too
    assert len(asked) == 2 and edited_person.isVisible()
    answer = QMessageBox.StandardButton.Yes
    window.close()
    assert not window.isVisible() and not edited_person.isVisible()


def test_log_out_and_let_someone_else_log_in(qtbot, store, data_dir):
    from tests.ui.test_startup import english, run_with
    from tests.ui.helpers import PASSWORD
    from cunwu.ui.login import LoginDialog

    english(data_dir)

    def log_in_as(user):
        def step(widget, seen):
            if isinstance(widget, LoginDialog) and widget.task is None and not widget.actor:
                widget.user_edit.setText(user)
                widget.password_edit.setText(PASSWORD)
                widget.accept()
                return True
            return False
        return step

    def then(action):
        def step(widget, seen):
            if isinstance(widget, MainWindow) and widget.pages["home"].loaded:
                seen.append(widget.ctx.actor.username)
                action(widget)
                return True
            return False
        return step

    code, seen = run_with(data_dir, log_in_as("supervisor"),
                          then(lambda w: w.logout_button.click()),
                          log_in_as("clerk"), then(lambda w: w.close()))
    assert code == 0 and seen == ["supervisor", "clerk"]
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, MainWindow) and w.isVisible()]


def test_only_the_home_page_is_built_before_the_window_shows(qtbot, launcher):
    """Logging in shows the home page without waiting for the other pages; they follow once
    the window is on screen, or at once when asked for."""
    from cunwu.services.village import admin_actor

    win = launcher.main_window(admin_actor(launcher.store, "admin"))
    qtbot.addWidget(win)
    from cunwu.ui.pages import PAGES

    assert [p.key for p in win._order] == ["home"] and win.nav.count() == len(PAGES)
    win.show()
    qtbot.waitUntil(lambda: len(win._order) == len(PAGES), timeout=5_000)
    assert win.nav.item(1).text() == "Residents"
    later = launcher.main_window(admin_actor(launcher.store, "admin"))
    qtbot.addWidget(later)
    assert later.show_page("points").key == "points"  # asked for: built there and then
    win.close()
    later.close()

"""The home page's count of what needs attention, and getting around by keyboard."""

from __future__ import annotations

from cunwu.services import home


def test_count_badge_shows_how_many_items_and_hides_at_zero(qtbot, window, monkeypatch):
    page = window.show_page("home")
    assert not page.count_badge.isVisible()
    monkeypatch.setattr(home, "PROVIDERS", ["tests.ui.providers:sample"])
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 3, timeout=10_000)
    assert page.count_badge.isVisible() and page.count_badge.text() == "3"
    monkeypatch.setattr(home, "PROVIDERS", [])
    page.refresh()
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.empty, timeout=10_000)
    assert not page.count_badge.isVisible()


def test_ctrl_and_a_digit_opens_that_page(qtbot, window):
    from PySide6.QtCore import Qt

    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page.key == "settings"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page.key == "home"

"""The home page's count of what needs attention."""

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

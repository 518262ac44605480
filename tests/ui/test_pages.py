"""Every page opens on the real window; home lists what the providers report."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from cunwu import __version__
from cunwu.services import home
from cunwu.ui.pages import PAGES


def test_every_page_opens_from_the_navigation(qtbot, window):
    assert window.nav.count() == len(PAGES) == 9
    titles = []
    for row in range(window.nav.count()):
        item = window.nav.item(row)
        qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton,
                         pos=window.nav.visualItemRect(item).center())
        assert window.stack.currentIndex() == row
        assert window.current_page.isVisible()
        titles.append(item.text())
    assert titles == ["Home", "Residents", "Meetings", "Disclosures", "Points", "Cases", "Sync",
                      "Settings", "About"]


def test_subjects_not_built_yet_say_so(window):
    """Whichever pages are still placeholders (LaterPage) say so; built ones drop out."""
    from cunwu.ui.pages.base import LaterPage

    for page in window.order:
        if isinstance(page, LaterPage):
            window.show_page(page.key)
            assert page.heading.text() == page.title()
            assert "later version" in page.note.text()


def test_home_empty_state(window):
    page = window.show_page("home")
    assert page.stack.currentWidget() is page.empty
    assert "Nothing needs attention today" in page.empty_label.text()


def test_home_lists_provider_items_and_opens_their_page(qtbot, window, monkeypatch):
    monkeypatch.setenv("CUNWU_TODAY", "2026-11-20")
    monkeypatch.setattr(home, "PROVIDERS", ["tests.ui.providers:sample", "tests.ui.providers:broken"])
    page = window.show_page("home")
    qtbot.waitUntil(lambda: page.table.rowCount() == 3, timeout=10_000)
    assert page.stack.currentWidget() is page.table
    rows = [[page.table.item(r, c).text() for c in range(3)] for r in range(3)]
    # 类别 names the subject (提醒 on every row told the clerk nothing)
    assert rows[0] == ["Residents", "Visit Zhang San (低保)", "2026-11-18 (overdue)"]
    assert rows[1] == ["Disclosures", "Post the Q3 finance notice", "2026-11-30"]
    assert rows[2] == ["Alert", "Undated reminder", ""]
    page.table.cellActivated.emit(1, 1)
    assert window.current_page.key == "disclosures"


def test_about_page_shows_version_folder_village_and_user(window, launcher):
    page = window.show_page("about")
    assert page.values["version"].text() == __version__
    assert page.values["data_dir"].text() == str(launcher.paths.data_dir)
    assert page.values["village"].text() == "青山村"
    assert page.values["village_code"].text() == "330106001001"
    assert page.values["user"].text() == "admin"
    assert page.values["role"].text().startswith("admin")


def test_training_banner_only_while_the_date_is_forced(qtbot, launcher, monkeypatch):
    from tests.ui.helpers import log_in

    actor = log_in(qtbot, launcher).actor
    plain = launcher.main_window(actor)
    qtbot.addWidget(plain)
    assert plain.banner.isHidden()
    monkeypatch.setenv("CUNWU_TODAY", "2026-03-01")
    launcher.prefs.set_language("zh_CN")
    training = launcher.main_window(actor)
    qtbot.addWidget(training)
    training.show()
    assert training.banner.isVisible()
    assert training.banner.text() == "训练模式：今天按 2026-03-01 计算"


def test_home_service_orders_items_and_survives_a_broken_provider(store, admin, monkeypatch):
    monkeypatch.setattr(home, "PROVIDERS", ["tests.ui.providers:sample", "tests.ui.providers:broken"])
    items = home.home_items(store, admin, dt.date(2026, 11, 20))
    assert [i["due"] for i in items] == [dt.date(2026, 11, 18), dt.date(2026, 11, 30), None]
    assert set(items[0]) == set(home.ITEM_KEYS)

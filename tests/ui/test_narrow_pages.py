"""At 特大 in a window narrower than a 1366×768 screen: the pages' buttons wrap instead of
widening the page past the window (公开's 打印预览 was cut off, 积分's intro did not wrap),
text columns keep a few characters, and the activity dialog reads whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QScrollArea

from cunwu.ui.sizing import text_width


@pytest.fixture
def big_window(qtbot, launcher):
    from cunwu.services.village import admin_actor

    launcher.prefs.apply_language("zh_CN")
    launcher.prefs.apply_font_size("xlarge")
    win = launcher.main_window(admin_actor(launcher.store, "admin"))
    qtbot.addWidget(win)
    win.resize(1100, 708)
    win.show()
    qtbot.waitExposed(win)
    return win


def _scroll_area(page) -> QScrollArea:
    widget = page
    while not isinstance(widget, QScrollArea):
        widget = widget.parentWidget()
    return widget


@pytest.mark.parametrize("key", ["disclosures", "meetings", "points"])
def test_a_page_fits_its_window_at_the_largest_size(qtbot, big_window, key):
    page = big_window.show_page(key)
    qtbot.waitUntil(lambda: getattr(page, "loaded", True) and page.task is None, timeout=10_000)
    area = _scroll_area(page)
    # the room a page has in a 1100 px wide window (the test screen may be narrower)
    room = 1100 - (big_window.width() - area.viewport().width())
    assert page.minimumSizeHint().width() <= room
    tabs = page.tabs
    for t in range(tabs.count()):
        assert tabs.widget(t).minimumSizeHint().width() <= room, tabs.tabText(t)
    if key == "disclosures":  # every button in sight at that width, 打印预览 included
        toolbar = page.toolbar.layout()
        toolbar.setGeometry(QRect(0, 0, room, toolbar.heightForWidth(room)))
        for button in page.buttons.values():
            assert button.geometry().right() <= room, button.text()


def test_text_columns_keep_some_characters(qtbot, big_window):
    page = big_window.show_page("meetings")
    for table in (page.concerns, page.board):
        table.resize(300, 300)
        header = table.horizontalHeader()
        narrowest = min(header.sectionSize(c) for c in range(header.count()))
        assert narrowest >= text_width(table, 5)


def test_the_activity_dialog_reads_whole_and_says_what_to_do_without_rules(qtbot, big_window):
    from cunwu.ui.points.activity_dialog import ActivityDialog

    dialog = ActivityDialog(big_window.ctx, [], big_window)
    qtbot.addWidget(dialog)
    dialog.show()
    header = dialog.signin.horizontalHeader()
    words = dialog.signin.horizontalHeaderItem(1).text()
    assert words == "村民小组"
    assert header.sectionSize(1) > header.fontMetrics().horizontalAdvance(words)
    assert dialog.no_rules.isVisible() and "积分规则" in dialog.no_rules.text()
    dialog.close()

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
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page.key == "settings"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page.key == "home"


def test_the_category_column_tells_rows_apart(qtbot, window, monkeypatch):
    page = window.show_page("home")
    monkeypatch.setattr(home, "PROVIDERS", ["tests.ui.providers:sample"])
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 3, timeout=10_000)
    kinds = {page.table.item(r, 1).text(): page.table.item(r, 0).text() for r in range(3)}
    assert kinds["Post the Q3 finance notice"] == "Disclosures"
    assert kinds["Visit Zhang San (低保)"] == "Residents"
    assert kinds["Undated reminder"] == "Alert"


def test_a_missed_visit_opens_the_visits_tab(qtbot, window, store, clerk, monkeypatch):
    import datetime as dt

    from cunwu.domain.idnumbers import make
    from cunwu.services import monitoring, residents
    from cunwu.ui.residents.person_dialog import PersonDialog

    monkeypatch.setenv("CUNWU_TODAY", "2026-11-05")
    alone = residents.add_person(store, clerk, name="钱奶奶",
                                 id_number=make("330106", dt.date(1940, 5, 5), 12))
    monitoring.add_tag(store, clerk, alone.uuid, "独居老人", since="2025-01-01")
    page = window.show_page("home")
    qtbot.waitUntil(lambda: any("钱奶奶" in page.table.item(r, 1).text()
                                for r in range(page.table.rowCount())), timeout=10_000)
    row = next(r for r in range(page.table.rowCount()) if "钱奶奶" in page.table.item(r, 1).text())
    assert page.table.item(row, 0).text() == "Visit"
    page.table.cellActivated.emit(row, 1)
    [dialog] = window.current_page.findChildren(PersonDialog)
    assert dialog.uuid == alone.uuid and dialog.tabs.currentWidget() is dialog.visits_page
    dialog.close()


def test_the_supervisor_sees_the_notice_waiting_for_their_signature(qtbot, launcher, store, clerk):
    from cunwu.services import disclosures
    from tests.ui.helpers import log_in

    notice = disclosures.add(store, clerk, {"kind": "free", "category": "村务", "title": "修路通知",
                                            "body": "下周一起修村道。", "posting_days": 7,
                                            "period": {"from": "2026-11-01", "to": "2026-11-30"}})
    dialog = log_in(qtbot, launcher, "supervisor")
    win = launcher.main_window(dialog.actor)
    qtbot.addWidget(win)
    page = win.show_page("home")
    qtbot.waitUntil(lambda: page.loaded, timeout=10_000)
    rows = [r for r in range(page.table.rowCount()) if "修路通知" in page.table.item(r, 1).text()]
    assert rows and page.table.item(rows[0], 0).text() == "Sign-off"
    assert page.items[rows[0]]["target"] == f"disclosures:{notice.uuid}"
    win.close()

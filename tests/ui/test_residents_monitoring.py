"""The monitoring thresholds (动态监测设置) in the window: shown, changed through the same
service as `cunwu residents settings`, and followed by the home page's alerts."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import text

from cunwu.domain.idnumbers import make
from cunwu.services import monitoring, residents


def click_ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10_000)


def home_titles(home) -> list[str]:
    return [home.table.item(r, 1).text() for r in range(home.table.rowCount())]


def test_change_the_elderly_age_and_the_home_page_follows(qtbot, window, store, clerk, monkeypatch):
    monkeypatch.setenv("CUNWU_TODAY", "2026-11-05")
    residents.add_person(store, clerk, name="赵老汉", id_number=make("330106", dt.date(1956, 11, 20), 11))
    residents.add_person(store, clerk, name="钱奶奶", id_number=make("330106", dt.date(1950, 1, 1), 12))
    home = window.show_page("home")
    qtbot.waitUntil(lambda: home.loaded and not window.ctx.tasks.busy, timeout=10_000)
    assert not any("赵老汉" in t for t in home_titles(home))

    page = window.show_page("residents")
    page.tag_box.setCurrentIndex(page.tag_box.findData("高龄"))
    assert page.model.rowCount() == 0
    qtbot.mouseClick(page.monitoring_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert {k: b.value() for k, b in dialog.boxes.items()} == \
        {"elderly_age": 80, "visit_days": 30, "review_notice_days": 30, "child_age": 16}
    dialog.boxes["elderly_age"].setValue(70)
    click_ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert monitoring.settings(store) == {"elderly_age": 70, "visit_days": 30,
                                          "review_notice_days": 30, "child_age": 16}
    assert page.notice.isVisible()
    # the table's 高龄 follows too (赵老汉 is 69 until the 20th)
    assert [page.model.person(r).name for r in range(page.model.rowCount())] == ["钱奶奶"]

    window.show_page("home")
    qtbot.waitUntil(lambda: any("赵老汉" in t and "70" in t for t in home_titles(home)),
                    timeout=10_000)


def test_from_the_settings_page(qtbot, window, store):
    page = window.show_page("settings")
    assert "80" in page.monitoring_summary.text() and "30" in page.monitoring_summary.text()
    qtbot.mouseClick(page.monitoring_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    dialog.boxes["visit_days"].setValue(60)
    click_ok(qtbot, dialog)
    assert monitoring.settings(store)["visit_days"] == 60
    assert "60" in page.monitoring_summary.text()


def test_nothing_changed_writes_nothing_and_defaults_come_back(qtbot, window, store, clerk):
    dialog = window.show_page("residents").open_monitoring_settings()
    qtbot.addWidget(dialog)
    click_ok(qtbot, dialog)
    assert not dialog.isVisible()
    with store.read() as s:
        assert s.execute(text("SELECT count(*) FROM monitoring_settings")).scalar() == 0
    monitoring.change_settings(store, clerk, elderly_age=75, child_age=14)
    again = window.show_page("residents").open_monitoring_settings()
    qtbot.addWidget(again)
    assert again.boxes["elderly_age"].value() == 75
    qtbot.mouseClick(again.defaults_button, Qt.MouseButton.LeftButton)
    click_ok(qtbot, again)
    assert monitoring.settings(store)["elderly_age"] == 80 and monitoring.settings(store)["child_age"] == 16


def test_chinese_and_read_only_for_a_supervisor(qtbot, launcher, store):
    from cunwu.services.village import admin_actor

    launcher.prefs.set_language("zh_CN")
    win = launcher.main_window(admin_actor(store, "supervisor"))
    qtbot.addWidget(win)
    page = win.show_page("residents")
    assert page.monitoring_button.text() == "动态监测设置…"
    dialog = page.open_monitoring_settings()
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "动态监测设置"
    assert dialog.boxes["elderly_age"].suffix() == " 岁"
    assert not any(b.isEnabled() for b in dialog.boxes.values())
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok) is None
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Close).text() == "关闭"
    win.close()

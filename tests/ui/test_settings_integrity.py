"""The settings page's data integrity check (数据完整性检查): runs behind the window and
shows the result in plain words."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from PySide6.QtCore import Qt


def test_integrity_check_runs_as_a_task_and_says_all_is_in_order(qtbot, window):
    page = window.show_page("settings")
    qtbot.mouseClick(page.integrity_button, Qt.MouseButton.LeftButton)
    assert not page.integrity_button.isEnabled()  # the click returned at once; work runs behind
    qtbot.waitUntil(lambda: page.integrity_button.isEnabled(), timeout=20_000)
    assert page.integrity["ok"] is True
    assert "All is in order" in page.integrity_result.text()
    assert page.integrity_result.property("role") == "ok"


def test_integrity_check_names_what_was_forged(qtbot, window, launcher):
    with closing(sqlite3.connect(launcher.paths.db)) as conn:
        conn.execute("INSERT INTO points_balances VALUES ('person', 'forged-owner', 100000, 0)")
        conn.commit()
    page = window.show_page("settings")
    page.check_integrity()
    qtbot.waitUntil(lambda: page.integrity_button.isEnabled(), timeout=20_000)
    text = page.integrity_result.text()
    assert page.integrity["ok"] is False and page.integrity_result.property("role") == "error"
    assert "E_TOTALS" in text and "forged-owner" in text and "100000" in text

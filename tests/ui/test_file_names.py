"""What the window suggests and shows in a clerk's words: file names saying what the file is
(not roster.xlsx or notice.pdf for a sign-in sheet), rules by name and points, no UUIDs."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFileDialog

from cunwu import clock
from cunwu.ui.widgets import file_name


def test_file_names_say_what_and_when_without_characters_windows_refuses():
    day = clock.today().strftime("%Y%m%d")
    assert file_name("青山村花名册", "xlsx") == f"青山村花名册-{day}.xlsx"
    assert file_name('a/b:c*?"<>|', "pdf") == f"a_b_c______-{day}.pdf"


def test_the_roster_export_suggests_the_village_roster(qtbot, window, monkeypatch):
    suggested = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda _parent, _title, name, _filter: suggested.append(name) or ("", ""))
    window.show_page("residents").export()
    assert suggested and suggested[0].startswith("青山村") and suggested[0] != "roster.xlsx"


def test_a_meeting_sheet_is_not_saved_as_notice_pdf(qtbot, window, monkeypatch):
    from cunwu.ui.disclosures.preview import PrintPreview
    from cunwu.ui.meetings.preview import MeetingPreview

    monkeypatch.setattr(PrintPreview, "render", lambda self: None)
    sheet = MeetingPreview(window.ctx, "no-such-meeting", "signin", window)
    notice = PrintPreview(window.ctx, "no-such-notice", window)
    assert sheet.file_name().startswith("Sign-in sheet-")
    assert notice.file_name().startswith("Notice-")
    sheet.close()
    notice.close()


def test_a_rule_reads_by_name_and_points_not_code_and_version(qtbot, window, store, admin):
    from cunwu.services import points_rules
    from cunwu.ui.points.activity_dialog import ActivityDialog

    points_rules.add_rules(store, admin, [{"code": "HJ", "name": "参加环境整治", "points": 5,
                                           "unit": "次"}], dt.date(2026, 1, 1))
    dialog = ActivityDialog(window.ctx, points_rules.rules(store))
    text = dialog.rule.itemText(0)
    assert "参加环境整治" in text and "+5" in text
    assert "HJ" not in text and " v1" not in text
    dialog.close()

"""The meetings page on the real window: the editor's attendance and live quorum, votes per
item, a refused save that keeps what was typed, the 四议两公开 board, print preview."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from cunwu.services import matters, memberships
from cunwu.services import meetings as svc
from cunwu.services.meeting_queries import meeting_detail
from meetings_people import people


@pytest.fixture
def reps(store, clerk, monkeypatch):
    monkeypatch.setenv("CUNWU_TODAY", "2026-11-22")
    ps = people(store, clerk, 30)
    for p in ps:
        memberships.add_member(store, clerk, "村民代表", p.uuid, since=dt.date(2024, 1, 1))
    return ps


@pytest.fixture
def page(qtbot, window, reps):
    page = window.show_page("meetings")
    qtbot.waitUntil(lambda: page.loaded and page.task is None, timeout=10_000)
    return page


def _tick(qtbot, editor, row: int, col: int = 1) -> None:
    """Click the check box of a row the way a clerk does."""
    editor.attendance.scrollToItem(editor.attendance.item(row, 0))
    box = editor.attendance.box(row, col)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())


def test_editor_records_attendance_quorum_and_votes(qtbot, page, store, reps):
    editor = page.open_editor(None)
    qtbot.addWidget(editor)
    editor.kind.setCurrentText("村民代表会议")
    qtbot.waitUntil(lambda: editor.attendance.rowCount() == 30 and editor.task is None, timeout=10_000)
    editor.title_edit.setText("十一月村民代表会议")
    editor.held_at.setDateTime(editor.held_at.dateTime().addDays(-2))
    qtbot.waitUntil(lambda: editor.task is None, timeout=10_000)
    editor.tabs.setCurrentIndex(1)
    for row in range(19):
        _tick(qtbot, editor, row)
    assert editor.verdict()[0].present == 19
    assert "No quorum" in editor.quorum_label.text() and "20 must be present" in editor.quorum_label.text()
    _tick(qtbot, editor, 19)
    _tick(qtbot, editor, 20, col=2)  # excused
    assert "Quorum reached" in editor.quorum_label.text()
    assert "excused 1" in editor.quorum_label.text()
    editor.tabs.setCurrentIndex(2)
    qtbot.mouseClick(editor.add_item, Qt.MouseButton.LeftButton)
    editor.items.item(0, 0).setText("硬化道路")
    editor.items.set_votes(0, 16, 3, 1)
    assert editor.items.item(0, 4).text() == "passed"
    editor.items.set_votes(0, 10, 10, 0)
    assert editor.items.item(0, 4).text() == "not passed"
    editor.items.set_votes(0, 15, 6, 0)
    assert editor.items.item(0, 4).text() == "more votes than present"
    # a refused save keeps everything typed and says why
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.task is None and editor.notice.text() != "", timeout=10_000)
    assert "add up to 21" in editor.notice.text() and editor.isVisible()
    editor.error_box.close()
    assert editor.title_edit.text() == "十一月村民代表会议"
    editor.items.set_votes(0, 16, 3, 1)
    editor.minutes.setPlainText("讨论后举手表决。")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.saved_uuid is not None, timeout=10_000)
    d = meeting_detail(store, editor.saved_uuid)
    assert (d["expected_count"], d["present_count"], d["excused_count"]) == (30, 20, 1)
    assert d["quorum_met"] and d["items"][0]["passed"] and d["minutes"] == "讨论后举手表决。"
    qtbot.waitUntil(lambda: len(page.meetings) == 1 and page.task is None, timeout=10_000)
    assert page.list.table.item(0, 4).text() == "yes"


def test_closed_meeting_opens_for_a_correction_only(qtbot, page, store, clerk, reps, monkeypatch):
    mt = svc.save_meeting(store, clerk, {"kind": "村民代表会议", "title": "十月会议",
                                         "held_at": "2026-10-20T09:00",
                                         "present": [p.uuid for p in reps[:18]]})
    svc.close_meeting(store, clerk, mt.uuid)
    page.refresh()
    qtbot.waitUntil(lambda: len(page.meetings) == 1 and page.task is None, timeout=10_000)
    assert page.list.table.item(0, 4).text() == "no quorum"
    page.list.table.selectRow(0)
    assert "18 of 30 present, 20 needed" in page.list.verdict_label.text()  # the window says why
    editor = page.open_editor(mt.uuid)
    qtbot.addWidget(editor)
    assert "closed" in editor.notice.text() and editor.save_button.text() == "Record correction…"
    assert "No quorum" in editor.quorum_label.text()
    absent = [r for r in range(30) if not editor.attendance.checked(r, 1)]
    for row in absent[:3]:
        editor.attendance.set_present(row)
    editor.save(reason="漏记三名到会代表")
    qtbot.waitUntil(lambda: editor.saved_uuid is not None, timeout=10_000)
    new = meeting_detail(store, editor.saved_uuid)
    assert (new["corrects"], new["present_count"], new["expected_count"]) == (mt.uuid, 21, 30)
    assert new["quorum_met"]
    assert meeting_detail(store, mt.uuid)["present_count"] == 18


def test_matters_board_and_next_step(qtbot, page, store, clerk, reps):
    m1 = matters.add_matter(store, clerk, {"title": "修建村口桥", "due": "2026-12-31"})
    matters.advance(store, clerk, m1.uuid, "propose")
    page.refresh()
    qtbot.waitUntil(lambda: len(page.board.matters) == 1 and page.task is None, timeout=10_000)
    board = page.board
    assert board.item(0, 1).text().startswith("✔") and board.item(0, 2).text().startswith("→")
    board.selectRow(0)
    dialog = page.advance_selected()
    qtbot.addWidget(dialog)
    assert dialog.step == "consult" and dialog.meeting.count() == 0
    dialog.accept()  # no meeting chosen: refused, the board stays
    qtbot.waitUntil(lambda: page.error_box is not None, timeout=10_000)
    assert "needs" in page.error_box.text()
    page.error_box.close()
    # with the 两委 meeting recorded, the step is taken from the dialog
    committee = [p.uuid for p in reps[:5]]
    for p in committee:
        memberships.add_member(store, clerk, "两委", p, since=dt.date(2024, 1, 1))
    svc.save_meeting(store, clerk, {"kind": '村"两委"联席会议', "title": "商议修桥",
                                    "held_at": "2026-11-21T09:00", "present": committee,
                                    "items": [{"title": "修建村口桥"}]})
    page.refresh()
    qtbot.waitUntil(lambda: len(page.meetings) == 1 and page.task is None, timeout=10_000)
    page.board.selectRow(0)
    dialog = page.advance_selected()
    qtbot.addWidget(dialog)
    assert dialog.meeting.count() == 1
    dialog.accept()
    qtbot.waitUntil(lambda: matters.matter_detail(store, m1.uuid)["next_step"] == "review",
                    timeout=10_000)
    qtbot.waitUntil(lambda: page.task is None and page.board.item(0, 2).text().startswith("✔"),
                    timeout=10_000)


def test_print_preview_of_sign_in_sheet(qtbot, page, store, clerk, reps):
    svc.save_meeting(store, clerk, {"kind": "村民代表会议", "title": "十一月会议",
                                         "held_at": "2026-11-20T09:00",
                                         "present": [p.uuid for p in reps[:25]]})
    page.refresh()
    qtbot.waitUntil(lambda: len(page.meetings) == 1 and page.task is None, timeout=10_000)
    page.list.table.selectRow(0)
    preview = page.print_preview("signin")
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.loaded, timeout=20_000)
    assert preview.document.pageCount() == 1 and preview.print_button.isEnabled()
    preview.close()
    minutes = page.print_preview("minutes")
    qtbot.addWidget(minutes)
    qtbot.waitUntil(lambda: minutes.loaded, timeout=20_000)
    assert minutes.document.pageCount() >= 1 and minutes.windowTitle() == "Minutes"
    minutes.close()


def test_a_concern_from_the_home_page_is_answered_and_closed(qtbot, window, store, clerk, reps):
    from cunwu.services import concerns

    c = concerns.add_concern(store, clerk, {"raised_by": reps[0].uuid, "topic": "路灯不亮"})
    window.open_target(f"meetings:concern:{c.uuid}")
    page = window.pages["meetings"]
    qtbot.waitUntil(lambda: page.loaded and page.task is None and bool(page.concerns.concerns),
                    timeout=10_000)
    assert page.tabs.currentIndex() == 2 and page.concerns.current_concern()["uuid"] == c.uuid
    dialog = page.edit_concern(page.concerns.current_concern())
    qtbot.addWidget(dialog)
    dialog.answer.setPlainText("已报修")
    dialog.close_box.setChecked(True)
    dialog.accept()
    qtbot.waitUntil(lambda: concerns.list_concerns(store)[0]["status"] == "closed", timeout=10_000)
    assert concerns.list_concerns(store)[0]["answer"] == "已报修"


def test_members_are_given_and_ended_in_the_window(qtbot, page, store, clerk, reps):
    extra = people(store, clerk, 2)
    page.tabs.setCurrentIndex(3)
    assert page.members.rowCount() == 30
    dialog = page.edit_member(None)
    qtbot.addWidget(dialog)
    dialog.body.setCurrentText("两委")
    dialog.person.setText(extra[0].id_number)
    dialog.role.setText("书记")
    dialog.accept()
    qtbot.waitUntil(lambda: page.members.rowCount() == 31 and page.task is None, timeout=10_000)
    row = next(r for r in range(31) if page.members.item(r, 0).text() == "两委")
    assert page.members.item(row, 2).text() == "书记"
    page.members.selectRow(row)
    dialog = page.edit_member(page.members.current_member())
    qtbot.addWidget(dialog)
    dialog.accept()
    qtbot.waitUntil(lambda: any(r["until"] for r in memberships.list_members(store, "两委")),
                    timeout=10_000)


def test_a_concern_is_recorded_at_a_hearing(qtbot, page, store, clerk, reps):
    from cunwu.services import concerns

    hearing = svc.save_meeting(store, clerk, {"kind": "民情恳谈会", "title": "十一月恳谈会",
                                              "held_at": "2026-11-21T19:00",
                                              "present": [p.uuid for p in reps[:8]]})
    page.refresh()
    qtbot.waitUntil(lambda: len(page.meetings) == 1 and page.task is None, timeout=10_000)
    dialog = page.edit_concern(None)
    qtbot.addWidget(dialog)
    dialog.meeting.setCurrentIndex(1)
    dialog.raised_by.edit.setText(reps[3].id_number)  # an ID number typed, not searched
    dialog.topic.setPlainText("三组排水沟堵塞")
    dialog.accept()
    qtbot.waitUntil(lambda: bool(concerns.list_concerns(store)), timeout=10_000)
    c = concerns.list_concerns(store)[0]
    assert (c["meeting_uuid"], c["person_uuid"], c["raised_by"]) == (hearing.uuid, reps[3].uuid, reps[3].name)


def test_who_raised_a_concern_is_picked_by_name(qtbot, page, store, clerk):
    from cunwu.domain.idnumbers import make
    from cunwu.services import concerns, residents

    who = residents.add_person(store, clerk, name="赵桂花",
                               id_number=make("330106", dt.date(1958, 8, 8), 24))
    dialog = page.edit_concern(None)
    qtbot.addWidget(dialog)
    picker = dialog.raised_by
    assert "UUID" not in picker.edit.placeholderText()
    picker.edit.setText("赵桂花")
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return)  # finds; does not save the half-filled form
    assert dialog.isVisible() and page.error_box is None
    assert picker.found.currentData() == who.uuid and "赵桂花" in picker.found.currentText()
    assert who.id_number not in picker.found.currentText()  # the last four digits only
    dialog.topic.setPlainText("村口路灯不亮")
    dialog.accept()
    qtbot.waitUntil(lambda: bool(concerns.list_concerns(store)), timeout=10_000)
    c = concerns.list_concerns(store)[0]
    assert (c["person_uuid"], c["raised_by"]) == (who.uuid, "赵桂花")


def test_a_meeting_still_to_come_is_only_planned(qtbot, page, reps):
    editor = page.open_editor(None)
    qtbot.addWidget(editor)
    assert editor.status.currentData() == "held"
    editor.held_at.setDateTime(editor.held_at.dateTime().addDays(5))
    assert editor.status.currentData() == "planned"
    qtbot.waitUntil(lambda: editor.task is None, timeout=10_000)


def test_village_rules_are_changed_in_the_window(qtbot, page, store):
    dialog = page.edit_rules()
    qtbot.addWidget(dialog)
    row = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())].index("村民代表会议")
    assert dialog.table.item(row, 1).text() == ">=2/3"
    dialog.table.item(row, 1).setText(">=3/4")
    dialog.accept()
    qtbot.waitUntil(lambda: memberships.kind_rules(store, "村民代表会议").quorum.text == ">=3/4",
                    timeout=10_000)
    dialog = page.edit_rules()
    qtbot.addWidget(dialog)
    dialog.table.item(row, 1).setText(">=2/3")
    dialog.table.item(row, 3).setText("half")  # refused with the reason; nothing changes
    dialog.accept()
    qtbot.waitUntil(lambda: page.error_box is not None, timeout=10_000)
    assert "is not a rule" in page.error_box.text()
    rules = memberships.kind_rules(store, "村民代表会议")
    assert (rules.quorum.text, rules.passing.text) == (">=3/4", ">1/2")


def test_a_decided_matter_is_followed_up(qtbot, page, store, clerk, reps):
    party = people(store, clerk, 9, party=9)
    for p in reps[:5]:
        memberships.add_member(store, clerk, "两委", p.uuid, since=dt.date(2024, 1, 1))
    m1 = matters.add_matter(store, clerk, {"title": "修建村口桥", "due": "2026-12-31"})
    matters.advance(store, clerk, m1.uuid, "propose")
    for step, kind, who, day in (("consult", '村"两委"联席会议', reps[:5], 10),
                                 ("review", "党员大会", party, 12),
                                 ("resolve", "村民代表会议", reps[:25], 15)):
        item = {"title": "修建村口桥", "votes": {"同意": len(who), "反对": 0, "弃权": 0}}
        mt = svc.save_meeting(store, clerk, {"kind": kind, "title": f"{kind}审议修桥",
                                             "held_at": f"2026-11-{day}T09:00",
                                             "present": [p.uuid for p in who], "items": [item]})
        matters.advance(store, clerk, m1.uuid, step, meeting=mt.uuid)
    page.refresh()
    qtbot.waitUntil(lambda: len(page.board.matters) == 1 and page.task is None, timeout=10_000)
    assert page.board.item(0, 4).text().startswith("✔") and page.board.item(0, 5).text().startswith("→")
    page.board.selectRow(0)
    dialog = page.follow_up_selected()
    qtbot.addWidget(dialog)
    dialog.note.setPlainText("施工队已进场")
    dialog.move_due.setChecked(True)
    dialog.due.setDate(dialog.due.date().addDays(15))
    dialog.accept()
    qtbot.waitUntil(lambda: bool(matters.matter_detail(store, m1.uuid)["followups"]), timeout=10_000)
    d = matters.matter_detail(store, m1.uuid)
    assert d["followups"][0]["note"] == "施工队已进场" and d["due"] == "2027-01-15"


def test_closing_a_meeting_asks_first(qtbot, page, store, clerk, reps, monkeypatch):
    from cunwu.ui import dialogs

    mt = svc.save_meeting(store, clerk, {"kind": "村民代表会议", "title": "十一月会议",
                                         "held_at": "2026-11-20T09:00",
                                         "present": [p.uuid for p in reps[:25]]})
    page.refresh()
    qtbot.waitUntil(lambda: len(page.meetings) == 1 and page.task is None, timeout=10_000)
    page.list.table.selectRow(0)
    asked = []
    monkeypatch.setattr(dialogs, "ask", lambda _w, text, _yes: asked.append(text) or False)
    qtbot.mouseClick(page.list.close_button, Qt.MouseButton.LeftButton)
    assert "十一月会议" in asked[0] and meeting_detail(store, mt.uuid)["status"] != "closed"
    monkeypatch.setattr(dialogs, "ask", lambda _w, text, _yes: True)
    qtbot.mouseClick(page.list.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: meeting_detail(store, mt.uuid)["status"] == "closed", timeout=10_000)

"""Tables sorted by a click on their header, one test per kind of table: the shared keyed
table (widgets.table/fill), tables a page fills itself (home, meetings list, matters board)
and the residents' paged model sorted by the store. Each time the first row after sorting is
acted on, and the action reaches that record, not the one that was first before."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt

from cunwu.domain.idnumbers import make


def click_header(qtbot, view, column: int) -> None:
    """A left click in the middle of the header of `column`, as a clerk does."""
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def column(table, col: int) -> list[str]:
    return [table.item(r, col).text() for r in range(table.rowCount())]


# -- the shared helper -------------------------------------------------------------------

def test_cells_sort_by_value_and_by_pinyin(qtbot):
    from cunwu.ui.widgets import fill, select_key, selected_key, table

    t = table(["Name", "Points", "Date"])
    qtbot.addWidget(t)
    t.show()
    rows = [["张三", "+5", "2026-01-10"], ["阿明", "10", "2025-12-31"], ["李四", "-3", ""],
            ["王五", "9", "2026-01-02"]]
    fill(t, rows, ["z", "a", "l", "w"])
    assert column(t, 0) == ["张三", "阿明", "李四", "王五"]  # as given, until a click
    click_header(qtbot, t, 0)
    assert column(t, 0) == ["阿明", "李四", "王五", "张三"]
    click_header(qtbot, t, 1)
    assert column(t, 1) == ["-3", "+5", "9", "10"]
    click_header(qtbot, t, 2)
    click_header(qtbot, t, 2)  # the second click: descending
    assert column(t, 2) == ["2026-01-10", "2026-01-02", "2025-12-31", ""]
    t.selectRow(0)
    assert selected_key(t) == "z"
    # read again with 王五 newer than anyone: the sort and the selected record are kept
    rows[3][2] = "2026-02-01"
    fill(t, rows, ["z", "a", "l", "w"])
    assert column(t, 0) == ["王五", "张三", "阿明", "李四"]
    assert selected_key(t) == "z" and t.currentRow() == 1
    # the selected record gone: nothing is selected, not whichever took its row
    fill(t, [r for r in rows if r[0] != "张三"], ["a", "l", "w"])
    assert selected_key(t) is None
    assert select_key(t, "l") and selected_key(t) == "l"


# -- a page's keyed table (disclosures) ----------------------------------------------------

def test_disclosures_sorted_by_title_edit_the_notice_shown(qtbot, window, store, clerk):
    from cunwu.services import disclosures

    for title in ("低保公示", "修路通知"):  # newest first: 修路 above 低保
        disclosures.add(store, clerk, {"kind": "free", "category": "村务", "title": title,
                                       "body": "内容。", "posting_days": 7,
                                       "period": {"from": "2026-11-01", "to": "2026-11-30"}})
    page = window.show_page("disclosures")
    qtbot.waitUntil(lambda: len(page.items) == 2 and page.task is None, timeout=10_000)
    before = column(page.table, 0)
    click_header(qtbot, page.table, 0)
    assert column(page.table, 0) == ["低保公示", "修路通知"] != before
    page.table.selectRow(0)
    page.edit()
    assert page.dialog.title_edit.text() == "低保公示"
    page.dialog.close()
    # read again: still by title, the same notice selected
    page.refresh()
    qtbot.waitUntil(lambda: page.task is None, timeout=10_000)
    assert column(page.table, 0) == ["低保公示", "修路通知"]
    assert page.selected().title == "低保公示"


# -- tables a page fills itself ---------------------------------------------------------

def test_home_sorted_by_matter_opens_the_item_shown(qtbot, window, monkeypatch):
    from cunwu.services import home

    page = window.show_page("home")
    monkeypatch.setattr(home, "PROVIDERS", ["tests.ui.providers:sample"])
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 3 and not page._reading, timeout=10_000)
    assert page.items[0]["title"] == "Visit Zhang San (低保)"  # the earliest due, first
    click_header(qtbot, page.table, 1)
    assert column(page.table, 1) == ["Post the Q3 finance notice", "Undated reminder",
                                     "Visit Zhang San (低保)"]
    page.table.selectRow(0)
    assert page.selected_item()["title"] == "Post the Q3 finance notice"
    with qtbot.waitSignal(page.navigate) as sent:
        page.table.cellActivated.emit(0, 1)
    assert sent.args == ["disclosures"]


@pytest.fixture
def meetings_page(qtbot, window, store, clerk, monkeypatch):
    from cunwu.services import matters, memberships
    from cunwu.services import meetings as svc
    from meetings_people import people

    monkeypatch.setenv("CUNWU_TODAY", "2026-11-22")
    reps = people(store, clerk, 10)
    for p in reps:
        memberships.add_member(store, clerk, "村民代表", p.uuid, since=dt.date(2024, 1, 1))
    # newest first in the list: 十月 above 八月; by title 八 (ba) comes before 十 (shi)
    svc.save_meeting(store, clerk, {"kind": "村民代表会议", "title": "八月会议",
                                    "held_at": "2026-08-20T09:00",
                                    "present": [p.uuid for p in reps[:5]]})
    svc.save_meeting(store, clerk, {"kind": "村民代表会议", "title": "十月会议",
                                    "held_at": "2026-10-20T09:00",
                                    "present": [p.uuid for p in reps[:9]]})
    for title in ("安装路灯", "修建村口桥"):  # newest first: 修建 above 安装
        matters.add_matter(store, clerk, {"title": title, "due": "2026-12-31"})
    page = window.show_page("meetings")
    qtbot.waitUntil(lambda: page.loaded and page.task is None, timeout=10_000)
    return page


def test_meetings_sorted_by_title_open_the_meeting_shown(qtbot, meetings_page):
    page = meetings_page
    table = page.list.table
    assert column(table, 2) == ["十月会议", "八月会议"]
    click_header(qtbot, table, 2)
    assert column(table, 2) == ["八月会议", "十月会议"]
    table.selectRow(0)
    assert "5 of 10 present" in page.list.verdict_label.text()  # the verdict of 八月会议
    table.cellDoubleClicked.emit(0, 2)
    qtbot.addWidget(page.editor)
    assert page.editor.detail["title"] == "八月会议"
    page.editor.reject()


def test_matters_board_sorted_takes_the_step_of_the_matter_shown(qtbot, meetings_page):
    page = meetings_page
    page.tabs.setCurrentIndex(1)
    board = page.board

    def titles():
        return [board.item(r, 0).text().split("\n")[0] for r in range(board.rowCount())]

    assert titles() == ["修建村口桥", "安装路灯"]
    click_header(qtbot, board, 0)
    assert titles() == ["安装路灯", "修建村口桥"]  # an, xiu
    board.selectRow(0)
    dialog = page.advance_selected()
    qtbot.addWidget(dialog)
    assert dialog.matter["title"] == "安装路灯"
    dialog.reject()


# -- the residents' paged model, sorted by the store ---------------------------------------

def test_residents_sorted_by_the_store_open_the_person_shown(qtbot, window, store, clerk):
    from cunwu.services import residents
    from cunwu.ui.residents.person_dialog import PersonDialog

    added = {}
    for name, born, seq in (("张伟强", dt.date(1960, 5, 5), 11), ("李娜", dt.date(1962, 6, 6), 12),
                            ("王芳", dt.date(1955, 3, 3), 13)):
        added[name] = residents.add_person(store, clerk, name=name,
                                           id_number=make("330106", born, seq)).uuid
    page = window.show_page("residents")
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=10_000)

    def names():
        return [page.model.person(r).name for r in range(page.model.rowCount())]

    assert names() == ["张伟强", "李娜", "王芳"]  # the register's order
    click_header(qtbot, page.table, 0)
    assert names() == ["李娜", "王芳", "张伟强"]  # by pinyin: li, wang, zhang
    click_header(qtbot, page.table, 0)
    assert names() == ["张伟强", "王芳", "李娜"]
    click_header(qtbot, page.table, 2)
    assert names() == ["王芳", "张伟强", "李娜"]  # born 1955, 1960, 1962
    page.apply_filters()  # a new search or filter keeps the order asked for
    assert names() == ["王芳", "张伟强", "李娜"]
    page.table.selectRow(0)
    page.table.activated.emit(page.table.currentIndex())
    [dialog] = [d for d in page.findChildren(PersonDialog) if d.isVisible()]
    assert dialog.uuid == added["王芳"]
    dialog.close()

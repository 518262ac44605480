"""The residents page through the real window: search as you type, filters, paging,
the person dialog, households, and alerts on the home page that open the person."""

from __future__ import annotations

import datetime as dt

import pytest

from cunwu.domain.idnumbers import make
from cunwu.services import monitoring, residents


@pytest.fixture
def people(store, clerk):
    hh = residents.add_household(store, clerk, number="0001", group_name="1组", address="青山村1组")
    zwq = residents.add_person(store, clerk, name="张伟强", household_uuid=hh.uuid, relation="户主",
                               id_number=make("330106", dt.date(1960, 5, 5), 11))
    li = residents.add_person(store, clerk, name="李娜", household_uuid=hh.uuid, relation="配偶",
                              id_number=make("330106", dt.date(1962, 6, 6), 12))
    monitoring.add_tag(store, clerk, li.uuid, "低保", since="2026-01-01", review_due="2026-12-01",
                       data={"covered": 2, "monthly_amount": 1200})
    return zwq, li


def test_search_box_shows_results_as_you_type(qtbot, window, people):
    page = window.show_page("residents")
    assert page.model.rowCount() == 2
    qtbot.keyClicks(page.search, "zwq")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5_000)
    assert page.model.person(0).name == "张伟强"
    page.search.clear()
    page.search.insert("伟")  # what an input method commits (key clicks are ASCII only)
    qtbot.waitUntil(lambda: [page.model.person(i).name for i in range(page.model.rowCount())] == ["张伟强"], timeout=5_000)
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5_000)


def test_filters_by_tag_group_status(qtbot, window, people):
    page = window.show_page("residents")
    page.tag_box.setCurrentIndex(page.tag_box.findData("低保"))
    assert [page.model.person(i).name for i in range(page.model.rowCount())] == ["李娜"]
    page.tag_box.setCurrentIndex(0)
    page.group_box.setCurrentIndex(page.group_box.findData("1组"))
    assert page.model.rowCount() == 2
    page.status_box.setCurrentIndex(page.status_box.findData("死亡"))
    assert page.model.rowCount() == 0


def test_model_pages_with_fetch_more(qtbot, window, store, clerk, monkeypatch):
    from cunwu.ui.residents import model as model_module

    monkeypatch.setattr(model_module, "PAGE", 3)
    for i in range(7):
        residents.add_person(store, clerk, name=f"王{'一二三四五六七'[i]}",
                             id_number=make("330106", dt.date(1990, 1, 1 + i), 11))
    model = model_module.PeopleModel(store)
    model.set_query(model.query)
    assert model.rowCount() == 3 and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 7 and not model.canFetchMore()
    model.set_query(type(model.query)(search="王"))
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 7
    page = window.show_page("residents")
    assert page.model.rowCount() >= 3  # the view fetches as much as it shows


def test_person_dialog_edits_and_keeps_history(qtbot, window, people, store):
    zwq, _li = people
    page = window.show_page("residents")
    dialog = page.open_person(zwq.uuid)
    qtbot.addWidget(dialog)
    assert dialog.form.name_edit.text() == "张伟强" and dialog.form.birth_edit.text() == "1960-05-05"
    dialog.form.phone_edit.setText("13912345678")
    dialog.form.status_box.setCurrentText("外出务工")
    dialog.save()
    events = residents.history(store, zwq.uuid)
    assert events[-1]["changes"]["phone"] == ["", "13912345678"]
    assert events[-1]["changes"]["status"] == ["户籍在册", "外出务工"]
    again = page.open_person(zwq.uuid)
    qtbot.addWidget(again)
    assert again.history.rowCount() == len(events)
    again.visitor_edit.setText("王主任")
    again.add_visit()
    assert again.visits.rowCount() == 1
    again.tag_box.setCurrentText("独居老人")
    again.add_tag()
    assert any(t.tag == "独居老人" for t in again.tag_rows)


def test_households_view(qtbot, window, people):
    page = window.show_page("residents")
    dialog = page.open_households()
    qtbot.addWidget(dialog)
    assert dialog.households.rowCount() == 1
    assert dialog.households.item(0, 2).text() == "张伟强"
    dialog.show_members(0)
    assert dialog.members.rowCount() == 2


def test_home_alert_opens_the_person(qtbot, window, store, clerk, monkeypatch):
    monkeypatch.setenv("CUNWU_TODAY", "2026-11-05")
    old = residents.add_person(store, clerk, name="赵老汉",
                               id_number=make("330106", dt.date(1946, 11, 30), 11))
    home = window.show_page("home")
    qtbot.waitUntil(lambda: home.table.rowCount() >= 1, timeout=10_000)
    row = next(r for r in range(home.table.rowCount()) if "赵老汉" in home.table.item(r, 1).text())
    home.table.cellActivated.emit(row, 1)
    assert window.current_page.key == "residents"
    dialog = window.current_page.findChild(type(window.current_page), "") or None
    from cunwu.ui.residents.person_dialog import PersonDialog

    dialogs = window.current_page.findChildren(PersonDialog)
    assert dialogs and dialogs[-1].uuid == old.uuid
    for d in dialogs:
        d.close()
    assert dialog is None or dialog


def test_export_from_the_page(qtbot, window, people, tmp_path):
    page = window.show_page("residents")
    page.tag_box.setCurrentIndex(page.tag_box.findData("低保"))
    task = page.export_to(str(tmp_path / "dibao.xlsx"))
    qtbot.waitUntil(lambda: task.finished, timeout=10_000)
    from openpyxl import load_workbook

    rows = list(load_workbook(tmp_path / "dibao.xlsx").worksheets[0].values)
    assert len(rows) == 2 and rows[1][0] == "李娜"


def test_double_click_opens_one_file_per_person(qtbot, window, people):
    from PySide6.QtCore import Qt

    from cunwu.ui.residents.person_dialog import PersonDialog

    page = window.show_page("residents")
    rect = page.table.visualRect(page.model.index(0, 0))
    # a real double-click: press and release, then the second press that Qt calls a double-click
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    open_files = [d for d in page.findChildren(PersonDialog) if d.isVisible()]
    assert len(page.findChildren(PersonDialog)) == len(open_files) == 1
    assert page.open_person(open_files[0].uuid) is open_files[0]  # asked again: the same one
    assert len([d for d in page.findChildren(PersonDialog) if d.isVisible()]) == 1
    open_files[0].close()


@pytest.mark.parametrize("typed", ["zh", "li", "wq"])
def test_two_letters_find_a_syllable_or_initials(qtbot, window, people, typed):
    """张伟强 (zhang wei qiang) and 李娜 (li na): two letters are initials or pinyin."""
    page = window.show_page("residents")
    qtbot.keyClicks(page.search, typed)
    qtbot.waitUntil(lambda: page.model.query.search == typed, timeout=5_000)
    names = {page.model.person(i).name for i in range(page.model.rowCount())}
    assert names == ({"李娜"} if typed == "li" else {"张伟强"})


def test_columns_fit_an_id_number_and_keep_their_width_at_the_largest_font(qtbot, window, people):
    page = window.show_page("residents")
    window.ctx.prefs.apply_font_size("xlarge")
    qtbot.wait(50)
    column = page.model.COLUMNS.index("id_number")
    need = page.table.fontMetrics().horizontalAdvance(people[0].id_number)
    qtbot.waitUntil(lambda: page.table.columnWidth(column) > need, timeout=5_000)
    page.refresh()
    assert page.table.columnWidth(column) > need


def test_a_refresh_never_narrows_a_column(qtbot):
    from cunwu.ui.widgets import fill, table

    t = table(["Name", "Notes"])
    qtbot.addWidget(t)
    fill(t, [["欧阳慧慧慧慧慧慧", "x"]])
    wide = t.columnWidth(0)
    fill(t, [["王", "x"]])
    assert t.columnWidth(0) == wide

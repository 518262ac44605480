"""Adding a person and a household by hand through the real window: the dialogs, what a
refusal looks like inside them, and that the result is in the store and on the page."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import text

from cunwu.domain.idnumbers import make
from cunwu.services import residents

ZWQ = make("330106", dt.date(1960, 5, 5), 11)  # male
LINA = make("330106", dt.date(1962, 6, 6), 12)  # female


def click_ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10_000)


def counts(store) -> tuple[int, int]:
    with store.read() as s:
        return tuple(s.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                     for t in ("persons", "households"))


@pytest.fixture
def household(store, clerk):
    return residents.add_household(store, clerk, number="000123", group_name="1组",
                                   address="青山村1组5号")


def test_new_person_is_added_shown_and_opens(qtbot, window, store, household):
    page = window.show_page("residents")
    assert page.new_button.isEnabled() and page.new_button.text() == "New resident…"
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog.isVisible() and dialog.form.name_edit.text() == ""
    dialog.form.name_edit.setText("张伟强")
    dialog.form.id_edit.setText(ZWQ)
    assert dialog.form.birth_edit.text() == "1960-05-05" and dialog.form.sex_box.currentText() == "男"
    picker = dialog.households
    picker.setCurrentIndex(picker.findData("000123"))
    assert "000123" in picker.currentText() and picker.number() == "000123"
    dialog.form.relation_box.setCurrentText("户主")
    dialog.form.phone_edit.setText("13912345678")
    click_ok(qtbot, dialog)
    assert not dialog.isVisible()

    with store.read() as s:
        person = residents.find_person(s, ZWQ)
        head = residents.find_household(s, "000123").head_uuid
    assert (person.name, person.household_uuid, person.phone) == ("张伟强", household.uuid, "13912345678")
    assert head == person.uuid
    assert residents.history(store, person.uuid)[0]["actor"] == "admin"
    # on the page: found, selected, and it opens
    assert page.search.text() == "张伟强"
    assert [page.model.uuid_at(r) for r in range(page.model.rowCount())] == [person.uuid]
    assert page.table.selectionModel().selectedRows()[0].row() == 0
    assert page.notice.isVisible() and "张伟强" in page.notice.text()
    opened = page.open_person(page.model.uuid_at(0))
    qtbot.addWidget(opened)
    assert opened.form.name_edit.text() == "张伟强"
    assert opened.household_label.text().startswith("000123")


def test_household_typed_by_number(qtbot, window, store, household):
    dialog = window.show_page("residents").open_new_person()
    qtbot.addWidget(dialog)
    dialog.form.name_edit.setText("李娜")
    dialog.form.id_edit.setText(LINA)
    dialog.households.setEditText("000123")
    click_ok(qtbot, dialog)
    assert not dialog.isVisible(), dialog.error.text()
    with store.read() as s:
        assert residents.find_person(s, LINA).household_uuid == household.uuid


@pytest.mark.parametrize("fill, code", [
    (lambda d: d.form.id_edit.setText(ZWQ), "E_ID_DUPLICATE"),
    (lambda d: d.form.id_edit.setText(LINA[:-1] + ("1" if LINA[-1] != "1" else "2")), "E_ID_CHECKSUM"),
    (lambda d: (d.form.id_edit.setText(LINA), d.households.setEditText("999")), "E_HOUSEHOLD_NOT_FOUND"),
    (lambda d: (d.form.id_edit.setText(LINA), d.form.sex_box.setCurrentText("男")), "E_ID_SEX_MISMATCH"),
    (lambda d: d.form.id_edit.setText(""), "E_ID_EMPTY"),
])
def test_refusal_is_shown_in_the_dialog_and_nothing_is_written(qtbot, window, store, clerk,
                                                               household, fill, code):
    residents.add_person_by_hand(store, clerk, name="张伟强", id_number=ZWQ)
    before = counts(store)
    dialog = window.show_page("residents").open_new_person()
    qtbot.addWidget(dialog)
    dialog.form.name_edit.setText("王五")
    fill(dialog)
    click_ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert dialog.error.text().endswith(f"[{code}]")
    assert dialog.form.name_edit.text() == "王五"  # nothing typed is lost
    assert counts(store) == before


def test_refusal_reads_in_chinese(qtbot, window, store, clerk):
    residents.add_person_by_hand(store, clerk, name="张伟强", id_number=ZWQ)
    window.ctx.prefs.apply_language("zh_CN")
    page = window.show_page("residents")
    qtbot.waitUntil(lambda: page.new_button.text() == "新增居民…", timeout=5_000)  # posted events
    dialog = page.open_new_person()
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "新增居民"
    dialog.form.name_edit.setText("张三")
    dialog.form.id_edit.setText(ZWQ)
    click_ok(qtbot, dialog)
    assert "张伟强" in dialog.error.text() and "已" in dialog.error.text()
    assert "never" not in dialog.error.text()


def test_id_number_is_checked_as_it_is_typed(qtbot, window):
    dialog = window.show_page("residents").open_new_person()
    qtbot.addWidget(dialog)
    form = dialog.form
    form.id_edit.setText(LINA[:10])  # still typing: no complaint yet
    assert form.id_problem.isHidden() and form.birth_edit.text() == ""
    form.id_edit.setText(LINA)
    assert form.id_problem.isHidden()
    assert (form.birth_edit.text(), form.sex_box.currentText()) == ("1962-06-06", "女")
    form.id_edit.setText(ZWQ)  # the sex read from the first number follows the second
    assert form.sex_box.currentText() == "男"
    form.id_edit.setText(LINA[:-1] + ("1" if LINA[-1] != "1" else "2"))
    assert not form.id_problem.isHidden() and "check character" in form.id_problem.text()
    assert form.birth_edit.text() == ""
    assert not form.status_since.isEnabled()
    form.status_box.setCurrentText("外出务工")
    assert form.status_since.isEnabled() and "status_since" in form.values()


def test_new_household_from_the_households_view(qtbot, window, store, household):
    page = window.show_page("residents")
    view = page.open_households()
    qtbot.addWidget(view)
    assert view.households.rowCount() == 1
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    dialog = view.new_dialog
    dialog.number.setText("000123")
    click_ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.error.text().endswith("[E_HOUSEHOLD_EXISTS]")
    dialog.number.setText("000124")
    dialog.group.setEditText("2组")
    dialog.address.setText("青山村2组1号")
    click_ok(qtbot, dialog)
    assert not dialog.isVisible()
    with store.read() as s:
        added = residents.find_household(s, "000124")
    assert (added.group_name, added.address) == ("2组", "青山村2组1号")
    assert view.households.rowCount() == 2
    assert view.households.selectedItems()[0].text() == "000124"


def test_new_household_while_adding_a_person(qtbot, window, store):
    dialog = window.show_page("residents").open_new_person()
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.new_household_button, Qt.MouseButton.LeftButton)
    new = dialog.household_dialog
    new.number.setText("000200")
    click_ok(qtbot, new)
    assert dialog.households.number() == "000200"
    dialog.form.name_edit.setText("李娜")
    dialog.form.id_edit.setText(LINA)
    click_ok(qtbot, dialog)
    with store.read() as s:
        assert residents.find_person(s, LINA).household_uuid == residents.find_household(s, "000200").uuid


def test_supervisor_cannot_add(qtbot, launcher, store):
    from cunwu.services.village import admin_actor

    win = launcher.main_window(admin_actor(store, "supervisor"))
    qtbot.addWidget(win)
    page = win.show_page("residents")
    assert not page.new_button.isEnabled()
    view = page.open_households()
    qtbot.addWidget(view)
    assert not view.new_button.isEnabled()
    win.close()


def test_unknown_address_code_is_added_with_a_warning(qtbot, window, store):
    page = window.show_page("residents")
    dialog = page.open_new_person()
    qtbot.addWidget(dialog)
    dialog.form.name_edit.setText("赵六")
    dialog.form.id_edit.setText(make("990000", dt.date(1980, 1, 1), 11))
    click_ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert counts(store)[0] == 1
    assert "赵六" in page.notice.text() and "address code" in page.notice.text()
    assert page.notice.property("role") == "hint"
    page.status_box.setCurrentIndex(page.status_box.findData("死亡"))  # other rows: it goes
    assert page.notice.isHidden()

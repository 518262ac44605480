"""Cases (工单) on the real window: an alert on the home page made a case, assigned, acted on
and closed with its result on the 工单 page, the overdue filter, an alert dismissed, and a visit
and a villager's concern made cases."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from cunwu.domain.idnumbers import make
from cunwu.services import cases, cases_queries, concerns, monitoring, residents
from tests.ui.helpers import log_in

SHOTS = os.environ.get("CUNWU_SHOTS")  # a folder: screenshots at 1366×768 for a look


@pytest.fixture
def village(store, admin, monkeypatch):
    monkeypatch.setenv("CUNWU_TODAY", "2026-11-22")
    hh = residents.add_household(store, admin, number="0012", group_name="3组", address="青山村3组12号")
    alone = residents.add_person(store, admin, name="钱奶奶", household_uuid=hh.uuid, relation="户主",
                                 id_number=make("330106", dt.date(1940, 5, 5), 12))
    monitoring.add_tag(store, admin, alone.uuid, "独居老人", since="2025-01-01")
    other = residents.add_person(store, admin, name="孙大伯", id_number=make("330106", dt.date(1950, 5, 5), 13))
    monitoring.add_tag(store, admin, other.uuid, "独居老人", since="2025-01-01")
    return alone, other


def _window(qtbot, launcher):
    dialog = log_in(qtbot, launcher, user="admin")
    assert dialog.actor is not None, dialog.error
    win = launcher.main_window(dialog.actor)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


def _idle(qtbot, page):
    qtbot.waitUntil(lambda: not page.ctx.tasks.busy, timeout=15_000)


def _shot(win, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        win.grab().save(str(Path(SHOTS) / f"{name}.png"))


def _save(qtbot, dialog):
    dialog.save()
    qtbot.waitUntil(lambda: dialog.task is None and not dialog.isVisible(), timeout=15_000)
    assert dialog.error.isHidden(), dialog.error.text()


def _select(table, text):
    for r in range(table.rowCount()):
        if any(text in (table.item(r, c).text() if table.item(r, c) else "")
               for c in range(table.columnCount())):
            table.selectRow(r)
            return r
    raise AssertionError(f"{text} not listed")


def test_alert_to_case_and_through_the_workflow(qtbot, launcher, store, village):
    win = _window(qtbot, launcher)
    home = win.show_page("home")
    qtbot.waitUntil(lambda: home.loaded and not home.ctx.tasks.busy, timeout=15_000)
    assert not home.case_button.isEnabled()
    _select(home.table, "钱奶奶")
    assert home.case_button.isEnabled() and home.dismiss_button.isEnabled()
    dialog = home.handle_alert(dismiss=False)
    dialog.handler.setText("admin")
    _shot(win, "cases-1-alert-to-case")
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: not home._reading and any(i["target"].startswith("cases:")
                                                        for i in home.items), timeout=15_000)
    assert home.items[0]["target"].startswith("cases:")  # my case first
    assert not [i for i in home.items if "钱奶奶" in i["title"] and i["key"]]
    _shot(win, "cases-2-home")

    # 忽略 with a reason: the other alert is gone too
    _select(home.table, "孙大伯")
    dialog = home.handle_alert(dismiss=True)
    dialog.reason.setPlainText("已随子女居住")
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: not home._reading and not [i for i in home.items if "孙大伯" in i["title"]],
                    timeout=15_000)

    page = win.show_page("cases")
    _idle(qtbot, page)
    assert page.list.rowCount() == 1
    _select(page.list, "钱奶奶")
    assert page.step_buttons["act"].isEnabled() and not page.step_buttons["close"].isEnabled()
    step = page.step("act")
    step.note.setPlainText("已上门看望")
    _save(qtbot, step)
    _idle(qtbot, page)
    _select(page.list, "钱奶奶")
    step = page.step("close")
    step.save()  # no result: refused, the dialog stays
    qtbot.waitUntil(lambda: step.task is None, timeout=15_000)
    assert "E_CASE_RESULT" in step.error.text() and step.isVisible()
    step.result.setPlainText("已安排每周走访")
    step.decision.setCurrentText("维持")  # 养老 pays: the decision goes with the result
    _shot(win, "cases-3-close")
    _save(qtbot, step)
    _idle(qtbot, page)
    page.view.setCurrentIndex(page.view.findData("all"))
    _idle(qtbot, page)
    _select(page.list, "钱奶奶")
    assert page.selected()["status"] == "已办结"
    page.show_case()
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.objectName() == "caseView",
                    timeout=15_000)
    timeline = page.dialog.timeline
    assert [timeline.item(r, 3).text() for r in range(timeline.rowCount())] == [
        "待派单", "已派单", "处置中", "已办结"]
    _shot(page.dialog, "cases-4-timeline")
    page.dialog.close()


def test_assign_and_the_overdue_filter(qtbot, launcher, store, admin, village, monkeypatch):
    alone, other = village
    late = cases.open_case(store, admin, {"person": alone.uuid, "category": "临时救助",
                                          "title": "急需救助", "opened_on": "2026-11-01"})
    cases.open_case(store, admin, {"person": other.uuid, "category": "住房", "title": "修缮"})
    win = _window(qtbot, launcher)
    page = win.show_page("cases")
    _idle(qtbot, page)
    assert page.list.rowCount() == 2
    page.view.setCurrentIndex(page.view.findData("overdue"))
    _idle(qtbot, page)
    assert page.list.rowCount() == 1 and late["number"] in page.list.item(0, 0).text()
    _shot(win, "cases-5-overdue")
    _select(page.list, late["number"])
    step = page.step("assign")
    step.handler.setText("clerk")
    _save(qtbot, step)
    _idle(qtbot, page)
    assert cases.show(store, late["number"])["handler"] == "clerk"
    page.view.setCurrentIndex(page.view.findData("mine"))
    _idle(qtbot, page)
    assert page.list.rowCount() == 0  # the admin handles none now


def test_a_visit_and_a_concern_made_cases(qtbot, launcher, store, admin, village):
    from cunwu.ui.residents.person_dialog import PersonDialog

    alone, other = village
    monitoring.add_visit(store, admin, alone.uuid, visited_on="2026-11-20", visitor="李主任",
                         notes="屋顶漏雨，需要修缮")
    raised = concerns.add_concern(store, admin, {"raised_by": other.uuid, "topic": "看病报销慢"})
    win = _window(qtbot, launcher)
    person = PersonDialog(win.ctx, alone.uuid, win)
    qtbot.addWidget(person)
    person.show_tab("visits")
    assert not person.visit_case_button.isEnabled()
    person.visits.selectRow(0)
    assert person.visit_case_button.isEnabled()
    dialog = person.visit_to_case()
    assert dialog.title_edit.text() == "屋顶漏雨，需要修缮" and not dialog.person.text()
    dialog.category.setCurrentText("住房")
    _save(qtbot, dialog)
    person.close()

    page = win.show_page("meetings")
    qtbot.waitUntil(lambda: page.loaded and page.task is None, timeout=15_000)
    page.tabs.setCurrentIndex(2)
    page.concerns.select(raised.uuid)
    dialog = page.concern_to_case()
    assert dialog.title_edit.text() == "看病报销慢"
    dialog.category.setCurrentText("医疗")
    _shot(dialog, "cases-6-from-a-concern")
    _save(qtbot, dialog)

    found = {x["subject_name"]: cases.show(store, x["uuid"])
             for x in cases_queries.list_cases(store, admin)["cases"]}
    assert (found["钱奶奶"]["source"], found["钱奶奶"]["category"]) == ("visit", "住房")
    assert (found["孙大伯"]["source"], found["孙大伯"]["source_ref"]) == ("concern", raised.uuid)


def test_the_time_limits_in_the_window(qtbot, launcher, store, village):
    win = _window(qtbot, launcher)
    page = win.show_page("cases")
    _idle(qtbot, page)
    dialog = page.edit_limits()
    assert dialog.boxes["临时救助"].value() == 3 and dialog.boxes["住房"].value() == 30
    dialog.boxes["临时救助"].setValue(5)
    _shot(dialog, "cases-7-time-limits")
    _save(qtbot, dialog)
    assert cases.settings(store)["临时救助"] == 5 and cases.settings(store)["低保"] == 15

"""The points page on the real window: a rule, an activity with its sign-in checklist,
approval by a second user from the queue, 公示 with its printed list, posting, the ledger,
the supermarket counter with a receipt, and the rankings chart."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from cunwu.services import points, points_rules, points_settings
from cunwu.services.residents import add_household, add_person
from tests.ui.helpers import log_in

DAY = dt.date(2026, 3, 2)


@pytest.fixture
def villagers(store, admin):
    home = add_household(store, admin, number="0101", group_name="第一村民小组")
    names = ["王小明", "李秀英", "张伟"]
    return [add_person(store, admin, name=n, household_uuid=home.uuid,
                       relation="户主" if i == 0 else "子").uuid for i, n in enumerate(names)]


def _page(qtbot, launcher, user):
    dialog = log_in(qtbot, launcher, user=user)
    assert dialog.actor is not None, dialog.error
    win = launcher.main_window(dialog.actor)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    page = win.show_page("points")
    _settle(qtbot, page)
    return win, page


def _settle(qtbot, page):
    qtbot.waitUntil(lambda: page.loaded and not page.ctx.tasks.busy, timeout=15_000)


def _answer(monkeypatch, answer: bool) -> list[str]:
    """Every question the window asks gets `answer`; the list holds the questions."""
    from cunwu.ui import dialogs

    asked = []

    def ask(_parent, question, _yes):
        asked.append(question)
        return answer

    monkeypatch.setattr(dialogs, "ask", ask)
    return asked


def _save(qtbot, page, dialog):
    dialog.save()
    qtbot.waitUntil(lambda: dialog.task is None and not dialog.isVisible(), timeout=15_000)
    _settle(qtbot, page)


def test_points_from_sign_in_to_receipt(qtbot, launcher, villagers, monkeypatch, tmp_path):
    monkeypatch.setenv("CUNWU_TODAY", DAY.isoformat())
    saved = []

    def save_as(_parent, _title, name, _filter):
        saved.append(tmp_path / name)
        return str(tmp_path / name), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    asked = _answer(monkeypatch, True)

    win, page = _page(qtbot, launcher, "clerk")
    page.new_rule()
    rule = page.dialog
    rule.code.setText("HJ")
    rule.name.setText("参加环境整治")
    rule.points.setValue(5)
    rule.start.setDate(rule.start.date().addDays(-30))
    _save(qtbot, page, rule)
    assert page.rules.rowCount() == 1 and page.rules.item(0, 0).text() == "HJ"

    page.new_activity()
    act = page.dialog
    act.title_edit.setText("春季环境整治")
    act.place.setText("村文化广场")
    for query in ("wxm", "李秀英", "张伟"):  # pinyin initials, a name, a two-character name
        act.search.setText(query)
        act.find()
        qtbot.waitUntil(lambda: act.search_task is None and act.results.count() > 0, timeout=10_000)
        act.sign_in_selected()
    assert act.signin.rowCount() == 3
    act.signin.item(2, 0).setCheckState(Qt.CheckState.Unchecked)  # 张伟 did not come
    act.signin.cellWidget(0, 2).setValue(2)
    _save(qtbot, page, act)
    assert page.activities.rowCount() == 1 and page.queue.rowCount() == 1
    page.queue.selectRow(0)
    assert page.buttons["approve"].isEnabled()  # the button is there; the service refuses
    win.close()

    win, page = _page(qtbot, launcher, "admin")
    page.queue.selectRow(0)
    qtbot.waitUntil(lambda: page.approval.shown is not None, timeout=10_000)
    assert "王小明 +10" in page.approval.people.text()  # the reviewer sees who took part
    qtbot.mouseClick(page.buttons["approve"], Qt.MouseButton.LeftButton)
    _settle(qtbot, page)
    assert "2 people, 15 points" in asked[-1]
    assert page.queue.rowCount() == 0
    page.activities.selectRow(0)
    assert page.buttons["publish"].isEnabled()
    qtbot.mouseClick(page.buttons["publish"], Qt.MouseButton.LeftButton)
    _settle(qtbot, page)
    assert saved and saved[-1].exists()  # the 公示 list was printed
    monkeypatch.setenv("CUNWU_TODAY", (DAY + dt.timedelta(days=7)).isoformat())
    page.select_activity(page.data["activities"][0]["uuid"])
    qtbot.mouseClick(page.buttons["post"], Qt.MouseButton.LeftButton)
    _settle(qtbot, page)
    assert page.ledger.rowCount() == 2
    assert sorted(page.ledger.item(r, 3).text() for r in range(2)) == ["+10", "+5"]

    page.new_goods()
    goods = page.dialog
    goods.name.setText("洗衣粉")
    goods.price.setValue(4)
    goods.stock.setValue(3)
    _save(qtbot, page, goods)
    page.counter.search.setText("wangxiaoming")
    page.counter.find()
    _settle(qtbot, page)
    assert page.counter.person["name"] == "王小明"
    assert "10" in page.counter.balance.text()  # scored per person by default: their own balance
    page.counter.goods.selectRow(0)
    page.counter.quantity.setValue(2)
    page.counter.add_to_basket()
    assert "8" in page.counter.basket_total.text()
    qtbot.mouseClick(page.buttons["redeem"], Qt.MouseButton.LeftButton)
    _settle(qtbot, page)
    assert "8 points will be deducted" in asked[-1]
    assert page.counter.last_receipt is not None and saved[-1].name.startswith("Points receipt ")
    assert saved[-1].exists()
    assert page.counter.goods.item(0, 2).text() == "1" and "2" in page.counter.balance.text()
    assert page.ledger.rowCount() == 3

    page.tabs.setCurrentIndex(5)
    page.year.setValue(2026)
    page.show_ranking()
    _settle(qtbot, page)
    assert page.ranking.rowCount() == 2 and page.chart.bars[0][1] == 10
    win.close()


def test_a_rule_names_its_meeting_by_date_and_title(qtbot, launcher, villagers, store, admin):
    from cunwu.services import meetings

    held = meetings.save_meeting(store, admin, {"kind": "议事协商会", "title": "积分规则表决",
                                                "held_at": "2026-02-20T09:00",
                                                "present": villagers})
    win, page = _page(qtbot, launcher, "clerk")
    page.new_rule()
    rule = page.dialog
    assert rule.meeting.currentData() is None  # a rule approved by no meeting on record
    texts = [rule.meeting.itemText(i) for i in range(rule.meeting.count())]
    assert texts[1:] == ["2026-02-20  积分规则表决"]
    rule.meeting.setCurrentIndex(1)
    rule.code.setText("HJ")
    rule.name.setText("参加环境整治")
    _save(qtbot, page, rule)
    assert points_rules.rules(store)[0].approved_by_meeting == held.uuid


def test_a_refused_rule_keeps_what_was_typed(qtbot, launcher, villagers):
    win, page = _page(qtbot, launcher, "clerk")
    page.new_rule()
    rule = page.dialog
    rule.code.setText("HJ")
    rule.name.setText("")
    rule.save()
    qtbot.waitUntil(lambda: rule.task is None, timeout=10_000)
    assert rule.isVisible() and "E_POINTS_RULE_NAME" in rule.error.text()
    assert rule.code.text() == "HJ"
    rule.reject()
    assert points_rules.rules(page.ctx.store) == []
    win.close()


def test_home_lists_points_waiting_and_opens_them(qtbot, launcher, store, clerk, villagers,
                                                  monkeypatch):
    monkeypatch.setenv("CUNWU_TODAY", DAY.isoformat())
    points_rules.add_rules(store, clerk, [{"code": "HJ", "name": "参加环境整治", "points": 5,
                                     "unit": "次"}], "2026-01-01")
    a = points.add_activity(store, clerk, title="河道清理", held_on=DAY, rule="HJ",
                            participants=[{"person": villagers[0], "quantity": 1}])
    from cunwu.services.home import home_items

    items = [i for i in home_items(store, clerk) if i["target"] == f"points:{a.uuid}"]
    assert len(items) == 1 and "approval" in items[0]["title"]
    win, page = _page(qtbot, launcher, "admin")
    win.open_target(f"points:{a.uuid}")
    _settle(qtbot, page)
    assert page.tabs.currentIndex() == 1 and page.queue.selectedItems()
    win.close()


def test_objection_and_settings_from_the_window(qtbot, launcher, store, clerk, admin, villagers,
                                                monkeypatch):
    monkeypatch.setenv("CUNWU_TODAY", DAY.isoformat())
    points_rules.add_rules(store, clerk, [{"code": "HJ", "name": "参加环境整治", "points": 5,
                                     "unit": "次"}], "2026-01-01")
    a = points.add_activity(store, clerk, title="河道清理", held_on=DAY, rule="HJ",
                            participants=[{"person": p, "quantity": 1} for p in villagers])
    points.approve(store, admin, a.uuid)
    points.publish(store, clerk, a.uuid)
    win, page = _page(qtbot, launcher, "clerk")
    page.select_activity(a.uuid)
    page.participants()
    dialog = page.dialog
    qtbot.waitUntil(lambda: dialog.task is None and dialog.table.rowCount() == 3, timeout=10_000)
    dialog.table.selectRow(0)
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText",
                        lambda *a, **k: ("本人当天不在村里", True))
    dialog.object_()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10_000)
    assert sum(p["state"] == "held" for p in points.activity(store, a.uuid)["people"]) == 1
    dialog.reject()
    _settle(qtbot, page)

    page.settings()
    settings = page.dialog
    settings.scope.setCurrentIndex(1)
    settings.days.setValue(5)
    settings.add_level("十星级文明户", 1000)
    _save(qtbot, page, settings)
    saved = points_settings.settings(store)
    assert (saved.scope, saved.publish_days) == ("household", 5)
    assert saved.level_list()[0] == {"name": "十星级文明户", "min": 1000}
    win.close()


def _waiting(store, clerk, villagers, titles=("河道清理",)):
    points_rules.add_rules(store, clerk, [{"code": "HJ", "name": "参加环境整治", "points": 5,
                                           "unit": "次"}], "2026-01-01")
    return [points.add_activity(store, clerk, title=t, held_on=DAY, rule="HJ",
                                participants=[{"person": villagers[0], "quantity": 1}])
            for t in titles]


def test_approving_asks_and_leaves_the_next_row_unselected(qtbot, launcher, store, clerk,
                                                           villagers, monkeypatch):
    monkeypatch.setenv("CUNWU_TODAY", DAY.isoformat())
    _waiting(store, clerk, villagers, ("河道清理", "扫雪"))
    win, page = _page(qtbot, launcher, "admin")
    page.tabs.setCurrentIndex(1)
    asked = _answer(monkeypatch, False)
    page.queue.selectRow(0)
    qtbot.waitUntil(lambda: page.approval.shown is not None, timeout=10_000)
    qtbot.mouseClick(page.buttons["approve"], Qt.MouseButton.LeftButton)
    _settle(qtbot, page)
    assert asked and page.queue.rowCount() == 2  # declined: nothing approved
    asked = _answer(monkeypatch, True)
    qtbot.mouseClick(page.buttons["approve"], Qt.MouseButton.LeftButton)
    _settle(qtbot, page)
    assert page.queue.rowCount() == 1
    assert not page.queue.selectedItems() and not page.buttons["approve"].isEnabled()
    qtbot.mouseClick(page.buttons["approve"], Qt.MouseButton.LeftButton)  # a second click
    _settle(qtbot, page)
    assert page.queue.rowCount() == 1 and len(asked) == 1
    win.close()


def test_rejecting_needs_a_reason_and_is_audited(qtbot, launcher, store, clerk, villagers,
                                                 monkeypatch):
    from sqlmodel import select

    from cunwu.store.tables import AuditEntry

    monkeypatch.setenv("CUNWU_TODAY", DAY.isoformat())
    [act] = _waiting(store, clerk, villagers)
    win, page = _page(qtbot, launcher, "admin")
    page.queue.selectRow(0)
    qtbot.waitUntil(lambda: page.approval.shown is not None, timeout=10_000)
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText",
                        lambda *a, **k: ("签到表上的人当天不在村里", True))
    qtbot.mouseClick(page.buttons["reject"], Qt.MouseButton.LeftButton)
    _settle(qtbot, page)
    assert page.queue.rowCount() == 0 and points.activities(store) == []
    with store.read() as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "points.reject")).one()
    assert "签到表上的人当天不在村里" in str(entry.detail)
    win.close()


@pytest.fixture
def shop(store, clerk, admin, villagers, monkeypatch):
    """王小明 with 10 points and 洗衣粉 at 4 points on the shelf."""
    from cunwu.services import points_shop

    monkeypatch.setenv("CUNWU_TODAY", DAY.isoformat())
    [act] = _waiting(store, clerk, villagers)
    points.set_participants(store, clerk, act.uuid, [{"person": villagers[0], "quantity": 2}])
    points.approve(store, admin, act.uuid)
    points.publish(store, clerk, act.uuid, days=1)
    monkeypatch.setenv("CUNWU_TODAY", (DAY + dt.timedelta(days=1)).isoformat())
    points.post(store, clerk, act.uuid)
    points_shop.add_goods(store, clerk, name="洗衣粉", price=4, stock=3)


def _basket(qtbot, page):
    page.tabs.setCurrentIndex(4)
    page.counter.search.setText("王小明")
    page.counter.find()
    _settle(qtbot, page)
    page.counter.goods.selectRow(0)
    page.counter.add_to_basket()


def test_redeeming_asks_first(qtbot, launcher, shop, monkeypatch):
    asked = _answer(monkeypatch, False)
    win, page = _page(qtbot, launcher, "clerk")
    _basket(qtbot, page)
    qtbot.mouseClick(page.buttons["redeem"], Qt.MouseButton.LeftButton)
    _settle(qtbot, page)
    assert "4 points will be deducted" in asked[0]
    assert "10" in page.counter.balance.text() and page.counter.last_receipt is None
    assert page.counter.goods.item(0, 2).text() == "3"
    win.close()


def test_a_cancelled_receipt_can_be_printed_again(qtbot, launcher, shop, monkeypatch, tmp_path):
    _answer(monkeypatch, True)
    answers = ["", str(tmp_path / "later.pdf")]  # cancel the first save, save the second
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a: (answers.pop(0), "PDF (*.pdf)"))
    win, page = _page(qtbot, launcher, "clerk")
    _basket(qtbot, page)
    qtbot.mouseClick(page.buttons["redeem"], Qt.MouseButton.LeftButton)
    _settle(qtbot, page)
    done = page.counter.last_receipt
    assert done is not None and done.number in page.counter.receipt_note.text()
    assert page.buttons["reprint"].isEnabled()
    qtbot.mouseClick(page.buttons["reprint"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (tmp_path / "later.pdf").exists(), timeout=10_000)
    _settle(qtbot, page)
    assert "saved" in page.counter.receipt_note.text()
    win.close()

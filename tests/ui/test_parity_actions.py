"""What the command line could do and the window could not, now in the window through the
same services: 核验公示码 (`disclosures verify`), 更换密钥 (`sync rotate-key`) and a group's
review (`residents tags review`)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from cunwu.domain.idnumbers import make
from cunwu.ui.widgets import qdate

NOTICE = {"category": "财务", "title": "2026年7月财务收支公开",
          "period": {"from": "2026-07-01", "to": "2026-07-31"}, "body": "本月收支情况如下。",
          "posting_days": 7}


def _check(qtbot, dialog, code: str) -> None:
    dialog.code.setText(code)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10_000)


def test_check_a_printed_code(qtbot, window, store, clerk):
    from cunwu.services import disclosure_print as dp
    from cunwu.services import disclosures as svc

    d = svc.add(store, clerk, NOTICE)
    code = dp.notice_for(store, d.uuid).code
    page = window.show_page("disclosures")
    button = page.buttons["verify"]
    assert button.objectName() == "disclosures_verify" and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    _check(qtbot, dialog, code)
    assert dialog.verdict.ok and dialog.result.property("role") == "ok"
    assert "matches the record" in dialog.result.text() and NOTICE["title"] in dialog.result.text()
    _check(qtbot, dialog, "0000-0000-0000")
    assert not dialog.verdict.ok and dialog.result.property("role") == "error"
    _check(qtbot, dialog, "hello")
    assert dialog.verdict is None and "verification code" in dialog.result.text()


def test_make_a_new_key(qtbot, window, store, admin, memory_keyring, monkeypatch):
    from cunwu.services import sync

    page = window.show_page("sync")
    assert page.rotate_button.objectName() == "sync_rotate_key"
    assert not page.rotate_button.isEnabled()  # no key yet: enrol first
    first = sync.ensure_key(store, admin, None)
    page.refresh()
    assert page.rotate_button.isEnabled()
    monkeypatch.setattr("cunwu.ui.sync.key_rotation.ask", lambda *_a: False)
    assert page.rotate_key() is None
    assert sync.status(store)["key_pending"] is None
    monkeypatch.setattr("cunwu.ui.sync.key_rotation.ask", lambda *_a: True)
    qtbot.mouseClick(page.rotate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.task is None, timeout=20_000)
    pending = sync.status(store)["key_pending"]
    assert pending and pending != first.key_id
    assert "New key made" in page.result.text()


def test_a_supervisor_cannot_make_a_key(qtbot, launcher, store, admin, memory_keyring):
    from cunwu.services import sync
    from cunwu.services.village import admin_actor

    sync.ensure_key(store, admin, None)
    win = launcher.main_window(admin_actor(launcher.store, "supervisor"))
    qtbot.addWidget(win)
    page = win.show_page("sync")
    assert not page.rotate_button.isEnabled()
    win.close()


def test_record_a_review_in_the_person_dialog(qtbot, window, store, clerk):
    from cunwu.services import monitoring, residents
    from cunwu.ui.residents.person_dialog import PersonDialog

    person = residents.add_person(store, clerk, name="赵老汉",
                                  id_number=make("330106", dt.date(1950, 1, 1), 11))
    monitoring.add_tag(store, clerk, person.uuid, "低保", since="2026-01-01",
                       review_due="2026-06-30")
    dialog = PersonDialog(window.ctx, person.uuid, window)
    qtbot.addWidget(dialog)
    for name in ("addTag", "endTag", "reviewTag", "addVisit"):
        assert dialog.findChild(type(dialog.review_tag_button), name) is not None, name
    dialog.tags.selectRow(0)
    dialog.tag_review.setDate(qdate(dt.date(2027, 6, 30)))
    qtbot.mouseClick(dialog.review_tag_button, Qt.MouseButton.LeftButton)
    with store.read() as s:
        tag = monitoring.person_tags(s, person.uuid)[0]
    assert tag.review_due == dt.date(2027, 6, 30)
    assert dialog.tags.item(0, 3).text() == "2027-06-30"
    assert residents.history(store, person.uuid)[-1]["action"] == "tags.edit"


def test_retire_a_rule_restock_and_everyones_balance(qtbot, window, store, clerk, admin,
                                                      monkeypatch):
    from cunwu.services import points_rules, points_shop
    from points_support import people, run_to_ledger

    points_rules.add_rules(store, clerk, [{"code": "HJ", "name": "环境整治", "points": 5,
                                           "unit": "次"}], "2026-01-01")
    points_shop.add_goods(store, clerk, name="洗衣粉", price=20, stock=3)
    who = people(store, clerk, 2)
    run_to_ledger(store, clerk, admin, monkeypatch,
                  participants=[{"person": p, "quantity": 1} for p in who])
    page = window.show_page("points")
    page.refresh()
    qtbot.waitUntil(lambda: page.task is None and page.rules.rowCount() == 1, timeout=10_000)

    page.rules.selectRow(0)
    assert page.buttons["retire_rule"].isEnabled()
    from cunwu.ui.points import upkeep

    upkeep.retire_rule(page, "2026-12-31")
    qtbot.waitUntil(lambda: page.task is None, timeout=10_000)
    assert points_rules.rules(store)[0].effective_to.isoformat() == "2026-12-31"

    qtbot.waitUntil(lambda: page.counter.goods.rowCount() == 1, timeout=10_000)
    page.counter.goods.selectRow(0)
    assert page.buttons["restock"].isEnabled()
    upkeep.restock(page, 10)
    qtbot.waitUntil(lambda: page.task is None, timeout=10_000)
    assert points_shop.goods_list(store)[0].stock == 13

    qtbot.mouseClick(page.buttons["balances"], Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.waitUntil(lambda: dialog.task is None and len(dialog.rows) == 2, timeout=10_000)
    assert {r["balance"] for r in dialog.rows} == {5}
    dialog.scope.setCurrentIndex(1)
    qtbot.waitUntil(lambda: dialog.task is None and dialog.table.columnCount() == 3, timeout=10_000)


def test_the_disclosure_rules(qtbot, window, store):
    from cunwu.services.disclosures import rules

    page = window.show_page("disclosures")
    qtbot.mouseClick(page.buttons["rules"], Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog.values() == {}
    dialog.phone.setText("0571-88886666")
    dialog.finance_every.setCurrentIndex(dialog.finance_every.findData("quarter"))
    assert dialog.values() == {"phone": "0571-88886666", "finance_every": "quarter"}
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save()
    r = rules(store)
    assert (r.phone, r.finance_every, r.place) == ("0571-88886666", "quarter", "村务公开栏")

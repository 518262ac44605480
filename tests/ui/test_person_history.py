"""The person's 变更历史 speaks a clerk's words: no action codes, no empty change cells."""

from __future__ import annotations

import datetime as dt

from cunwu import clock
from cunwu.domain.idnumbers import make
from cunwu.domain.residents import Person
from cunwu.services import residents


def cells(table, row):
    return [table.item(row, c).text() for c in range(table.columnCount())]


def test_history_says_what_happened_in_words(qtbot, window, store, clerk):
    # as a roster import writes people: in bulk, without a history line of their own
    with store.write(clerk, "test.import") as uow:
        person = uow.add(Person(name="王秀兰", id_number=make("330106", dt.date(1958, 3, 3), 21),
                                created_at=clock.now_utc(), created_by="clerk"))
    residents.update_person(store, clerk, person.uuid, phone="13912345678")
    dialog = window.show_page("residents").open_person(person.uuid)
    qtbot.addWidget(dialog)
    first, edit = cells(dialog.history, 0), cells(dialog.history, 1)
    assert first[2] == "Record created from a roster" and "王秀兰" in first[3]
    assert edit[2] == "Edited" and edit[3] == "phone: 13912345678"
    assert edit[0] == clock.local_minute(residents.history(store, person.uuid)[0]["at"])
    shown = " ".join(" ".join(cells(dialog.history, r)) for r in range(dialog.history.rowCount()))
    assert "residents." not in shown and "T" not in edit[0]
    dialog.close()


def test_history_names_who_by_their_real_name(qtbot, window, store, clerk):
    from cunwu.services.accounts import add_user
    from cunwu.services.village import admin_actor

    add_user(store, admin_actor(store, "admin"), "wangkj", "clerk", "a-long-pass-1", "王会计")
    person = residents.add_person(store, clerk, name="李桂英",
                                  id_number=make("330106", dt.date(1960, 4, 4), 22))
    residents.update_person(store, admin_actor(store, "wangkj"), person.uuid, phone="13900001111")
    dialog = window.show_page("residents").open_person(person.uuid)
    qtbot.addWidget(dialog)
    # the clerk's account has no name of its own: its login stands in
    assert [cells(dialog.history, r)[1] for r in range(dialog.history.rowCount())] \
        == ["clerk", "王会计"]
    dialog.close()

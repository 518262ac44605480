"""The 家庭户 list a clerk works from: found by 户号, 户主 or address, and each household's
members with the 户主 first."""

from __future__ import annotations

import datetime as dt

from cunwu.domain.idnumbers import make
from cunwu.services import residents


def texts(table, column: int) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_households_are_found_and_the_head_comes_first(qtbot, window, store, clerk):
    east = residents.add_household(store, clerk, number="000201", group_name="1组",
                                   address="青山村东头3号")
    residents.add_household(store, clerk, number="000202", group_name="2组",
                            address="青山村西头8号")
    # the son was born first and the 户主 entered last: the 户主 still comes first
    residents.add_person(store, clerk, name="张小明", household_uuid=east.uuid, relation="子",
                         id_number=make("330106", dt.date(1950, 1, 1), 11))
    residents.add_person(store, clerk, name="张建国", household_uuid=east.uuid, relation="户主",
                         id_number=make("330106", dt.date(1970, 2, 2), 13))
    view = window.show_page("residents").open_households()
    qtbot.addWidget(view)
    assert view.households.rowCount() == 2
    for typed, numbers in (("000202", ["000202"]), ("张建国", ["000201"]), ("西头", ["000202"]),
                           ("青山村", ["000201", "000202"]), ("王", [])):
        view.search.setText(typed)
        assert sorted(texts(view.households, 0)) == numbers, typed
    view.search.setText("东头")  # one household found: its members show at once
    assert texts(view.members, 0) == ["张建国", "张小明"]
    assert texts(view.members, 1)[0] == "户主"

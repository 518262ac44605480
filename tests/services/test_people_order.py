"""The register sorted by the store (what a click on a residents header asks for): names by
pinyin, dates and numbers by value, blanks last, with filters, search and paging."""

from __future__ import annotations

import datetime as dt

import pytest

from cunwu.domain.idnumbers import make
from cunwu.services import monitoring, people, residents


@pytest.fixture
def register(store, clerk):
    """Five people added in an order that no column sorts them in."""
    one = residents.add_household(store, clerk, number="0002", group_name="1组")
    two = residents.add_household(store, clerk, number="0001", group_name="2组")
    added = {}
    for name, born, seq, hh in (("赵六", dt.date(1970, 1, 1), 11, one), ("王五", dt.date(1950, 3, 3), 12, two),
                                ("阿明", dt.date(1990, 9, 9), 13, one), ("张三", dt.date(1960, 6, 6), 14, two),
                                ("李四", None, 0, None)):
        number = make("330106", born, seq) if born else None
        added[name] = residents.add_person(store, clerk, name=name, id_number=number,
                                           household_uuid=hh.uuid if hh else None)
    monitoring.add_tag(store, clerk, added["张三"].uuid, "低保", since="2026-01-01",
                       review_due="2026-12-01", data={"covered": 1, "monthly_amount": 900})
    return added


def names(store, **query) -> list[str]:
    with store.read() as s:
        return [r.name for r in people.page(s, people.PersonQuery(**query))]


def test_unsorted_is_the_register_order(store, register):
    assert names(store) == ["赵六", "王五", "阿明", "张三", "李四"]


def test_names_by_pinyin_either_way(store, register):
    assert names(store, order="name") == ["阿明", "李四", "王五", "张三", "赵六"]
    assert names(store, order="name", descending=True) == ["赵六", "张三", "王五", "李四", "阿明"]


def test_dates_and_numbers_by_value_blank_last(store, register):
    assert names(store, order="birth_date") == ["王五", "张三", "赵六", "阿明", "李四"]
    assert names(store, order="birth_date", descending=True) == ["阿明", "赵六", "张三", "王五", "李四"]
    assert names(store, order="household_number")[:2] == ["王五", "张三"]
    assert names(store, order="household_number")[-1] == "李四"
    assert names(store, order="tags")[0] == "张三"


def test_sorted_with_filter_and_search(store, register):
    assert names(store, order="name", group="1组") == ["阿明", "赵六"]
    assert names(store, order="birth_date", search="330106") == ["王五", "张三", "赵六", "阿明"]
    assert names(store, order="name", descending=True, search="330106", group="2组") == ["张三", "王五"]


def test_sorted_pages_follow_on_and_all_rows_keeps_the_order(store, register):
    query = people.PersonQuery(order="name")
    assert people.by_offset(query) and not people.by_offset(people.PersonQuery())
    with store.read() as s:
        first = people.page(s, query, limit=2)
        rest = people.page(s, query, offset=2, limit=10)
    assert [r.name for r in first + rest] == ["阿明", "李四", "王五", "张三", "赵六"]
    assert [r.name for r in people.all_rows(store, query)] == ["阿明", "李四", "王五", "张三", "赵六"]

"""Adding one person by hand: the ID number is required, the household is named by its 户号,
and a refusal writes nothing."""

import datetime as dt

import pytest
from sqlalchemy import text

from cunwu.domain.idnumbers import make
from cunwu.errors import CunwuError
from cunwu.services import residents

ZWQ = make("330106", dt.date(1960, 5, 5), 11)


def counts(store) -> tuple[int, int, int]:
    with store.read() as s:
        return tuple(s.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                     for t in ("persons", "person_events", "households"))


def test_household_by_number(store, clerk):
    hh = residents.add_household(store, clerk, number="000123", group_name="1组")
    person = residents.add_person_by_hand(store, clerk, name="张伟强", id_number=ZWQ,
                                          household_number=" 000123 ", relation="户主").person
    assert person.household_uuid == hh.uuid
    with store.read() as s:
        assert residents.find_household(s, "000123").head_uuid == person.uuid
        assert residents.find_household(s, hh.uuid).number == "000123"
    assert residents.history(store, person.uuid)[0]["changes"]["household_uuid"] == [None, hh.uuid]


@pytest.mark.parametrize("fields, code", [
    ({"name": "李娜"}, "E_ID_EMPTY"),
    ({"name": "李娜", "id_number": "  "}, "E_ID_EMPTY"),
    ({"name": "李娜", "id_number": ZWQ, "household_number": "000999"}, "E_HOUSEHOLD_NOT_FOUND"),
    ({"name": "李娜", "id_number": ZWQ, "sex": "女"}, "E_ID_SEX_MISMATCH"),
    ({"name": "", "id_number": ZWQ}, "E_PERSON_NAME_EMPTY"),
])
def test_refusals_write_nothing(store, clerk, fields, code):
    residents.add_household(store, clerk, number="000123")
    before = counts(store)
    with pytest.raises(CunwuError) as e:
        residents.add_person_by_hand(store, clerk, **fields)
    assert e.value.code == code
    assert counts(store) == before


def test_duplicate_names_the_person_already_recorded(store, clerk):
    residents.add_person_by_hand(store, clerk, name="张伟强", id_number=ZWQ)
    before = counts(store)
    with pytest.raises(CunwuError) as e:
        residents.add_person_by_hand(store, clerk, name="张伟", id_number=ZWQ[:6] + " " + ZWQ[6:])
    assert e.value.code == "E_ID_DUPLICATE" and e.value.params == {"name": "张伟强"}
    assert counts(store) == before


def test_warnings_of_a_stored_number():
    assert residents.id_warnings(ZWQ) == []
    assert residents.id_warnings(make("990000", dt.date(1980, 1, 1), 11)) == ["W_ID_ADDRESS"]
    assert residents.id_warnings(None) == []


def test_the_warnings_come_with_the_person(store, clerk):
    odd = make("990000", dt.date(1980, 1, 1), 11)
    assert residents.add_person_by_hand(store, clerk, name="张伟强", id_number=ZWQ).warnings == []
    assert residents.add_person_by_hand(store, clerk, name="李娜", id_number=odd).warnings == \
        ["W_ID_ADDRESS"]

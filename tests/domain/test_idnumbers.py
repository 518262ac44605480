"""ID numbers: normalising, checking, what they tell."""

import datetime as dt

import pytest

from cunwu.domain import idnumbers
from cunwu.errors import CunwuError


def test_valid_examples():
    info = idnumbers.parse("11010519491231002X")
    assert info.birth_date == dt.date(1949, 12, 31)
    assert info.sex == "女"
    assert idnumbers.parse("440524188001010014").sex == "男"


@pytest.mark.parametrize("raw", ["11010519491231002x", "１１０１０５１９４９１２３１００２Ｘ",
                                 "110105 19491231 002X", " 110105-19491231-002x "])
def test_normalises_what_people_type(raw):
    assert idnumbers.parse(raw).number == "11010519491231002X"


def test_upgrades_15_digit_numbers():
    number = idnumbers.normalise("330106900101001")
    assert len(number) == 18 and number.startswith("33010619900101001")
    assert idnumbers.parse("330106900101001").birth_date == dt.date(1990, 1, 1)


@pytest.mark.parametrize("raw", [3.30106199001011e17, "3.30106199001011E+17"])
def test_spreadsheet_floats_are_rejected(raw):
    with pytest.raises(CunwuError) as e:
        idnumbers.parse(raw)
    assert e.value.code == "E_ID_FLOAT"
    assert "digits are lost" in e.value.message


def test_bad_checksum_and_date():
    with pytest.raises(CunwuError) as e:
        idnumbers.parse("110105194912310021")
    assert e.value.code == "E_ID_CHECKSUM"
    with pytest.raises(CunwuError) as e:
        idnumbers.parse(idnumbers.make("330106", dt.date(1990, 1, 1), 1)[:10] + "1399" + "0011")
    assert e.value.code in ("E_ID_BIRTH_DATE", "E_ID_CHECKSUM")


def test_unknown_address_code_is_a_warning():
    number = idnumbers.make("999999", dt.date(1990, 1, 1), 11)
    info = idnumbers.parse(number)
    assert info.warnings == ("W_ID_ADDRESS",)
    assert idnumbers.parse(idnumbers.make("330106", dt.date(1990, 1, 1), 11)).warnings == ()


def test_mismatch_with_entered_values():
    info = idnumbers.parse(idnumbers.make("330106", dt.date(1990, 1, 1), 12))  # even: female
    idnumbers.check_against(info, birth_date=dt.date(1990, 1, 1), sex="女")
    with pytest.raises(CunwuError) as e:
        idnumbers.check_against(info, birth_date=None, sex="男")
    assert e.value.code == "E_ID_SEX_MISMATCH"
    with pytest.raises(CunwuError) as e:
        idnumbers.check_against(info, birth_date=dt.date(1990, 1, 2), sex=None)
    assert e.value.code == "E_ID_BIRTH_MISMATCH"


def test_mask():
    assert idnumbers.mask("11010519491231002X") == "110105********002X"

"""`cunwu residents add` and `cunwu households add`: one person or household typed in by hand."""

import datetime as dt

import pytest

from cunwu.domain.idnumbers import make

ZWQ = make("330106", dt.date(1960, 5, 5), 11)  # odd sequence: male
LINA = make("330106", dt.date(1962, 6, 6), 12)  # even: female


@pytest.fixture
def village(cli, store):
    store.close()
    r = cli("households", "add", "--number", "000123", "--address", "青山村1组5号", "--group", "1组",
            "--json", user="clerk")
    assert r.code == 0, r.err
    return r.json


def count(cli, what="residents"):
    return len(cli(what, "list", "--json", user="clerk").json)


def test_add_a_household_then_its_people(cli, village):
    assert village["number"] == "000123" and village["group_name"] == "1组"
    r = cli("residents", "add", "--name", "张 伟强", "--id-number", ZWQ.lower(), "--household", "000123",
            "--relation", "户主", "--phone", "13912345678", "--ethnicity", "汉族", "--json", user="clerk")
    assert r.code == 0, r.err
    person = r.json
    assert person["name"] == "张伟强" and person["id_number"] == ZWQ
    assert (person["sex"], person["birth_date"]) == ("男", "1960-05-05")
    assert person["household_uuid"] == village["uuid"] and person["household_number"] == "000123"
    assert person["status"] == "户籍在册" and person["warnings"] == []
    text = cli("residents", "add", "--name", "李娜", "--id-number", LINA, "--household", "000123",
               "--relation", "配偶", "--sex", "女", "--birth-date", "1962-06-06", user="clerk")
    assert text.code == 0, text.err
    assert "李娜 (330106********" in text.out and "000123" in text.out
    listed = {p["name"]: p for p in cli("residents", "list", "--json", user="clerk").json}
    assert set(listed) == {"张伟强", "李娜"}
    assert listed["张伟强"]["uuid"] == person["uuid"]
    households = cli("households", "list", "--json", user="clerk").json
    assert [(h["number"], h["head_name"], h["members"]) for h in households] == [("000123", "张伟强", 2)]
    assert "000123" in cli("households", "list", user="clerk").out


def test_person_without_household(cli, store):
    store.close()
    r = cli("residents", "add", "--name", "王五", "--id-number", ZWQ, "--status", "外出务工", "--json",
            user="admin")
    assert r.code == 0, r.err
    assert r.json["household_uuid"] is None and r.json["status"] == "外出务工"


@pytest.mark.parametrize("args, code", [
    (["--name", "张三", "--id-number", ZWQ], "E_ID_DUPLICATE"),
    (["--name", "张三", "--id-number", ZWQ[:-1] + ("0" if ZWQ[-1] != "0" else "1")], "E_ID_CHECKSUM"),
    (["--name", "张三", "--id-number", "3.30106199001011E+17"], "E_ID_FLOAT"),
    (["--name", "张三", "--id-number", "33010619600505"], "E_ID_LENGTH"),
    (["--name", "张三", "--id-number", ""], "E_ID_EMPTY"),
    (["--name", "张三", "--id-number", LINA, "--household", "999"], "E_HOUSEHOLD_NOT_FOUND"),
    (["--name", "张三", "--id-number", LINA, "--sex", "男"], "E_ID_SEX_MISMATCH"),
    (["--name", "张三", "--id-number", LINA, "--sex", "x"], "E_PERSON_SEX"),
    (["--name", "张三", "--id-number", LINA, "--birth-date", "1962-06-07"], "E_ID_BIRTH_MISMATCH"),
    (["--name", "张三", "--id-number", LINA, "--birth-date", "6/6/62"], "E_DATE"),
    (["--name", "张三", "--id-number", LINA, "--status", "失踪"], "E_PERSON_STATUS"),
    (["--name", "", "--id-number", LINA], "E_PERSON_NAME_EMPTY"),
    (["--name", "张三3", "--id-number", LINA], "E_PERSON_NAME"),
])
def test_bad_input_is_refused_and_writes_nothing(cli, village, args, code):
    assert cli("residents", "add", "--name", "张伟强", "--id-number", ZWQ, user="clerk").code == 0
    r = cli("residents", "add", *args, "--json", user="clerk")
    assert r.code == 1 and r.err.startswith(f"{code}: ") and r.out == ""
    assert len(r.err.strip().splitlines()) == 1
    assert count(cli) == 1


def test_messages_in_chinese(cli, village):
    cli("residents", "add", "--name", "张伟强", "--id-number", ZWQ, user="clerk")
    zh = {"CUNWU_LANG": "zh_CN"}
    dup = cli("residents", "add", "--name", "张三", "--id-number", ZWQ, user="clerk", env=zh)
    assert dup.code == 1 and "E_ID_DUPLICATE" in dup.err and "张伟强" in dup.err
    assert "one person is never recorded twice" not in dup.err and "已" in dup.err
    ok = cli("residents", "add", "--name", "李娜", "--id-number", LINA, "--household", "000123",
             user="clerk", env=zh)
    assert ok.code == 0 and "added" not in ok.out and "李娜" in ok.out
    hh = cli("households", "add", "--number", "000124", user="clerk", env=zh)
    assert hh.code == 0 and "000124" in hh.out and "added" not in hh.out


def test_unknown_address_code_is_a_warning(cli, store):
    store.close()
    odd = make("990000", dt.date(1980, 1, 1), 11)
    r = cli("residents", "add", "--name", "赵六", "--id-number", odd, "--json", user="clerk")
    assert r.code == 0, r.err
    assert r.json["warnings"] == ["W_ID_ADDRESS"] and "W_ID_ADDRESS: " in r.err
    assert count(cli) == 1


def test_household_number_twice_or_missing(cli, village):
    again = cli("households", "add", "--number", " 000123 ", user="clerk")
    assert again.code == 1 and again.err.startswith("E_HOUSEHOLD_EXISTS: ")
    empty = cli("households", "add", "--number", "  ", user="clerk")
    assert empty.code == 1 and empty.err.startswith("E_HOUSEHOLD_NUMBER: ")
    assert count(cli, "households") == 1


def test_who_may_add(cli, store):
    store.close()
    for args in (["residents", "add", "--name", "张伟强", "--id-number", ZWQ],
                 ["households", "add", "--number", "000123"]):
        nobody = cli(*args)
        assert nobody.code == 2 and "E_AUTH_REQUIRED" in nobody.err
        supervisor = cli(*args, user="supervisor")
        assert supervisor.code == 1 and "E_PERMISSION" in supervisor.err
    assert count(cli) == 0 and count(cli, "households") == 0


def test_required_options_are_usage_errors(cli, store):
    store.close()
    assert cli("residents", "add", "--name", "张伟强", user="clerk").code == 2
    assert cli("residents", "add", "--id-number", ZWQ, user="clerk").code == 2
    assert cli("households", "add", user="clerk").code == 2
    assert count(cli) == 0

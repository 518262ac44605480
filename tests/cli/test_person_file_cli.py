"""`cunwu residents show|edit|status|tags|visits`: one person's file from the command line,
through the services the person dialog uses."""

import datetime as dt
import json

import pytest

from cunwu.domain.idnumbers import make

ZWQ = make("330106", dt.date(1946, 5, 5), 11)


@pytest.fixture
def person(cli, store):
    store.close()
    assert cli("households", "add", "--number", "000123", "--group", "1组", user="clerk").code == 0
    r = cli("residents", "add", "--name", "张伟强", "--id-number", ZWQ, "--household", "000123",
            "--relation", "户主", "--json", user="clerk")
    assert r.code == 0, r.err
    return r.json


def test_show_by_id_number_or_uuid(cli, person):
    by_id = cli("residents", "show", ZWQ, "--json", user="clerk")
    assert by_id.code == 0, by_id.err
    f = by_id.json
    assert f["person"]["uuid"] == person["uuid"] and f["household"]["number"] == "000123"
    assert f["tags"] == [] and f["visits"] == [] and f["history"][0]["action"] == "residents.add"
    assert cli("residents", "show", person["uuid"], "--json", user="clerk").json["person"]["name"] == "张伟强"
    text = cli("residents", "show", ZWQ, user="clerk")
    assert "张伟强" in text.out and ZWQ not in text.out  # masked on screen
    missing = cli("residents", "show", "nobody", user="clerk")
    assert missing.code == 1 and "E_PERSON_NOT_FOUND" in missing.err


def test_edit_by_options_and_by_file(cli, person, tmp_path):
    assert cli("residents", "edit", ZWQ, "--phone", "13912345678").code == 2  # needs a user
    r = cli("residents", "edit", ZWQ, "--phone", "13912345678", "--party-member", "yes",
            "--json", user="clerk")
    assert r.code == 0, r.err
    assert r.json["phone"] == "13912345678" and r.json["party_member"] is True
    f = tmp_path / "p.json"
    f.write_text(json.dumps({"notes": "腿脚不便", "ethnicity": "汉族"}), encoding="utf-8")
    r = cli("residents", "edit", person["uuid"], "--file", str(f), "--json", user="clerk")
    assert r.code == 0 and r.json["notes"] == "腿脚不便"
    history = cli("residents", "show", ZWQ, "--json", user="clerk").json["history"]
    assert [e["action"] for e in history] == ["residents.add", "residents.edit", "residents.edit"]
    assert history[1]["changes"]["phone"] == ["", "13912345678"]
    bad = cli("residents", "edit", ZWQ, "--sex", "女", user="clerk")
    assert bad.code == 1 and "E_ID_" in bad.err  # the ID number says 男
    f.write_text("[1]", encoding="utf-8")
    assert "E_PERSON_INPUT" in cli("residents", "edit", ZWQ, "--file", str(f), user="clerk").err
    assert cli("residents", "edit", ZWQ, user="clerk").code == 2  # nothing to change
    refused = cli("residents", "edit", ZWQ, "--phone", "13900000000", user="supervisor")
    assert refused.code == 1 and "E_PERMISSION" in refused.err


def test_status_change_with_its_date(cli, person):
    r = cli("residents", "status", ZWQ, "--status", "死亡", "--date", "2026-03-01", "--json",
            user="clerk")
    assert r.code == 0, r.err
    assert (r.json["status"], r.json["status_since"]) == ("死亡", "2026-03-01")
    assert cli("residents", "show", ZWQ, "--json", user="clerk").json["history"][-1]["action"] == "residents.status"
    bad = cli("residents", "status", ZWQ, "--status", "失踪", user="clerk")
    assert bad.code == 1 and "E_PERSON_STATUS" in bad.err
    bad = cli("residents", "status", ZWQ, "--status", "迁出", "--date", "03/01", user="clerk")
    assert bad.code == 1 and "E_DATE" in bad.err


def test_tags_add_review_end(cli, person):
    env = {"CUNWU_TODAY": "2026-06-01"}
    r = cli("residents", "tags", "add", ZWQ, "低保", "--since", "2026-01-01", "--review-due",
            "2026-12-31", "--covered", "2", "--monthly-amount", "650", "--json", user="clerk", env=env)
    assert r.code == 0, r.err
    assert r.json["data"] == {"covered": 2, "monthly_amount": "650.00"}
    r = cli("residents", "tags", "add", ZWQ, "残疾", "--type", "肢体", "--level", "二级",
            "--two-subsidies", "--json", user="clerk", env=env)
    assert r.code == 0 and r.json["data"] == {"type": "肢体", "level": "二级", "two_subsidies": True}
    assert "E_TAG_UNKNOWN" in cli("residents", "tags", "add", ZWQ, "富户", user="clerk").err
    r = cli("residents", "tags", "review", ZWQ, "低保", "--next", "2027-06-30", "--json",
            user="clerk", env=env)
    assert r.code == 0 and r.json["review_due"] == "2027-06-30"
    r = cli("residents", "tags", "end", ZWQ, "低保", "--date", "2026-05-31", "--json",
            user="clerk", env=env)
    assert r.code == 0 and r.json["until"] == "2026-05-31"
    again = cli("residents", "tags", "end", ZWQ, "低保", user="clerk", env=env)
    assert again.code == 1 and "E_TAG_NOT_FOUND" in again.err
    early = cli("residents", "tags", "end", ZWQ, "残疾", "--date", "2020-01-01", user="clerk", env=env)
    assert early.code == 1 and "E_TAG_DATES" in early.err
    listed = cli("residents", "list", "--tag", "残疾", "--json", env=env, user="clerk").json
    assert [p["name"] for p in listed] == ["张伟强"]
    assert cli("residents", "list", "--tag", "低保", "--json", env=env, user="clerk").json == []


def test_visits_add_and_list(cli, person):
    r = cli("residents", "visits", "add", ZWQ, "--date", "2026-04-02", "--notes", "身体尚好",
            "--json", user="clerk")
    assert r.code == 0, r.err
    assert r.json["visitor"] == "clerk" and r.json["visited_on"] == "2026-04-02"
    assert cli("residents", "visits", "add", ZWQ, "--visitor", "王主任", "--date", "2026-05-02",
               user="clerk").code == 0
    listed = cli("residents", "visits", "list", ZWQ, "--json", user="clerk").json
    assert [(v["visited_on"], v["visitor"]) for v in listed] == [("2026-05-02", "王主任"),
                                                                  ("2026-04-02", "clerk")]
    assert "王主任" in cli("residents", "visits", "list", ZWQ, user="clerk").out

"""`cunwu cases …` through the real command: add, assign, act, escalate, close refused without
a result then closed, review, the lists with --json, settings, an alert made a case and one
dismissed, a visit made a case, and the printed 入户核查表."""

from __future__ import annotations

import datetime as dt
import json

from cunwu.domain.idnumbers import make
from cunwu.services import monitoring, residents
from support import run_cli_here


def test_cases_from_the_command_line(store, admin, data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("CUNWU_TODAY", "2026-11-22")
    hh = residents.add_household(store, admin, number="0012", group_name="3组", address="3组12号")
    number = make("330106", dt.date(1940, 5, 5), 12)
    p = residents.add_person(store, admin, name="钱奶奶", household_uuid=hh.uuid, relation="户主",
                             id_number=number)
    monitoring.add_tag(store, admin, p.uuid, "独居老人", since="2025-01-01")
    other = residents.add_person(store, admin, name="孙大伯", id_number=make("330106", dt.date(1950, 5, 5), 13))
    monitoring.add_tag(store, admin, other.uuid, "独居老人", since="2025-01-01")
    visit = monitoring.add_visit(store, admin, p.uuid, visited_on="2026-09-01", visitor="李主任",
                                 notes="屋顶漏雨")
    store.close()

    def cli(*args, user="clerk"):
        r = run_cli_here(*args, "--json", data_dir=data_dir, user=user,
                         env={"CUNWU_TODAY": "2026-11-22"})
        return r.code, (json.loads(r.out) if r.code == 0 else r.err)

    code, case = cli("cases", "add", "--person", number, "--category", "临时救助", "--title", "因病致困")
    assert code == 0 and case["status"] == "待派单" and case["due"] == "2026-11-25"
    n = case["number"]
    assert cli("cases", "assign", n, "--handler", "clerk")[1]["status"] == "已派单"
    assert cli("cases", "act", n, "--note", "电话联系")[1]["status"] == "处置中"
    assert cli("cases", "escalate", n, "--reason", "需乡镇审批", "--department", "民政办")[1]["status"] == "已上报"
    code, err = cli("cases", "close", n, "--result", "已发放")
    assert code == 1 and "E_CASE_DECISION" in err
    assert cli("cases", "close", n, "--result", "已发放800元", "--decision", "批准")[1]["status"] == "已办结"
    code, err = cli("cases", "act", n, "--note", "again")
    assert code == 1 and "E_CASE_TRANSITION" in err
    done = cli("cases", "review", n, "--note", "满意")[1]
    assert done["status"] == "已回访" and len(done["timeline"]) == 6
    assert cli("cases", "show", n)[1]["timeline"][2]["note"] == "电话联系"
    assert cli("cases", "list", "--view", "all")[1]["total"] == 1
    assert cli("cases", "settings", "--limit", "临时救助=5")[1]["临时救助"] == 5

    code, found = cli("alerts")
    keys = {a["name"]: a["key"] for a in found}
    code, case = cli("cases", "from-alert", keys["钱奶奶"], "--handler", "clerk")
    assert code == 0 and case["source"] == "alert" and case["category"] == "养老"
    assert cli("cases", "dismiss-alert", keys["孙大伯"], "--reason", "已随子女居住")[0] == 0
    assert cli("alerts")[1] == []
    assert [c["number"] for c in cli("cases", "list", "--view", "mine")[1]["cases"]] == [case["number"]]

    out = tmp_path / "check.pdf"
    code, printed = cli("cases", "print-check", case["number"], "--out", str(out))
    assert code == 0 and printed["lacking"] == []
    from pypdf import PdfReader

    page = "".join(p.extract_text() for p in PdfReader(str(out)).pages)
    for words in ("入户核查表", case["number"], "钱奶奶", "户号 0012", "核查人"):
        assert words in page, words
    assert number not in page  # personal numbers never on paper

    # a visit made a case: about the visit's person, unless another is named
    code, case = cli("cases", "add", "--category", "住房", "--title", "屋顶漏雨", "--source", "visit",
                     "--source-ref", visit.uuid)
    assert code == 0 and case["subject_name"] == "钱奶奶" and case["source_ref"] == visit.uuid
    code, err = cli("cases", "add", "--category", "住房", "--title", "x", "--source", "visit",
                    "--source-ref", case["uuid"])
    assert code == 1 and "E_VISIT_NOT_FOUND" in err

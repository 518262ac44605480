"""`cunwu disclosures …` through the real command: add, due, sign-off, print, verify."""

from __future__ import annotations

import json
import re

from tests.printing import pdftools

NOTICE = {"category": "村务", "title": "关于村道硬化工程的公示",
          "period": {"from": "2026-07-01", "to": "2026-09-30"},
          "body": "经村民代表会议决议，实施村道硬化工程。联系人电话13812345678。",
          "tables": [{"title": "工程概况", "columns": ["项目", "金额（元）"],
                      "rows": [["材料费", "80000.00"], ["人工费", "40000.00"]]}],
          "posting_days": 7}


def _add(cli, tmp_path, data=None) -> str:
    f = tmp_path / "n.json"
    f.write_text(json.dumps(data or NOTICE, ensure_ascii=False), encoding="utf-8")
    r = cli("disclosures", "add", str(f), user="clerk")
    assert r.code == 0, r.err
    return r.out.strip()


def test_add_sign_post_print_verify(store, cli, tmp_path):
    uuid = _add(cli, tmp_path)
    assert re.fullmatch(r"[0-9a-f-]{36}", uuid)
    r = cli("disclosures", "sign-off", uuid, user="clerk")
    assert r.code == 1 and "E_DISCLOSURE_SIGNOFF_ROLE" in r.err
    assert cli("disclosures", "sign-off", uuid, user="supervisor").code == 0
    assert cli("disclosures", "post", uuid, user="clerk").code == 0
    listed = cli("disclosures", "list", "--json").json
    assert [(d["uuid"], d["status"]) for d in listed] == [(uuid, "posted")]
    out = tmp_path / "n.pdf"
    r = cli("disclosures", "print", uuid, "--out", str(out))
    assert r.code == 0, r.err
    flat = re.sub(r"\s+", "", pdftools.text(out))
    assert "关于村道硬化工程的公示" in flat and "13812345678" not in flat
    code = re.search(r"核验码([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})", flat).group(1)
    r = cli("disclosures", "verify", code)
    assert r.code == 0 and "matches" in r.out
    assert cli("disclosures", "verify", code, "--json").json["ok"] is True
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    r = cli("disclosures", "verify", wrong)
    assert r.code == 1 and "E_DISCLOSURE_MISMATCH" in r.err
    r = cli("disclosures", "edit", uuid, str(tmp_path / "n.json"), user="clerk")
    assert r.code == 1 and "E_DISCLOSURE_POSTED" in r.err


def test_bad_input_exits_1_with_a_code(store, cli, tmp_path):
    bad = dict(NOTICE, title="")
    f = tmp_path / "bad.json"
    f.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    r = cli("disclosures", "add", str(f), user="clerk")
    assert r.code == 1 and "E_DISCLOSURE_TITLE" in r.err
    f.write_text("{not json", encoding="utf-8")
    r = cli("disclosures", "add", str(f), user="clerk")
    assert r.code == 1 and "E_DISCLOSURE_INPUT" in r.err
    assert cli("disclosures", "list", "--json").json == []
    r = cli("disclosures", "verify", "nonsense")
    assert r.code == 1 and "E_DISCLOSURE_CODE" in r.err


def test_characters_outside_the_font_are_reported(store, cli, tmp_path):
    uuid = _add(cli, tmp_path, dict(NOTICE, title="关于吉𠮷村道的公示"))
    r = cli("disclosures", "print", uuid, "--out", str(tmp_path / "x.pdf"))
    assert r.code == 0 and "U+20BB7" in r.err
    assert "[U+20BB7]" in re.sub(r"\s+", "", pdftools.text(tmp_path / "x.pdf"))


def test_due_lists_overdue_finance(store, cli):
    r = cli("disclosures", "rules", "--schedule-from", "2026-07-01", user="admin")
    assert r.code == 0, r.err
    due = cli("disclosures", "due", "--json", env={"CUNWU_TODAY": "2026-11-22"}).json
    kinds = {(d["kind"], d["period"]["from"], d["state"]) for d in due}
    assert ("finance", "2026-07-01", "overdue") in kinds
    assert ("affairs", "2026-07-01", "overdue") in kinds
    assert all(set(d) == {"kind", "category", "title", "period", "due", "state"} for d in due)


def test_generate_dibao(store, cli):
    r = cli("disclosures", "generate", "dibao", "--period", "2026Q3", user="clerk")
    assert r.code == 0, r.err
    shown = cli("disclosures", "show", r.out.strip(), "--json").json
    assert shown["kind"] == "dibao" and shown["tables"][0]["columns"][2] == "身份证号"
    r = cli("disclosures", "generate", "dibao", "--period", "Q3", user="clerk")
    assert r.code == 1 and "E_DISCLOSURE_PERIOD_FORMAT" in r.err


def test_feedback_photo_correct_archive(store, cli, tmp_path):
    uuid = _add(cli, tmp_path)
    assert cli("disclosures", "sign-off", uuid, "--posting-date", "2026-10-08",
               user="supervisor").code == 0
    assert cli("disclosures", "post", uuid, user="clerk").code == 0
    r = cli("disclosures", "feedback", uuid, "--content", "材料费偏高", "--kind", "异议",
            "--from", "王五", "--received", "2026-10-09", "--json", user="clerk")
    assert r.code == 0, r.err
    fb = r.json["uuid"]
    assert cli("disclosures", "answer", fb, "--answer", "已公开采购清单", user="clerk").code == 0
    photo = tmp_path / "wall.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    assert cli("disclosures", "photo", uuid, str(photo), user="clerk").code == 0
    shown = cli("disclosures", "show", uuid, "--json", env={"CUNWU_TODAY": "2026-10-20"}).json
    assert shown["status"] == "period_over" and shown["period_end"] == "2026-10-14"
    assert shown["feedback"][0]["answer"] == "已公开采购清单"
    assert shown["photos"][0]["intact"] is True
    r = cli("disclosures", "archive", uuid, user="clerk", env={"CUNWU_TODAY": "2026-10-20"})
    assert r.code == 0, r.err
    r = cli("disclosures", "correct", uuid, user="clerk")
    assert r.code == 0, r.err
    fix = cli("disclosures", "show", r.out.strip(), "--json").json
    assert fix["corrects"] == uuid and fix["status"] == "draft"
    assert cli("disclosures", "show", uuid, "--json").json["corrected_by"] == [fix["uuid"]]


def test_supervisor_cannot_add_and_reading_needs_no_login(store, cli, tmp_path):
    f = tmp_path / "n.json"
    f.write_text(json.dumps(NOTICE, ensure_ascii=False), encoding="utf-8")
    r = cli("disclosures", "add", str(f), user="supervisor")
    assert r.code == 1 and "E_PERMISSION" in r.err
    r = cli("disclosures", "add", str(f))
    assert r.code == 2 and "E_AUTH_REQUIRED" in r.err
    assert cli("disclosures", "rules", "--json").json["min_days"]["dibao"] == 7


def test_health_detail_is_warned_about(store, cli, tmp_path):
    uuid = _add(cli, tmp_path, dict(NOTICE, body="张三患有精神病，不宜公开。"))
    r = cli("disclosures", "print", uuid, "--out", str(tmp_path / "h.pdf"))
    assert r.code == 0 and "患有、精神病" in r.err

"""Disclosure use cases: the workflow, who may sign, nothing lost on bad input."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import text

from cunwu.errors import CunwuError
from cunwu.services import disclosure_print as dp
from cunwu.services import disclosures as svc

NOTICE = {"category": "财务", "title": "2026年7月财务收支公开",
          "period": {"from": "2026-07-01", "to": "2026-07-31"}, "body": "本月收支情况如下。",
          "tables": [{"title": "收支明细", "columns": ["项目", "收入（元）", "支出（元）"],
                      "rows": [["上级补助", "50000.00", ""], ["道路维修", "", "12800.50"]]}],
          "posting_days": 7}


def _counts(store) -> tuple[int, int, int]:
    with store.engine.connect() as c:
        return tuple(c.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                     for t in ("disclosures", "change_log", "audit_log"))


def test_full_workflow(store, clerk, supervisor, monkeypatch):
    monkeypatch.setenv("CUNWU_TODAY", "2026-08-03")
    d = svc.add(store, clerk, NOTICE)
    assert d.status == "draft" and d.kind == "free" and d.posting_days == 7
    d = svc.update(store, clerk, d.uuid, {"body": "本月收支情况公开如下。"})
    d = svc.sign_off(store, supervisor, d.uuid)
    assert d.status == "signed_off" and d.signed_by == "supervisor"
    assert d.posting_date == dt.date(2026, 8, 3) and len(d.content_sha256) == 64
    d = svc.post(store, clerk, d.uuid)
    assert d.state(dt.date(2026, 8, 9)) == "posted"
    assert d.state(dt.date(2026, 8, 10)) == "period_over"
    fb = svc.add_feedback(store, clerk, d.uuid, content="道路维修费用是否包含材料？", kind="咨询",
                          from_name="王五")
    svc.answer_feedback(store, clerk, fb.uuid, "包含材料和人工。")
    monkeypatch.setenv("CUNWU_TODAY", "2026-08-20")
    d = svc.archive(store, clerk, d.uuid)
    assert d.status == "archived"
    det = svc.detail(store, d.uuid)
    assert det.feedback[0].answer == "包含材料和人工。"


def test_only_a_supervisor_signs_off(store, clerk, admin, supervisor):
    d = svc.add(store, clerk, NOTICE)
    for who in (clerk, admin):
        with pytest.raises(CunwuError) as e:
            svc.sign_off(store, who, d.uuid)
        assert e.value.code == "E_DISCLOSURE_SIGNOFF_ROLE"
    assert svc.detail(store, d.uuid).disclosure.status == "draft"


def test_a_supervisor_cannot_write_records(store, supervisor):
    with pytest.raises(CunwuError) as e:
        svc.add(store, supervisor, NOTICE)
    assert e.value.code == "E_PERMISSION"


def test_a_posted_notice_is_never_edited_but_corrected(store, clerk, supervisor):
    d = svc.add(store, clerk, NOTICE)
    svc.sign_off(store, supervisor, d.uuid)
    with pytest.raises(CunwuError) as e:
        svc.update(store, clerk, d.uuid, {"title": "改"})
    assert e.value.code == "E_DISCLOSURE_NOT_DRAFT"
    svc.post(store, clerk, d.uuid)
    before = _counts(store)
    with pytest.raises(CunwuError) as e:
        svc.update(store, clerk, d.uuid, {"title": "改"})
    assert e.value.code == "E_DISCLOSURE_POSTED"
    assert _counts(store) == before
    fix = svc.correct(store, clerk, d.uuid, {"body": "更正：道路维修支出为12800.00元。"})
    assert fix.corrects_uuid == d.uuid and fix.status == "draft"
    assert svc.detail(store, d.uuid).corrected_by == [fix.uuid]
    assert svc.detail(store, d.uuid).disclosure.title == NOTICE["title"]
    n = dp.notice_for(store, fix.uuid)
    assert NOTICE["title"] in n.corrects


def test_a_draft_cannot_be_corrected(store, clerk):
    d = svc.add(store, clerk, NOTICE)
    with pytest.raises(CunwuError) as e:
        svc.correct(store, clerk, d.uuid)
    assert e.value.code == "E_DISCLOSURE_CORRECTS"


@pytest.mark.parametrize("change, code", [
    ({"title": ""}, "E_DISCLOSURE_TITLE"),
    ({"period": None}, "E_DISCLOSURE_PERIOD"),
    ({"period": {"from": "2026-07-01"}}, "E_DISCLOSURE_PERIOD"),
    ({"kind": "dibao", "posting_days": 3}, "E_DISCLOSURE_POSTING_DAYS"),
    ({"tables": [{"title": "t", "columns": ["a"], "rows": [["1", "2"]]}], }, "E_DISCLOSURE_TABLE_ROW"),
    ({"period": {"from": "2026-7-1", "to": "2026-07-31"}}, "E_DISCLOSURE_DATE"),
])
def test_bad_input_is_refused_and_nothing_is_written(store, clerk, change, code):
    before = _counts(store)
    data = {**NOTICE, **change}
    if data.get("period") is None:
        data.pop("period")
    with pytest.raises(CunwuError) as e:
        svc.add(store, clerk, data)
    assert e.value.code == code
    assert _counts(store) == before


def test_failed_edit_keeps_the_draft_as_it_was(store, clerk):
    d = svc.add(store, clerk, NOTICE)
    with pytest.raises(CunwuError):
        svc.update(store, clerk, d.uuid, {"title": "新标题", "posting_days": 1})
    kept = svc.detail(store, d.uuid).disclosure
    assert kept.title == NOTICE["title"] and kept.posting_days == 7 and kept.row_version == 1


def test_photos_are_kept_under_their_hash(store, clerk, supervisor, tmp_path):
    d = svc.add(store, clerk, NOTICE)
    png = tmp_path / "wall.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    with pytest.raises(CunwuError):
        svc.add_photo(store, clerk, d.uuid, png)  # a draft is not posted yet
    svc.sign_off(store, supervisor, d.uuid)
    svc.post(store, clerk, d.uuid)
    photo = svc.add_photo(store, clerk, d.uuid, png)
    assert re.fullmatch(r"disclosure_photos/[0-9a-f]{64}\.png", photo.file_name)
    assert svc.photo_intact(store, photo)
    (store.paths.data_dir / photo.file_name).write_bytes(b"changed")
    assert not svc.photo_intact(store, photo)
    bad = tmp_path / "x.txt"
    bad.write_text("not a photo")
    with pytest.raises(CunwuError) as e:
        svc.add_photo(store, clerk, d.uuid, bad)
    assert e.value.code == "E_DISCLOSURE_PHOTO"


def test_verification_code_round_trips_and_fails_after_one_character(store, clerk, supervisor):
    d = svc.add(store, clerk, NOTICE)
    code = dp.notice_for(store, d.uuid).code
    qr = dp.notice_for(store, d.uuid).qr_payload
    assert dp.verify(store, code).ok and dp.verify(store, qr).ok
    svc.update(store, clerk, d.uuid, {"title": NOTICE["title"].replace("7月", "8月")})
    for c in (code, qr):
        verdict = dp.verify(store, c)
        assert not verdict.ok and verdict.uuid == d.uuid
    new_code = dp.notice_for(store, d.uuid).code
    assert new_code != code and dp.verify(store, new_code).ok
    svc.sign_off(store, supervisor, d.uuid)
    svc.post(store, clerk, d.uuid)
    assert dp.verify(store, new_code).status == "posted"


def test_unknown_code(store):
    assert not dp.verify(store, "0000-0000-0000").ok


def test_rules_set_minimum_and_defaults(store, admin, clerk):
    svc.change_rules(store, admin, phone="0571-88886666", place="村委会公开栏",
                     min_days={"finance": 10})
    with pytest.raises(CunwuError) as e:
        svc.add(store, clerk, {**NOTICE, "kind": "finance"})
    assert e.value.code == "E_DISCLOSURE_POSTING_DAYS"
    d = svc.add(store, clerk, {**NOTICE, "kind": "finance", "posting_days": 10})
    assert d.phone == "0571-88886666" and d.place == "村委会公开栏"
    with pytest.raises(CunwuError):
        svc.change_rules(store, admin, finance_every="weekly")

"""The sign-in sheet and the minutes as printed: their text, their embedded font subset."""

from __future__ import annotations

import datetime as dt

import pytest

from cunwu.services import meetings as svc
from cunwu.services import memberships
from cunwu.services.meeting_print import print_meeting
from cunwu.services.meeting_queries import meeting_detail
from meetings_people import people
from printing import pdftools


def flat(text: str) -> str:
    """Text without any spacing: pdftotext spaces CJK text by its layout, not as typed."""
    return "".join(text.split())


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setenv("CUNWU_TODAY", "2026-11-22")


@pytest.fixture
def meeting(store, clerk):
    ps = people(store, clerk, 30)
    for p in ps:
        memberships.add_member(store, clerk, "村民代表", p.uuid, since=dt.date(2024, 1, 1))
    return svc.save_meeting(store, clerk, {
        "kind": "村民代表会议", "title": "2026年第四季度村民代表会议", "held_at": "2026-11-20T09:00",
        "place": "村委会二楼会议室", "chair": "张建国", "recorder": "李文书",
        "present": [p.uuid for p in ps[:24]], "excused": [ps[24].uuid],
        "items": [{"title": "村口道路硬化工程方案", "votes": {"同意": 20, "反对": 3, "弃权": 1},
                   "resolution": "同意按方案实施，预算四十二万元。"},
                  {"title": "调整保洁员报酬", "votes": {"同意": 12, "反对": 10, "弃权": 2}}],
        "minutes": "张建国主持会议，通报了道路硬化方案。\n\n代表们逐项讨论后举手表决。"})


def test_sign_in_sheet_lists_the_expected_with_room_to_sign(store, meeting, tmp_path):
    out = tmp_path / "signin.pdf"
    result = print_meeting(store, meeting.uuid, "signin", out)
    text = flat(pdftools.text(out))
    assert "签到表" in text and "应到30人" in text
    assert "村民一" in text and "第1页共1页" in text
    assert result["pages"] == 1 and result["lacking"] == []
    fonts = pdftools.fonts(out)
    assert fonts and all(f["emb"] == "yes" and f["sub"] == "yes" for f in fonts)


def test_minutes_carry_counts_tallies_resolutions_and_seal_area(store, meeting, tmp_path):
    out = tmp_path / "minutes.pdf"
    print_meeting(store, meeting.uuid, "minutes", out)
    text = flat(pdftools.text(out))
    for expected in ("会议记录", "应到", "30人", "24人", "村口道路硬化工程方案", "通过", "未通过",
                     "同意按方案实施", "主持人（签字）", "记录人（签字）", "盖章处", "青山村村民委员会",
                     "会议有效", "第1页共"):
        assert expected in text, expected
    assert all(f["emb"] == "yes" and f["sub"] == "yes" for f in pdftools.fonts(out))


def test_minutes_of_a_meeting_without_quorum_say_its_decisions_are_invalid(store, clerk, meeting, tmp_path):
    d = meeting_detail(store, meeting.uuid)
    thin = svc.save_meeting(store, clerk, {"kind": "村民代表会议", "title": "临时会议",
                                           "held_at": "2026-11-21T09:00",
                                           "present": [a["person_uuid"] for a in d["attendance"][:19]],
                                           "items": [{"title": "讨论"}]})
    out = tmp_path / "thin.pdf"
    print_meeting(store, thin.uuid, "minutes", out)
    assert "决定无效" in flat(pdftools.text(out))


def test_a_long_sign_in_sheet_repeats_its_header(store, clerk, tmp_path):
    people(store, clerk, 130, per_household=4)
    mt = svc.save_meeting(store, clerk, {"kind": "村民会议", "title": "村民会议", "held_at": "2026-11-20T09:00"})
    out = tmp_path / "long.pdf"
    result = print_meeting(store, mt.uuid, "signin", out)
    assert result["pages"] >= 2
    pages = pdftools.pages(out)
    assert all("序号" in p and "签名" in p for p in pages)
    assert f"共{len(pages)}页" in flat(pages[-1])

"""`cunwu meetings` and `cunwu matters` (CLI.md): once as a real process, the rest through
the same entry point in this process (a process start costs seconds on a busy machine)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cunwu.services import memberships
from meetings_people import people
from support import PASSWORD, Result

ENV = {"CUNWU_TODAY": "2026-11-22"}


@pytest.fixture
def run(data_dir, monkeypatch, capsys):
    """run("meetings", "list", "--json", user="clerk"): `cunwu.cli.main` with the env set."""
    from cunwu.cli import main

    def _run(*args, user=None, env=None):
        monkeypatch.setenv("CUNWU_DATA_DIR", str(data_dir))
        for key, value in {**ENV, **(env or {})}.items():
            monkeypatch.setenv(key, value)
        if user:
            monkeypatch.setenv("CUNWU_USER", user)
            monkeypatch.setenv("CUNWU_PASSWORD", PASSWORD)
        else:
            monkeypatch.delenv("CUNWU_USER", raising=False)
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return _run


@pytest.fixture
def reps(store, clerk):
    ps = people(store, clerk, 30, party=12)
    for p in ps:
        memberships.add_member(store, clerk, "村民代表", p.uuid, since=dt.date(2024, 1, 1))
    for p in ps[:5]:
        memberships.add_member(store, clerk, "两委", p.uuid, since=dt.date(2024, 1, 1))
    return ps


def _file(tmp_path, name, data) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_add_show_list_print(cli, reps, tmp_path):
    data = {"kind": "村民代表会议", "title": "修路", "held_at": "2026-11-20T09:00", "place": "村委会",
            "present": [p.id_number for p in reps[:20]], "excused": [reps[20].uuid],
            "items": [{"title": "硬化道路", "votes": {"同意": 16, "反对": 3, "弃权": 1}, "resolution": "同意"},
                      {"title": "路灯", "votes": {"同意": 10, "反对": 10, "弃权": 0}}],
            "minutes": "记录"}
    r = cli("meetings", "add", _file(tmp_path, "m.json", data), user="clerk", env=ENV)
    assert r.code == 0, r.err
    uuid = r.out.strip()
    r = cli("meetings", "show", uuid, "--json", env=ENV, user="clerk")
    d = r.json
    assert (d["expected_count"], d["present_count"], d["quorum_met"]) == (30, 20, True)
    assert isinstance(d["quorum_rule"], str) and d["quorum_rule"]
    assert [i["passed"] for i in d["items"]] == [True, False]
    r = cli("meetings", "list", "--json", env=ENV)
    assert [m["uuid"] for m in r.json] == [uuid]
    assert [(i["title"], i["passed"]) for i in r.json[0]["items"]] == [("硬化道路", True), ("路灯", False)]
    assert r.json[0]["items"][0]["resolution"] == "同意" and r.json[0]["quorum_met"] is True
    out = tmp_path / "signin.pdf"
    r = cli("meetings", "print", uuid, "--what", "signin", "--out", str(out), env=ENV)
    assert r.code == 0, r.err
    assert out.read_bytes().startswith(b"%PDF")


def test_bad_input_fails_with_a_code_and_changes_nothing(run, reps, tmp_path):
    base = {"kind": "村民代表会议", "title": "修路", "held_at": "2026-11-20T09:00",
            "present": [p.uuid for p in reps[:19]]}
    # one failure of each family; the services' tests cover every rule
    cases = [({**base, "items": [{"title": "x", "votes": {"同意": 10}}]}, "E_MEETING_NO_QUORUM_VOTE"),
             ({**base, "held_at": "2026-12-20T09:00"}, "E_MEETING_FUTURE_HELD")]
    for data, code in cases:
        r = run("meetings", "add", _file(tmp_path, "bad.json", data), user="clerk")
        assert r.code == 1 and r.err.startswith(code), (code, r.err)
    assert run("meetings", "list", "--json").json == []
    r = run("meetings", "add", str(tmp_path / "missing.json"), user="clerk")
    assert r.code == 1 and r.err.startswith("E_MEETING_FILE")


def test_closed_meeting_is_corrected_not_edited(run, reps, tmp_path):
    data = {"kind": "村民代表会议", "title": "修路", "held_at": "2026-11-20T09:00",
            "present": [p.uuid for p in reps[:25]], "items": [{"title": "a", "votes": {"同意": 20}}]}
    uuid = run("meetings", "add", _file(tmp_path, "m.json", data), user="clerk").out.strip()
    assert run("meetings", "close", uuid, user="clerk").code == 0
    r = run("meetings", "edit", uuid, _file(tmp_path, "e.json", {"minutes": "x"}), user="clerk")
    assert r.code == 1 and r.err.startswith("E_MEETING_CLOSED")
    fix = _file(tmp_path, "c.json", {"items": [{"title": "a", "votes": {"同意": 21}}]})
    r = run("meetings", "correct", uuid, fix, "--reason", "誊写错误", user="clerk")
    assert r.code == 0, r.err
    assert run("meetings", "show", r.out.strip(), "--json", user="clerk").json["corrects"] == uuid


def test_matter_steps_cannot_be_skipped(run, reps, tmp_path):
    r = run("matters", "add", _file(tmp_path, "t.json", {"title": "修桥", "due": "2026-12-31"}),
            user="clerk")
    assert r.code == 0, r.err
    matter = r.out.strip()
    committee = {"kind": '村"两委"联席会议', "title": "商议修桥", "held_at": "2026-11-18T09:00",
                 "present": [p.uuid for p in reps[:5]], "items": [{"title": "修桥"}]}
    meeting = run("meetings", "add", _file(tmp_path, "c.json", committee), user="clerk").out.strip()
    r = run("matters", "advance", matter, "--step", "consult", "--meeting", meeting, user="clerk")
    assert r.code == 1 and r.err.startswith("E_MATTER_STEP_ORDER")
    assert run("matters", "advance", matter, "--step", "propose", user="clerk").code == 0
    r = run("matters", "advance", matter, "--step", "consult", "--meeting", meeting, "--json",
            user="clerk")
    assert r.code == 0, r.err
    r = run("matters", "show", matter, "--json")
    states = [(s["step"], s["state"]) for s in r.json["steps"]]
    assert states[:3] == [("propose", "done"), ("consult", "done"), ("review", "current")]
    assert r.json["steps"][1]["meeting_uuid"] == meeting


def test_vote_on_an_item_by_its_number(run, reps, tmp_path):
    data = {"kind": "村民代表会议", "title": "修路", "held_at": "2026-11-20T09:00",
            "present": [p.uuid for p in reps[:25]], "items": [{"title": "硬化道路"}]}
    uuid = run("meetings", "add", _file(tmp_path, "m.json", data), user="clerk").out.strip()
    r = run("meetings", "vote", uuid, "--item", "1", "--yes", "20", "--no", "3", "--json", user="clerk")
    assert r.code == 0, r.err
    assert (r.json["title"], r.json["votes"]["同意"], r.json["passed"]) == ("硬化道路", 20, True)
    r = run("meetings", "vote", uuid, "--item", "1", "--yes", "20", "--no", "6", user="clerk")
    assert r.code == 1 and r.err.startswith("E_MEETING_VOTES_EXCEED")
    r = run("meetings", "vote", uuid, "--item", "2", "--yes", "1", user="clerk")
    assert r.code == 1 and r.err.startswith("E_MEETING_ITEM_NOT_FOUND")
    assert run("meetings", "show", uuid, "--json", user="clerk").json["items"][0]["votes"]["同意"] == 20

"""A supervisor (村务监督委员会) reads and reviews, and writes nothing else: every writing command
of the command line, run as `supervisor` on the demo village with plausible arguments, is
refused with E_PERMISSION and leaves the data folder as it was (files, rows, change log).

The list of writing commands is the parser's leaves minus the declared ones below, so a new
command fails here until it is either refused for a supervisor or declared."""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from support import PASSWORD, run_cli_here

# Commands that write no record (a backup or an export writes a file and an audit entry only).
READING = {
    "users list", "audit list", "audit verify", "backup",
    "residents list", "residents export", "residents show", "residents visits list",
    "households list", "alerts",
    "meetings list", "meetings show", "meetings print", "meetings members list", "meetings rules list",
    "matters list", "matters show", "concerns list",
    "disclosures list", "disclosures show", "disclosures due", "disclosures print", "disclosures verify",
    "points rules list", "points activity list", "points activity show", "points print-list",
    "points ledger", "points balances", "points ranking", "points goods list", "points receipt",
    "sync status",
    "cases list", "cases show", "cases print-check",
}
# What DOMAIN.md gives the supervision committee: signing off a notice (and taking the
# signature back before it is posted), and approving or rejecting points as the second person.
SUPERVISOR_MAY = {"disclosures sign-off", "disclosures withdraw", "points approve", "points reject"}
# The district's own folder and accounts; a village supervisor has no account there.
DISTRICT = {"district init", "district enrol", "district import", "district serve", "district status",
            "district quarantine", "district verify-code", "district report", "district users add",
            "district users list", "district users passwd", "district users disable",
            "district users enable", "district demo", "district export-down", "district policy set",
            "district policy list", "district cases list", "district cases accept",
            "district cases act", "district cases return", "district cases close",
            "district cases dispatch", "district tls-status"}
# They make a new village and refuse an existing one before anyone logs in.
NEW_VILLAGE = {"init": "E_STORE_EXISTS", "demo": "E_DEMO_NOT_EMPTY"}

UUID0 = "00000000-0000-0000-0000-000000000000"


def leaves(parser, prefix=()):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from leaves(sub, prefix + (name,))
            return
    yield " ".join(prefix)


def _one(db, sql):
    with sqlite3.connect(db) as conn:
        row = conn.execute(sql).fetchone()
    assert row is not None, sql
    return row[0]


def _write(path: Path, data) -> str:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def writing_commands(d: dict, tmp: Path) -> dict[str, list[str]]:
    """Each writing command with arguments it would accept from a clerk."""
    person, person_uuid = d["id_number"], d["person_uuid"]
    meeting = {"kind": "村民代表会议", "title": "道路硬化", "held_at": "2026-11-20T09:00",
               "place": "村委会", "present": [person], "items": [{"title": "道路", "votes": {
                   "同意": 1, "反对": 0, "弃权": 0}, "resolution": "同意"}], "minutes": "记录"}
    notice = {"category": "村务", "title": "通知", "period": {"from": "2026-10-01", "to": "2026-10-31"},
              "body": "内容", "posting_days": 7}
    roster = tmp / "roster.csv"
    roster.write_text("姓名,公民身份号码\n张三,11010519491231002X\n", encoding="utf-8")
    photo = tmp / "photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + b"0" * 100)
    junk = tmp / "junk.json"
    junk.write_text("{}", encoding="utf-8")
    return {
        "restore": [str(tmp / "nothing.sqlite3")],
        "users add": ["newuser", "--role", "clerk"],
        "users reset-password": ["clerk"],
        "users disable": ["clerk"],
        "users enable": ["clerk"],
        "residents add": ["--name", "张三", "--id-number", "11010519491231002X"],
        "residents import": [str(roster)],
        "residents settings": ["--elderly-age", "70"],
        "residents edit": [person, "--phone", "13912345678"],
        "residents status": [person, "--status", "外出务工"],
        "residents tags add": [person, "低保", "--since", "2026-01-01"],
        "residents tags end": [d["dibao"], "低保", "--date", "2026-12-31"],
        "residents tags review": [d["dibao"], "低保", "--next", "2027-06-30"],
        "residents visits add": [person, "--date", "2026-04-02"],
        "households add": ["--number", "999001"],
        "meetings add": [_write(tmp / "meeting.json", meeting)],
        "meetings edit": [d["planned_meeting"], _write(tmp / "meeting2.json", meeting)],
        "meetings vote": [d["held_meeting"], "--item", "1", "--yes", "1"],
        "meetings close": [d["held_meeting"]],
        "meetings correct": [d["closed_meeting"], _write(tmp / "meeting3.json", meeting),
                             "--reason", "更正"],
        "meetings members add": ["--body", "村民代表", "--person", person],
        "meetings members end": [d["member"], "--until", "2026-12-31"],
        "meetings rules set": ["村民代表会议", "--quorum", "0.7"],
        "matters add": [_write(tmp / "matter.json", {"title": "道路", "description": "硬化"})],
        "matters advance": [d["matter"], "--step", "consult", "--meeting", d["closed_meeting"]],
        "matters follow-up": [d["matter"], "--note", "督办"],
        "concerns add": [_write(tmp / "concern.json", {"raised_by": person, "topic": "路灯",
                                                         "raised_on": "2026-11-01"})],
        "concerns update": [d["concern"], "--answer", "已修"],
        "disclosures add": [_write(tmp / "notice.json", notice)],
        "disclosures edit": [d["draft"], _write(tmp / "notice2.json", notice)],
        "disclosures generate": ["dibao", "--period", "2026Q3"],
        "disclosures post": [d["draft"]],
        "disclosures archive": [d["posted"]],
        "disclosures correct": [d["posted"], _write(tmp / "notice3.json", notice)],
        "disclosures photo": [d["posted"], str(photo)],
        "disclosures feedback": [d["posted"], "--content", "有疑问"],
        "disclosures answer": [d["feedback"], "--answer", "已答复"],
        "disclosures rules": ["--phone", "0571-88888888"],
        "points rules add": [_write(tmp / "rules.json", {"rules": [
            {"code": "X1", "name": "打扫", "points": 2, "unit": "次"}], "effective_from": "2026-12-01"})],
        "points rules retire": [d["rule"], "--last-day", "2026-12-31"],
        "points activity add": [_write(tmp / "activity.json", {
            "title": "打扫", "date": "2026-11-01", "rule": d["rule"],
            "participants": [{"person": person, "quantity": 1}]})],
        "points publish": [d["entered_activity"]],
        "points post": [d["published_activity"]],
        "points object": [d["participant"], "--reason", "不对"],
        "points resolve": [d["participant"], "--uphold", "--answer", "已核实"],
        "points reverse": [d["ledger_entry"], "--reason", "更正"],
        "points settings": ["--publish-days", "10"],
        "points goods add": ["--name", "肥皂", "--price", "5", "--stock", "10"],
        "points goods restock": ["--name", d["goods"], "--add", "5"],
        "points redeem": ["--person", person_uuid, "--goods", d["goods"], "--qty", "1"],
        "sync enrol-request": ["--out", str(tmp / "request.json")],
        "sync accept-district": [str(junk)],
        "sync export": ["--out", str(tmp)],
        "sync push": ["--url", "http://127.0.0.1:9"],
        "sync import-receipt": [str(junk)],
        "sync import-district": [str(junk)],
        "sync rotate-key": [],
        "cases add": ["--person", person, "--category", "医疗", "--title", "住院"],
        "cases assign": [d["case"], "--handler", "clerk"],
        "cases act": [d["case"], "--note", "电话联系"],
        "cases escalate": [d["case"], "--reason", "上报"],
        "cases return": [d["case"], "--reason", "退回"],
        "cases close": [d["case"], "--result", "已办", "--decision", "批准"],
        "cases review": [d["closed_case"], "--note", "满意"],
        "cases from-alert": ["0" * 32],
        "cases dismiss-alert": ["0" * 32, "--reason", "无需处理"],
        "cases settings": ["--limit", "临时救助=5"],
    }


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo village, made once; refused commands leave it as it is, so tests share it."""
    folder = tmp_path_factory.mktemp("demo") / "data"
    r = run_cli_here("demo", data_dir=folder, env={"CUNWU_ADMIN_PASSWORD": PASSWORD})
    assert r.code == 0, r.err
    db = folder / "cunwu.sqlite3"
    facts = {
        "id_number": _one(db, "SELECT id_number FROM persons WHERE id_number != '' ORDER BY name"),
        "person_uuid": _one(db, "SELECT uuid FROM persons WHERE id_number != '' ORDER BY name"),
        "dibao": _one(db, "SELECT p.id_number FROM persons p JOIN person_tags t ON t.person_uuid = "
                          "p.uuid WHERE t.tag = '低保' AND t.until IS NULL"),
        "planned_meeting": _one(db, "SELECT uuid FROM meetings WHERE status = 'planned'"),
        "held_meeting": _one(db, "SELECT uuid FROM meetings WHERE status = 'held'"),
        "closed_meeting": _one(db, "SELECT uuid FROM meetings WHERE status = 'closed'"),
        "member": _one(db, "SELECT uuid FROM meeting_members"),
        "matter": _one(db, "SELECT uuid FROM matters"),
        "concern": _one(db, "SELECT uuid FROM concerns"),
        "draft": _one(db, "SELECT uuid FROM disclosures WHERE status = 'draft'"),
        "posted": _one(db, "SELECT uuid FROM disclosures WHERE status = 'posted'"),
        "feedback": _one(db, "SELECT uuid FROM disclosure_feedback"),
        "rule": _one(db, "SELECT code FROM points_rules"),
        "entered_activity": _one(db, "SELECT uuid FROM points_activities WHERE state = 'entered'"),
        "published_activity": _one(db, "SELECT uuid FROM points_activities WHERE state = 'published'"),
        "participant": _one(db, "SELECT uuid FROM points_participants"),
        "ledger_entry": _one(db, "SELECT uuid FROM points_ledger"),
        "goods": _one(db, "SELECT name FROM points_goods"),
        "case": _one(db, "SELECT number FROM cases WHERE status = '处置中'"),
        "closed_case": _one(db, "SELECT number FROM cases WHERE status = '已办结'"),
    }
    return folder, facts


def snapshot(folder: Path) -> dict:
    """Every file but the log, the lock and the database files by content; the database by
    its rows (all but the audit trail, where each login is recorded) and the change log."""
    files = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if p.is_dir() or rel.startswith("logs/") or p.name == ".window.lock" \
                or p.name.startswith("cunwu.sqlite3"):
            continue
        files[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    with sqlite3.connect(folder / "cunwu.sqlite3") as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'person_fts%' AND name != 'audit_log'")]
        rows = {t: conn.execute(f'SELECT count(*), total(row_version) FROM "{t}"').fetchone()
                if "row_version" in [c[1] for c in conn.execute(f'PRAGMA table_info("{t}")')]
                else conn.execute(f'SELECT count(*) FROM "{t}"').fetchone() for t in tables}
        rows["change_log max"] = conn.execute("SELECT max(log_seq) FROM change_log").fetchone()
        rows["audit other than logins"] = conn.execute(
            "SELECT count(*) FROM audit_log WHERE action NOT LIKE 'login.%'").fetchone()
        rows["users"] = conn.execute(
            "SELECT group_concat(username || role || active, ',') FROM users").fetchone()
    return {"files": files, "rows": rows}


def test_every_command_is_declared_or_refused(tmp_path):
    from cunwu.cli import build_parser

    everything = set(leaves(build_parser()))
    writing = set(writing_commands(_FAKE_FACTS, tmp_path))
    declared = READING | SUPERVISOR_MAY | DISTRICT | set(NEW_VILLAGE)
    assert not writing & declared
    assert everything - declared - writing == set(), \
        "a new command: refuse it for a supervisor (and add it to writing_commands) or declare it"
    assert (writing | declared) - everything == set(), "no longer a command"


_FAKE_FACTS = {k: UUID0 for k in ("id_number", "person_uuid", "dibao", "planned_meeting", "held_meeting",
                                  "closed_meeting", "member", "matter", "concern", "draft", "posted",
                                  "feedback", "rule", "entered_activity", "published_activity",
                                  "participant", "ledger_entry", "goods", "case", "closed_case")}


def _commands() -> list[str]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        return sorted(writing_commands(_FAKE_FACTS, Path(tmp)))


@pytest.mark.parametrize("command", _commands())
def test_a_supervisor_is_refused(demo, tmp_path, command):
    folder, facts = demo
    args = writing_commands(facts, tmp_path)[command]
    before = snapshot(folder)
    outside = set(tmp_path.iterdir())
    env = {"CUNWU_NEW_PASSWORD": "another-pass-1", "CUNWU_KEY_PASSPHRASE": "correct horse battery"}
    r = run_cli_here(*command.split(), *args, data_dir=folder, user="supervisor", env=env)
    assert r.code == 1 and "E_PERMISSION" in r.err, (r.code, r.err)
    assert snapshot(folder) == before
    assert set(tmp_path.iterdir()) == outside  # no request, bundle or report left behind


@pytest.mark.parametrize("command", sorted(NEW_VILLAGE))
def test_making_a_village_refuses_an_existing_one(demo, command):
    folder, _facts = demo
    before = snapshot(folder)
    args = ["--village-code", "330106001001", "--village-name", "青山村", "--district-code",
            "330106"] if command == "init" else []
    r = run_cli_here(command, *args, data_dir=folder, user="supervisor",
                     env={"CUNWU_ADMIN_PASSWORD": PASSWORD})
    assert r.code == 1 and NEW_VILLAGE[command] in r.err, r.err
    assert snapshot(folder) == before


def test_what_the_supervisor_may_do_stays_allowed(demo):
    folder, facts = demo
    for command, target in (("disclosures sign-off", facts["draft"]),
                            ("disclosures withdraw", facts["draft"]),
                            ("points approve", facts["entered_activity"])):
        r = run_cli_here(*command.split(), target, data_dir=folder, user="supervisor")
        assert r.code == 0, (command, r.err)

"""The residents commands as CLI.md describes them."""

import datetime as dt

from cunwu.domain.idnumbers import make
from roster_files import person_row, write_xlsx


def test_import_list_export_alerts(cli, store, tmp_path):
    rows = [person_row(0, "张伟强", born=dt.date(1946, 11, 30)), person_row(1, "李娜"),
            person_row(2, "王五", 性别="女")]
    path = write_xlsx(tmp_path / "r.xlsx", rows)
    store.close()
    dry = cli("residents", "import", str(path), "--dry-run", "--json", user="clerk")
    assert dry.code == 0, dry.err
    assert dry.json["imported"] == 2 and dry.json["dry_run"]
    assert cli("residents", "list", "--json", user="clerk").json == []
    r = cli("residents", "import", str(path), "--report", str(tmp_path / "rep.xlsx"), user="clerk")
    assert r.code == 0, r.err
    assert "2 imported" in r.out and "row 5" in r.out
    assert (tmp_path / "rep.xlsx").exists()
    listed = cli("residents", "list", "--search", "zwq", "--json",
                 env={"CUNWU_TODAY": "2026-12-01"}, user="clerk").json
    assert [p["name"] for p in listed] == ["张伟强"]
    assert set(listed[0]) == {"uuid", "name", "id_number", "sex", "birth_date", "household_uuid",
                              "tags", "status"}
    assert listed[0]["id_number"] == make("330106", dt.date(1946, 11, 30), 11)
    assert "高龄" in listed[0]["tags"]
    hh = cli("households", "list", "--json", user="clerk").json
    assert len(hh) == 1 and hh[0]["head_name"] == "张伟强" and hh[0]["members"] == 2
    alerts = cli("alerts", "--json", env={"CUNWU_TODAY": "2026-11-05"}, user="clerk").json
    assert [(a["kind"], a["due"]) for a in alerts] == [("elderly_birthday", "2026-11-30")]
    assert alerts[0]["person_uuid"] == listed[0]["uuid"]
    out = cli("residents", "export", str(tmp_path / "out.xlsx"), user="clerk")
    assert out.code == 0 and (tmp_path / "out.xlsx").exists()


def test_import_needs_a_user_and_write_permission(cli, store, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [person_row(0, "张三")])
    store.close()
    assert cli("residents", "import", str(path)).code == 2
    r = cli("residents", "import", str(path), user="supervisor")
    assert r.code == 1 and "E_PERMISSION" in r.err


def test_bad_file_fails_cleanly(cli, store, tmp_path):
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"hello")
    store.close()
    r = cli("residents", "import", str(bad), user="clerk")
    assert r.code == 1 and "E_ROSTER_NOT_SPREADSHEET" in r.err and r.out == ""


def test_monitoring_settings(cli, store):
    store.close()
    assert cli("residents", "settings", "--json").json["elderly_age"] == 80
    assert cli("residents", "settings", "--elderly-age", "70").code == 2  # writing needs a user
    r = cli("residents", "settings", "--elderly-age", "70", "--json", user="clerk")
    assert r.code == 0 and r.json["elderly_age"] == 70
    bad = cli("residents", "settings", "--visit-days", "0", user="clerk")
    assert bad.code == 1 and "E_SETTING" in bad.err

"""Reading personal data from the command line needs a login; every export or backup of it is an
audit entry naming who, how many and the file. Commands that show nobody's data stay open."""

import pytest

# Each prints villagers' names, ID numbers or benefits, or writes them to a file.
PERSONAL = [
    ("residents", "list", "--json"),
    ("residents", "export", "{tmp}/out.xlsx"),
    ("residents", "show", "330106194605050110"),
    ("residents", "visits", "list", "330106194605050110"),
    ("households", "list"),
    ("alerts",),
    ("backup", "--out", "{tmp}/b.sqlite3"),
    ("meetings", "show", "00000000-0000-0000-0000-000000000000"),
    ("meetings", "members", "list"),
    ("concerns", "list"),
    ("points", "ledger"),
    ("points", "balances"),
    ("points", "ranking", "--period", "2026"),
    ("points", "activity", "show", "00000000-0000-0000-0000-000000000000"),
]
OPEN = [("sync", "status"), ("disclosures", "due"), ("disclosures", "list"), ("users", "list"),
        ("audit", "list"), ("meetings", "list"), ("--version",)]


@pytest.mark.parametrize("args", PERSONAL, ids=" ".join)
def test_personal_data_needs_a_login(store, cli, tmp_path, args):
    store.close()
    r = cli(*[a.format(tmp=tmp_path) for a in args])
    assert r.code == 2 and r.err.startswith("E_AUTH_REQUIRED"), r.err
    assert not (tmp_path / "out.xlsx").exists() and not (tmp_path / "b.sqlite3").exists()


@pytest.mark.parametrize("args", OPEN, ids=" ".join)
def test_what_shows_nobody_needs_no_login(store, cli, args):
    store.close()
    r = cli(*args)
    assert r.code == 0, r.err


def test_an_export_and_a_backup_are_audit_entries(store, clerk, cli, tmp_path):
    from cunwu.services import residents

    residents.add_person(store, clerk, name="张三", id_number="11010519491231002X")
    residents.add_person(store, clerk, name="李四", id_number="440524188001010014")
    store.close()
    assert cli("residents", "export", str(tmp_path / "all.csv"), user="clerk").code == 0
    r = cli("residents", "export", str(tmp_path / "some.xlsx"), "--search", "张", user="supervisor")
    assert r.code == 0, r.err
    assert cli("backup", "--out", str(tmp_path / "b.sqlite3"), user="clerk").code == 0
    entries = cli("audit", "list", "--json").json
    made = [(e["actor"], e["action"], e["detail"]) for e in entries
            if e["action"] in ("residents.export", "store.backup")]
    assert made == [
        ("clerk", "store.backup", {"file": "b.sqlite3", "people": 2}),
        ("supervisor", "residents.export", {"file": "some.xlsx", "rows": 1, "filters": {"search": "张"}}),
        ("clerk", "residents.export", {"file": "all.csv", "rows": 2, "filters": {}}),
    ]

"""The down channel's commands as separate processes: district policy set, export-down, cases
list; the village's sync import-district."""

from __future__ import annotations

from sync_support import cli_district



def test_policy_by_usb(store, cli_process, tmp_path):
    cli = cli_process
    store.close()
    env = cli_district(cli, tmp_path)
    r = cli("district", "enrol", str(tmp_path / "req.json"), "--out", str(tmp_path / "cert.json"),
            user="admin", env=env)
    assert r.code == 0, r.err
    assert cli("sync", "accept-district", str(tmp_path / "cert.json"), user="admin", env=env).code == 0

    r = cli("district", "policy", "set", "--param", "dibao_standard", "--value", "1200",
            "--from", "2027-01-01", "--all", user="admin", env=env)
    assert r.code == 0, r.err
    r = cli("district", "policy", "set", "--param", "dibao_standard", "--value", "-5",
            "--from", "2027-01-01", "--all", user="admin", env=env)
    assert r.code == 1 and "E_POLICY_VALUE" in r.err
    usb = tmp_path / "usb"
    usb.mkdir()
    r = cli("district", "export-down", "--village", "330106001001", "--out", str(usb), user="admin", env=env)
    assert r.code == 0, r.err
    [name] = [p.name for p in usb.iterdir()]
    assert name == "CD-330106-330106001001-000001.cdb"
    r = cli("sync", "import-district", str(usb / name), "--json", user="admin", env=env)
    assert r.code == 0, r.err
    assert r.json["applied"] == 1 and r.json["bundles"][0]["policy"] == 1
    r = cli("sync", "import-district", str(usb / name), user="admin", env=env)
    assert r.code == 0 and "already" in r.out
    r = cli("district", "cases", "list", "--json", user="admin", env=env)
    assert r.code == 0, r.err
    assert r.json["totals"]["open"] == 0 and r.json["villages"][0]["code"] == "330106001001"
    # the village's next bundle confirms what it applied: the district writes it out no more
    up = tmp_path / "up"
    up.mkdir()
    assert cli("sync", "export", "--out", str(up), user="admin", env=env).code == 0
    [bundle_file] = list(up.iterdir())
    r = cli("district", "import", str(bundle_file), user="admin", env=env)
    assert r.code == 0, r.err
    again = tmp_path / "usb2"
    again.mkdir()
    r = cli("district", "export-down", "--village", "330106001001", "--out", str(again), "--json",
            user="admin", env=env)
    assert r.code == 0 and r.json["files"] == [] and list(again.iterdir()) == [], r.out

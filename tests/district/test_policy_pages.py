"""The 政策参数 page and 村详情's 下发到本村 through Starlette's client: who may set a value, the
CSRF token, a refused value's message in Chinese, the setting listed here and by `district
policy list --json`, and each village's down channel, confirmed by its next bundle; the
settings and the down channel read the same from PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from cunwu.district import audit, importer, outbox
from cunwu.district.accounts import DistrictUser
from district_support import enrol_key, web_client, web_login

A, B = "330106001001", "330106001002"


def _client_as(d, name):
    return web_login(web_client(d), name)


def _token(client) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get("/policy").text).group(1)


def _set(client, token=None, **form):
    data = {"name": "elderly_age", "value": "75", "effective_from": "2027-03-15", "village": ""} | form
    if token is not False:
        data["csrf_token"] = token or _token(client)
    return client.post("/policy", data=data)


@pytest.fixture
def two(district):
    enrol_key(district, A, "青山村")
    enrol_key(district, B, "绿水村")
    return district


def test_only_an_admin_sets_and_the_token_is_checked(two):
    for name in ("viewer1", "officer1"):
        client = _client_as(two, name)
        page = client.get("/policy")
        assert page.status_code == 200 and "政策参数" in page.text
        assert 'action="/policy"' not in page.text  # no form for them
        r = _set(client)
        assert r.status_code == 403 and "没有此项权限" in r.text
    admin = _client_as(two, "admin")
    assert 'action="/policy"' in admin.get("/policy").text
    r = _set(admin, token=False)
    assert r.status_code == 403 and "CSRF" in r.text
    r = _set(admin, token="forged")
    assert r.status_code == 403
    assert outbox.policies(two) == [] and audit.entries(two, action="policy.set") == []


def test_a_bad_value_or_date_shows_the_coded_message_in_chinese(two):
    admin = _client_as(two, "admin")
    r = _set(admin, value="30")
    assert r.status_code == 422
    error = re.search(r'id="failed">([^<]+)<', r.text).group(1)
    assert error == "高龄年龄 须是 60 到 120 之间的数；收到的是“30”。"
    assert 'value="30"' in r.text  # what was typed stays in the form
    r = _set(admin, name="dibao_standard", value="1200", effective_from="2027-02-30")
    assert r.status_code == 422 and "“2027-02-30”不是日期" in r.text
    r = _set(admin, village="330106009999")
    assert r.status_code == 422 and "Traceback" not in r.text and 'id="failed"' in r.text
    assert outbox.policies(two) == []


def test_a_value_set_is_listed_here_and_by_the_command_line(two, cli):
    admin = _client_as(two, "admin")
    r = _set(admin, name="dibao_standard", value="1250.5", effective_from="2027-01-01")
    assert r.status_code == 303
    page = admin.get(r.headers["location"]).text
    assert "已设定低保标准：每人每月 1,250.50 元，自 2027-01-01 起，适用于全部 2 个村" in page
    row = page[page.index('id="policies"'):]
    row = row[row.index("<tbody>"):]
    row = row[:row.index("</tr>")]
    assert "<td>低保标准</td>" in row and "每人每月 1,250.50 元" in row and "2027-01-01" in row
    assert "全部村（2 个）" in row and "待生效" in row and "待下发 2" in row and "admin" in row
    r = _set(admin, value="70", effective_from="2020-01-01", village=B)
    page = admin.get(r.headers["location"]).text
    assert "适用于绿水村" in page and "执行中" in page
    [entry, _] = audit.entries(two, action="policy.set")
    assert entry["actor"] == "admin" and entry["target"] == B
    env = {"CUNWU_DISTRICT_DIR": str(two.folder), "CUNWU_KEY_PASSPHRASE": "district test passphrase"}
    r = cli("district", "policy", "list", "--json", user="admin", env=env)
    assert r.code == 0, r.err
    listed = {(x["village"], x["name"], x["value"], x["effective_from"], x["set_by"]) for x in json.loads(r.out)}
    assert listed == {(A, "dibao_standard", "1250.50", "2027-01-01", "admin"),
                      (B, "dibao_standard", "1250.50", "2027-01-01", "admin"),
                      (B, "elderly_age", "70", "2020-01-01", "admin")}
    village = admin.get(f"/villages/{B}").text
    section = village[village.index('id="down"'):village.index("密钥与登记")]
    assert "2 条待下发" in section and "<td>高龄年龄</td>" in section and "70 岁" in section


def test_the_confirmation_follows_the_villages_next_bundle(district, store, admin, tmp_path):
    """A bundle written for the village stays unconfirmed on both pages until the village's next
    up-bundle, made after it applied the district bundle, is imported."""
    from cunwu.domain.idnumbers import make
    from cunwu.services import district_bundles, residents
    from sync_support import enrol_at, export

    enrol_at(store, admin, district, tmp_path / "enrol")
    code = store.village().code
    officer = _client_as(district, "admin")
    assert _set(officer, value="72", village=code).status_code == 303
    got = outbox.export_down(district, DistrictUser("admin", "admin"), code, tmp_path / "usb")
    page = officer.get("/policy").text
    assert "1 个村尚未确认收到最新的下发数据包" in page and "（第 1 号）" in page
    assert "待确认 1" in page
    village = officer.get(f"/villages/{code}").text
    assert 'id="unconfirmed"' in village and "第 1 号" in village
    district_bundles.import_files(store, admin, [Path(f) for f in got["files"]])
    residents.add_person(store, admin, name="钱一", id_number=make("330106", dt.date(1960, 1, 1), 11))
    importer.import_file(district, export(store, admin, tmp_path / "up"))
    page = officer.get("/policy").text
    assert 'id="lagging"' not in page and "已确认 1" in page
    assert 'id="unconfirmed"' not in officer.get(f"/villages/{code}").text
    assert outbox.statuses(district)[code]["last_confirmed_at"] is not None


def test_the_page_reads_the_same_on_postgresql(pg_server, tmp_path):
    """The grouping and the down channel's queries on the district's other database."""
    import uuid

    from cunwu.district import accounts
    from cunwu.district.store import District
    from support import PASSWORD

    url = pg_server.create_database(f"d_{uuid.uuid4().hex[:12]}")
    with District.create(tmp_path / "pg-district", "330106", "西湖区民政", db_url=url) as d:
        accounts.add_user(d, None, "admin", "admin", PASSWORD)
        enrol_key(d, A, "青山村")
        enrol_key(d, B, "绿水村")
        admin = _client_as(d, "admin")
        assert _set(admin, value="75", effective_from="2020-01-01").status_code == 303
        assert _set(admin, value="72", effective_from="2020-06-01", village=A).status_code == 303
        outbox.export_down(d, DistrictUser("admin", "admin"), A, tmp_path / "usb")
        [newer, older] = outbox.policy_settings(d)
        assert (newer["villages"], newer["state"]) == ([A], "in_force")
        assert newer["delivery"] == {"waiting": 0, "sent": 1, "confirmed": 0}
        assert (older["all"], older["in_force_in"], older["delivery"]["waiting"]) == (True, [B], 1)
        page = admin.get("/policy").text
        assert "1 个村尚未确认收到最新的下发数据包" in page and "全部村（2 个）" in page
        assert outbox.statuses(d)[B] == {"village": B, "waiting_items": 1, "bundles": 0, "unconfirmed": [],
                                         "last_confirmed_at": None}

"""The 数据包 page (import log, quarantine, release/reject for admins, a USB bundle uploaded
through the form), the xlsx exports with their filters and masking, and the overview's sorting,
totals and chart data — through Starlette's client over forged villages."""

from __future__ import annotations

import io
import re

import pytest

from cunwu.district import audit, importer
from cunwu.errors import CunwuError
from district_support import chain_after, enrol_key, forge, op_lines, person, tag, web_client, web_login

ID = "330106195001010012"
A, B = "330106001001", "330106001002"


def _token(client) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get("/bundles").text).group(1)


@pytest.fixture
def villages(district):
    """Two villages sharing a 低保 holder; village B's second bundle skips a change and is
    quarantined (its first bundle, with the missing change, can release it later)."""
    a, b = person("张三", ID), person("张三", ID)
    private, key_id = enrol_key(district, A)
    importer.import_bytes(district, forge(district, private, key_id, A, op_lines(
        [("persons", a["uuid"], "upsert", 1, a), ("person_tags", (t := tag(a, "低保"))["uuid"], "upsert", 1, t)])))
    private_b, key_b = enrol_key(district, B)
    first = op_lines([("persons", b["uuid"], "upsert", 1, b)])
    second = op_lines([("person_tags", (t := tag(b, "低保"))["uuid"], "upsert", 1, t)], first=2)
    with pytest.raises(CunwuError):  # change 1 is missing: held
        importer.import_bytes(district, forge(district, private_b, key_b, B, second, seq=2, log_from=2,
                                              chain_base=chain_after(first)))
    return district, forge(district, private_b, key_b, B, first)


def _xlsx(data: bytes):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(data), read_only=True)


def test_the_overview_sorts_totals_and_carries_chart_data(villages):
    d, _ = villages
    client = _client_as(d, "viewer1")
    page = client.get("/?sort=dibao&desc=1").text
    assert 'aria-sort="descending"' in page and "低保户/人 ▼" in page
    body = page[page.index("<tbody>"):page.index("</tbody>")]
    assert body.index(A) < body.index(B)  # A holds one 低保 household, B none yet
    assert "合计" in page and 'data-chart="dibao"' in page and 'data-chart="stale"' in page
    assert client.get("/?sort=bogus").status_code == 200  # an unknown column is the code order


def test_exports_keep_filters_mask_ids_and_are_audited(villages):
    d, _ = villages
    client = _client_as(d, "officer1")
    r = client.get("/export/overview.xlsx?sort=code&desc=1")
    assert r.status_code == 200 and r.headers["content-disposition"].endswith('.xlsx"')
    rows = list(_xlsx(r.content).worksheets[0].values)
    assert rows[0][:2] == ("村名", "村代码") and [x[1] for x in rows[1:3]] == [B, A]
    assert rows[-1][0] == "合计"
    r = client.get("/export/people.xlsx", params={"id_number": ID})
    cells = [c for row in _xlsx(r.content).worksheets[0].values for c in row]
    assert "330106********0012" in cells and ID not in cells
    wb = _xlsx(client.get("/export/cross-check.xlsx").content)
    assert wb.sheetnames[0] == "同一身份证号多村在册"
    assert client.get(f"/export/village.xlsx?code={A}").status_code == 200
    assert client.get("/export/nothing.xlsx").status_code == 404
    entries = audit.entries(d, action="export")
    assert [e["target"] for e in reversed(entries)] == ["overview", "people", "cross-check", "village"]
    assert all(ID not in str(e) for e in entries)
    viewer = _client_as(d, "viewer1")
    assert viewer.get("/export/overview.xlsx").status_code == 403


def test_an_admin_sees_full_ids_in_the_export(villages):
    d, _ = villages
    client = _client_as(d, "admin")
    r = client.get("/export/people.xlsx", params={"id_number": ID})
    assert ID in [c for row in _xlsx(r.content).worksheets[0].values for c in row]


def test_the_bundles_page_lists_imports_and_the_quarantine(villages):
    d, _ = villages
    client = _client_as(d, "viewer1")
    page = client.get("/bundles").text
    assert "导入记录" in page and "隔离区（1）" in page and "待管理员处理" in page
    assert "/release" not in page and "上传" not in page  # a viewer neither decides nor uploads
    held = re.search(r'<td class="code">([0-9a-f]{12})</td>', page).group(1)
    r = client.post(f"/bundles/{held}/reject", data={"csrf_token": _token(client), "reason": "x"})
    assert r.status_code == 403
    sheets = _xlsx(_client_as(d, "officer1").get(f"/export/bundles.xlsx?village={B}").content)
    assert [s.title for s in sheets.worksheets] == ["导入记录", "隔离"]


def _client_as(d, name, **options):
    return web_login(web_client(d, **options), name)


def test_a_usb_upload_goes_through_the_import_and_an_admin_releases(villages):
    d, first = villages
    officer = _client_as(d, "officer1")
    token = _token(officer)
    r = officer.post("/bundles/upload", data={"csrf_token": token},
                     files={"bundle": ("CW-B-000001.cwb", first, "application/octet-stream")})
    assert r.status_code == 303, r.text
    page = officer.get(r.headers["location"]).text
    assert "已导入" in page and f"/receipts/{B}/1" in page
    receipt = officer.get(f"/receipts/{B}/1")
    assert receipt.status_code == 200 and b'"seq":1' in receipt.content.replace(b" ", b"")
    again = officer.post("/bundles/upload", data={"csrf_token": token},
                         files={"bundle": ("again.cwb", first, "application/octet-stream")})
    assert "此前已导入过" in officer.get(again.headers["location"]).text
    bad = officer.post("/bundles/upload", data={"csrf_token": token},
                       files={"bundle": ("junk.cwb", b"not a bundle", "application/octet-stream")})
    assert bad.status_code == 422 and "junk.cwb" in bad.text
    forged = officer.post("/bundles/upload", data={"csrf_token": "forged"},
                          files={"bundle": ("x.cwb", first, "application/octet-stream")})
    assert forged.status_code == 403
    assert list(d.spool.glob("*")) == []  # nothing left in the spool whatever the outcome
    assert [e["detail"]["result"] for e in reversed(audit.entries(d, action="bundles.upload"))] == \
        ["applied", "already", "rejected"]

    admin = _client_as(d, "admin")
    held = re.search(r'<td class="code">([0-9a-f]{12})</td>', admin.get("/bundles").text).group(1)
    assert admin.post(f"/bundles/{held}/reject", data={"csrf_token": _token(admin)}).status_code == 400
    r = admin.post(f"/bundles/{held}/release", data={"csrf_token": _token(admin), "reason": "补齐"})
    assert r.status_code == 303
    assert "已放行" in admin.get(r.headers["location"]).text
    assert [e["actor"] for e in audit.entries(d, action="quarantine.release")] == ["admin"]


def test_an_upload_over_the_cap_is_refused_before_it_is_kept(district):
    from cunwu.district.server import Limits

    client = _client_as(district, "officer1", limits=Limits(max_bytes=1024))
    r = client.post("/bundles/upload", data={"csrf_token": _token(client)},
                    files={"bundle": ("big.cwb", b"x" * 200_000, "application/octet-stream")})
    assert r.status_code == 413 and "文件过大" in r.text
    assert list(district.spool.glob("*")) == []

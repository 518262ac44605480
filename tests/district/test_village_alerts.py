"""The village's open alerts at the district: counted on 总览, listed on 村详情 in Chinese with
the person's name masked for a viewer, and exported with the village."""

from __future__ import annotations

import io

from cunwu.district import importer
from district_support import enrol_key, forge, op_lines, person, tag, web_client, web_login

A = "330106001001"


def _village(district):
    """One village sending a woman who lives alone and was never visited, and a 二级 disability
    without the 两项补贴: two open alerts by the village's default thresholds."""
    alone, disabled = person("钱秀英", "330106194001010028"), person("孙建国", "330106196001010011")
    care = tag(disabled, "残疾", since="2025-01-01") | {"data": '{"level": "二级", "two_subsidies": false}'}
    lonely = tag(alone, "独居老人", since="2025-01-01")
    private, key_id = enrol_key(district, A)
    importer.import_bytes(district, forge(district, private, key_id, A, op_lines([
        ("persons", alone["uuid"], "upsert", 1, alone), ("persons", disabled["uuid"], "upsert", 1, disabled),
        ("person_tags", lonely["uuid"], "upsert", 1, lonely), ("person_tags", care["uuid"], "upsert", 1, care)])))
    return district


def test_open_alerts_on_the_overview_and_the_village_page(district):
    d = _village(district)
    viewer = web_login(web_client(d), "viewer1")
    page = viewer.get("/").text
    assert "待办提醒" in page
    row = page[page.index(A):]
    assert '<td class="num">2</td>' in row[:row.index("</tr>")]
    page = viewer.get(f"/villages/{A}").text
    listed = page[page.index('id="alerts"'):]
    listed = listed[:listed.index("</table>")]
    assert "钱**" in listed and "钱秀英" not in listed and "孙**" in listed  # a viewer reads no names
    assert "走访" in listed and "两项补贴" in listed  # the messages in the page's language
    assert "默认设置" in page
    officer = web_login(web_client(d), "officer1")
    page = officer.get(f"/villages/{A}").text
    assert "钱秀英" in page[page.index('id="alerts"'):]


def test_the_village_export_carries_its_alerts(district):
    from openpyxl import load_workbook

    d = _village(district)
    r = web_login(web_client(d), "officer1").get(f"/export/village.xlsx?code={A}")
    assert r.status_code == 200
    book = load_workbook(io.BytesIO(r.content), read_only=True)
    overview = list(book.worksheets[0].values)
    assert overview[1][overview[0].index("待办提醒")] == 2
    alerts = list(book["待办提醒"].values)
    assert alerts[0] == ("类别", "对象", "提醒", "到期日") and len(alerts) == 3
    assert {a[1] for a in alerts[1:]} == {"钱秀英", "孙建国"}

"""The sync page's line on the district's copy: 区县数据与本村一致, or what differs."""

from __future__ import annotations

import pytest
import sqlalchemy as sa


pytestmark = pytest.mark.usefixtures("memory_keyring")  # tests/conftest.py


def test_the_page_says_whether_the_district_copy_matches(qtbot, window, store, tmp_path):
    from cunwu.district import importer
    from cunwu.district.store import District
    from cunwu.services import sync
    from cunwu.services.village import admin_actor
    from sync_support import add_households, enrol_at, export

    admin = admin_actor(store, "admin")
    page = window.show_page("sync")
    assert page.fields["reconciliation"][1].text() == "-"  # no receipt with counts yet

    d = District.create(tmp_path / "district", "330106", "西湖区民政")
    enrol_at(store, admin, d, tmp_path / "enrol")
    uuids = add_households(store, admin, 4)
    sync.import_receipt(store, admin, importer.import_file(d, export(store, admin, tmp_path / "usb1")).receipt)
    page.refresh()
    assert page.fields["reconciliation"][1].text() == "The district's data matches this village's"

    with d.engine.begin() as conn:  # a row lost at the district
        conn.execute(sa.text("DELETE FROM records WHERE uuid = :u"), {"u": uuids[0]})
    add_households(store, admin, 1, start=10)
    sync.import_receipt(store, admin, importer.import_file(d, export(store, admin, tmp_path / "usb2")).receipt)
    page.refresh()
    shown = page.fields["reconciliation"][1].text()
    assert "households (here 5, district 4)" in shown and "sent again" in shown
    assert "Export bundle" in page.next_step.text()

    window.ctx.prefs.apply_language("zh_CN")
    qtbot.waitUntil(lambda: page.fields["reconciliation"][0].text() != "District's copy", timeout=5_000)
    assert "不一致" in page.fields["reconciliation"][1].text()
    sync.import_receipt(store, admin, importer.import_file(d, export(store, admin, tmp_path / "usb3")).receipt)
    page.refresh()
    assert page.fields["reconciliation"][1].text() == "区县数据与本村一致"
    d.close()

"""A quarantined bundle's reason is kept as its code and values and read in the reader's
language: Chinese on the 数据包 page, 村详情 and the export; the command line's own language in
the listing; a bundle held before reasons were coded keeps its English text."""

from __future__ import annotations

import io
import uuid as _uuid

import pytest
import sqlalchemy as sa

from cunwu.district import importer, quarantine
from cunwu.district.schema import quarantine as held_table
from cunwu.errors import CunwuError
from district_support import chain_after, enrol_key, forge, op_lines, person, web_client, web_login

B = "330106001002"


@pytest.fixture
def held(district):
    """Village B's bundle 2 arrives without change 1, and a bundle with a bad row."""
    private, key_id = enrol_key(district, B)
    p = person("张三", "330106195001010012")
    first = op_lines([("persons", p["uuid"], "upsert", 1, p)])
    second = op_lines([("persons", p["uuid"], "upsert", 2, p | {"row_version": 2})], first=2)
    with pytest.raises(CunwuError):
        importer.import_bytes(district, forge(district, private, key_id, B, second, seq=2, log_from=2,
                                              chain_base=chain_after(first)))
    u = str(_uuid.uuid4())
    bad = op_lines([("households", u, "upsert", 1, {"uuid": u, "row_version": 1, "number": 7})])
    with pytest.raises(CunwuError):
        importer.import_bytes(district, forge(district, private, key_id, B, bad, seq=1))
    return district


def test_the_code_and_values_are_kept_and_read_in_each_language(held):
    with held.engine.connect() as conn:
        rows = {r.code: r for r in conn.execute(sa.select(held_table.c.code, held_table.c.reason,
                                                          held_table.c.params))}
    assert set(rows) == {"E_BUNDLE_GAP", "E_BUNDLE_ROW"}
    assert rows["E_BUNDLE_GAP"].reason == "changes 1 to 1 are missing"  # English, for the record
    english = {r["code"]: r["reason"] for r in quarantine.listing(held)}  # the tests speak English
    assert english["E_BUNDLE_GAP"] == "changes 1 to 1 are missing"
    assert english["E_BUNDLE_ROW"].startswith("op 0 (households ") and english["E_BUNDLE_ROW"].endswith(
        "field number: not text")
    chinese = {r["code"]: r["reason"] for r in quarantine.listing(held, "zh_CN")}
    assert chinese["E_BUNDLE_GAP"] == "缺少第 1 至第 1 项变更"
    assert chinese["E_BUNDLE_ROW"].startswith("第 0 项变更（households ") and chinese["E_BUNDLE_ROW"].endswith(
        "的字段 number：不是文本")


def test_the_pages_and_the_export_read_chinese(held):
    from openpyxl import load_workbook

    admin = web_login(web_client(held), "admin")
    assert "缺少第 1 至第 1 项变更" in admin.get("/bundles").text
    assert "不是文本" in admin.get("/bundles").text and "not text" not in admin.get("/bundles").text
    assert "缺少第 1 至第 1 项变更" in admin.get(f"/villages/{B}").text
    book = load_workbook(io.BytesIO(admin.get(f"/export/bundles.xlsx?village={B}").content), read_only=True)
    assert "缺少第 1 至第 1 项变更" in [c for row in book["隔离"].values for c in row]


def test_a_reason_held_before_codes_reads_as_it_was_kept(held):
    with held.engine.begin() as conn:
        conn.execute(held_table.update().where(held_table.c.code == "E_BUNDLE_GAP"),
                     {"code": "E_BUNDLE_QUARANTINED", "params": None, "reason": "changes 1 to 1 are missing"})
    assert "changes 1 to 1 are missing" in [r["reason"] for r in quarantine.listing(held, "zh_CN")]
    assert quarantine.reason("E_BUNDLE_ROW", '{"op": 1}', "kept") == "kept"  # values that do not fit
    assert quarantine.reason("E_NO_SUCH", '{}', "kept") == "kept"

"""A 财务公开 table read from an .xlsx sheet, through the service and the command."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from openpyxl import Workbook

from cunwu.errors import CunwuError
from cunwu.io.disclosure_tables import read_xlsx


def _workbook(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "10月收支"
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_reads_header_rows_numbers_and_dates(tmp_path):
    path = _workbook(tmp_path / "t.xlsx", [
        [None], ["日期", "摘要", "收入（元）", "支出（元）"],
        [dt.datetime(2026, 10, 3), "土地承包费", 44700, None],
        [dt.date(2026, 10, 11), "办公用品", None, 6764.9],
        [], ["合计", None, 44700, 6764.9]])
    table = read_xlsx(path)
    assert table["title"] == "10月收支"
    assert table["columns"] == ["日期", "摘要", "收入（元）", "支出（元）"]
    assert table["rows"] == [["2026-10-03", "土地承包费", "44700", ""],
                             ["2026-10-11", "办公用品", "", "6764.90"],
                             ["合计", "", "44700", "6764.90"]]


def test_wider_row_and_bad_files_are_refused(tmp_path):
    path = _workbook(tmp_path / "w.xlsx", [["项目", "金额"], ["a", 1, "多出的一格"]])
    with pytest.raises(CunwuError) as e:
        read_xlsx(path)
    assert e.value.code == "E_DISCLOSURE_IMPORT" and "row 2" in e.value.message
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(CunwuError):
        read_xlsx(bad)
    with pytest.raises(CunwuError):
        read_xlsx(tmp_path / "t.csv")


def test_cli_add_with_xlsx_table(store, cli, tmp_path):
    sheet = _workbook(tmp_path / "t.xlsx", [["摘要", "金额"], ["租金", 3000]])
    notice = tmp_path / "n.json"
    notice.write_text(json.dumps({"category": "财务", "kind": "finance", "title": "2026年10月财务公开",
                                  "period": {"from": "2026-10-01", "to": "2026-10-31"},
                                  "body": "收支如下。"}, ensure_ascii=False), encoding="utf-8")
    r = cli("disclosures", "add", str(notice), "--xlsx", str(sheet), user="clerk")
    assert r.code == 0, r.err
    shown = cli("disclosures", "show", r.out.strip(), "--json").json
    assert shown["tables"] == [{"title": "10月收支", "columns": ["摘要", "金额"],
                                "rows": [["租金", "3000"]]}]

"""Helpers that write roster files the way clerks' spreadsheets look."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cunwu.domain.idnumbers import make

HEADER = ["序号", "姓名", "公民身份号码", "性别", "出生日期", "民族", "联系电话", "与户主关系",
          "户号", "组别", "家庭住址", "备注"]


def person_row(i: int, name: str, *, sex_seq: int | None = None, born=dt.date(1980, 1, 1), **over):
    seq = sex_seq if sex_seq is not None else 11 + 2 * i
    row = {"序号": i + 1, "姓名": name, "公民身份号码": make("330106", born, seq),
           "性别": "男" if seq % 2 else "女", "出生日期": born.isoformat(), "民族": "汉族",
           "联系电话": "13800000000", "与户主关系": "户主" if i % 3 == 0 else "子",
           "户号": f"{i // 3 + 1:04d}", "组别": "1组", "家庭住址": "青山村", "备注": ""}
    row.update(over)
    return [row[h] for h in HEADER]


def write_xlsx(path: Path, rows: list[list], *, title: str | None = "青山村户籍花名册",
               header=HEADER) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def write_csv(path: Path, rows: list[list], *, encoding="utf-8-sig", header=HEADER) -> Path:
    import csv

    with open(path, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(r)
    return path

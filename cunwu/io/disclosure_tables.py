"""Reading a table for a notice (e.g. a 财务公开 income and expense table) from an .xlsx
sheet: the first non-empty row is the header, empty rows are skipped, numbers keep cents.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cunwu.errors import CunwuError

MAX_ROWS = 5000
MAX_COLUMNS = 30


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int,)):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.2f}"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def read_xlsx(path: Path, title: str = "") -> dict:
    """{"title", "columns", "rows"} from the first sheet of an .xlsx file."""
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise CunwuError("E_DISCLOSURE_IMPORT", path=str(path), detail="use an .xlsx file")
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a damaged or foreign file
        raise CunwuError("E_DISCLOSURE_IMPORT", path=str(path), detail=type(e).__name__) from e
    try:
        sheet = wb.worksheets[0]
        header: list[str] | None = None
        rows: list[list[str]] = []
        for raw in sheet.iter_rows(values_only=True):
            cells = [_cell(v) for v in raw[:MAX_COLUMNS]]
            while cells and not cells[-1]:
                cells.pop()
            if not cells:
                continue
            if header is None:
                header = cells
                continue
            if len(cells) > len(header):
                raise CunwuError("E_DISCLOSURE_IMPORT", path=str(path),
                                 detail=f"row {len(rows) + 2} is wider than the header")
            rows.append(cells + [""] * (len(header) - len(cells)))
            if len(rows) > MAX_ROWS:
                raise CunwuError("E_DISCLOSURE_IMPORT", path=str(path),
                                 detail=f"more than {MAX_ROWS} rows")
    finally:
        wb.close()
    if not header:
        raise CunwuError("E_DISCLOSURE_IMPORT", path=str(path), detail="the sheet is empty")
    return {"title": title or sheet.title, "columns": header, "rows": rows}

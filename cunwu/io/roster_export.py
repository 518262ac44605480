"""Rosters out: xlsx that imports back unchanged, CSV with formula injection neutralised,
and the report of rejected rows from an import.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from cunwu.files import write_atomic
from cunwu.i18n import _
_RISKY = ("=", "+", "-", "@", "\t", "\r")


def write_roster(path: Path, header: list[str], rows: list[list]) -> int:
    """The rows as .csv (by the name's suffix) or .xlsx; returns how many were written."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return _write_csv(path, header, rows)
    return _write_xlsx(path, header, rows)


def _write_xlsx(path: Path, header: list[str], rows: list[list]) -> int:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Roster"))
    ws.append(header)
    for r in rows:
        # text cells throughout: ID numbers and phone numbers must never become floats
        ws.append([str(c) for c in r])
    _save(wb, path)
    return len(rows)


def neutralise(value: object) -> str:
    """A cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_RISKY) else text


def _write_csv(path: Path, header: list[str], rows: list[list]) -> int:
    text = io.StringIO(newline="")
    w = csv.writer(text)
    w.writerow(header)
    for r in rows:
        w.writerow([neutralise(c) for c in r])
    write_atomic(path, text.getvalue().encode("utf-8-sig"))
    return len(rows)


def write_report(path: Path, result) -> None:
    """Every rejected row with its row number in the source file and the reason."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Rejected rows"))
    ws.append([_("row"), _("name"), _("ID number"), _("reason")])
    for r in result.rejected:
        ws.append([r.row, neutralise(r.name), neutralise(r.id_number), r.reason])
    if result.warnings:
        ws2 = wb.create_sheet(_("Warnings"))
        ws2.append([_("row"), _("warning")])
        for row, message in result.warnings:
            ws2.append([row, message])
    _save(wb, Path(path))


def _save(wb, path: Path) -> None:
    """The workbook through the one atomic writer: a failed export leaves no half file."""
    data = io.BytesIO()
    wb.save(data)
    write_atomic(path, data.getvalue())

"""Rosters out: xlsx that imports back unchanged, CSV with formula injection neutralised,
and the report of rejected rows from an import.
"""

from __future__ import annotations

import csv
from pathlib import Path

from cunwu.errors import CunwuError
from cunwu.i18n import _
from cunwu.io.columns import EXPORT_HEADERS

TAGS_HEADER = "特殊群体"  # written for people to read; the importer leaves it alone
_RISKY = ("=", "+", "-", "@", "\t", "\r")


def roster_rows(store, query) -> tuple[list[str], list[list]]:
    """Header and rows for every person the query selects."""
    from sqlalchemy import text

    from cunwu.services.people import all_rows

    people = all_rows(store, query)
    with store.read() as s:
        extra = {r[0]: r[1:] for r in s.execute(text(
            "SELECT p.uuid, p.ethnicity, p.party_member, p.notes, coalesce(h.address, '') "
            "FROM persons p LEFT JOIN households h ON h.uuid = p.household_uuid"))}
    header = list(EXPORT_HEADERS.values()) + [TAGS_HEADER]
    rows = []
    for p in people:
        ethnicity, party, notes, address = extra[p.uuid]
        rows.append([p.name, p.id_number or "", p.sex, p.birth_date.isoformat() if p.birth_date else "",
                     ethnicity, p.phone, p.relation, p.household_number, p.group_name, address,
                     p.status, "是" if party else "否", notes, "、".join(p.tags)])
    return header, rows


def export_xlsx(store, path: Path, query) -> int:
    from openpyxl import Workbook

    header, rows = roster_rows(store, query)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Roster"))
    ws.append(header)
    for r in rows:
        # text cells throughout: ID numbers and phone numbers must never become floats
        ws.append([str(c) for c in r])
    _save(lambda: wb.save(path), path)
    return len(rows)


def neutralise(value: object) -> str:
    """A cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_RISKY) else text


def export_csv(store, path: Path, query) -> int:
    header, rows = roster_rows(store, query)

    def write():
        with open(path, "w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            for r in rows:
                w.writerow([neutralise(c) for c in r])

    _save(write, path)
    return len(rows)


def export(store, path: Path, query) -> int:
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return export_csv(store, path, query)
    return export_xlsx(store, path, query)


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
    _save(lambda: wb.save(path), Path(path))


def _save(write, path: Path) -> None:
    try:
        write()
    except OSError as e:
        raise CunwuError("E_EXPORT_WRITE", path=str(path), detail=e.strerror or str(e)) from e

"""A roster sheet read for import: the header row and column mapping, and each row's cells as
plain person values (cleaning them is the residents service's job), or the report of a
rejected row with its row number in the source file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from cunwu.errors import CunwuError
from cunwu.i18n import _
from cunwu.io.columns import cell_bool, cell_date, cell_flag, cell_tags, cell_text, find_header
from cunwu.io.sheets import Table, read_table


@dataclass
class Rejected:
    row: int  # row number in the source file (1 = the first row)
    name: str
    id_number: str
    reason: str


@dataclass
class Preview:
    """What the wizard shows before importing: the header row, the mapping, a few rows."""

    table: Table
    header_row: int  # index into table.rows
    mapping: dict[int, str]

    @property
    def headers(self) -> list[str]:
        return [cell_text(c) for c in self.table.rows[self.header_row]]

    def sample(self, n: int = 10) -> list[list[str]]:
        return [[cell_text(c) for c in r] for r in self.table.rows[self.header_row + 1:][:n]]


@dataclass
class Row:
    """One roster row: person fields as read (not yet cleaned) and its household's cells."""

    number: int
    values: dict
    household_number: object
    group_name: str
    address: str
    tags: dict[str, dict] = field(default_factory=dict)  # special group -> its details as read
    tag_since: dt.date | None = None


def preview(path: Path, saved: dict[str, str] | None = None) -> Preview:
    table = read_table(Path(path))
    header, mapping = find_header(table.rows, saved)
    return Preview(table, header, mapping)


def is_blank(raw: list) -> bool:
    return not any(c not in ("", None) for c in raw)


def read_row(raw: list, mapping: dict[int, str], number: int, formulas, index: int) -> Row:
    """The row's cells as plain values for the person fields; an empty optional cell is left
    out (it never erases what is recorded)."""
    cells = {}
    for j, name in mapping.items():
        value = raw[j] if j < len(raw) else ""
        if (index, j) in formulas and value in ("", None):
            raise CunwuError("E_ROSTER_FORMULA", value=_("column {n}").format(n=j + 1))
        cells[name] = value
    ident = cells.get("id_number")
    values = {"name": cells.get("name"), "id_number": ident if ident not in ("", None) else None}
    if "birth_date" in cells:
        values["birth_date"] = cell_date(cells["birth_date"])
    if "sex" in cells:
        values["sex"] = cell_text(cells["sex"])
    for key in ("ethnicity", "relation", "notes"):
        if key in cells:
            values[key] = cell_text(cells[key])
    if "phone" in cells:
        values["phone"] = cells["phone"]  # clean_phone reads numbers stored as floats too
    if "status" in cells and cell_text(cells["status"]):
        values["status"] = cell_text(cells["status"])
    if "party_member" in cells and cell_text(cells["party_member"]):
        values["party_member"] = cell_bool(cells["party_member"])
    return Row(number, values, cells.get("household_number"),
               cell_text(cells.get("group_name")), cell_text(cells.get("address")),
               *_groups(cells))


def _groups(cells: dict) -> tuple[dict[str, dict], dt.date | None]:
    """The special groups a row names (yes/no columns and a listing column), the 低保 amount
    and people covered, and since when."""
    tags = {name[4:]: {} for name, value in cells.items()
            if name.startswith("tag:") and cell_flag(value, name[4:])}
    for tag in cell_tags(cells.get("tags")):
        tags.setdefault(tag, {})
    if "低保" in tags:
        tags["低保"] = {"monthly_amount": cell_text(cells.get("tag_amount")) or None,
                      "covered": cell_text(cells.get("tag_covered")) or None}
    return tags, cell_date(cells.get("tag_since")) if tags else None


def rejected(raw: list, mapping: dict[int, str], number: int, reason: str) -> Rejected:
    by_field = {f: raw[j] if j < len(raw) else "" for j, f in mapping.items()}
    ident = by_field.get("id_number")
    ident = repr(ident) if isinstance(ident, float) else cell_text(ident)
    return Rejected(number, cell_text(by_field.get("name")), ident, reason)

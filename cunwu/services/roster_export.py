"""Exporting the roster: the people a query selects, in the columns an import reads back."""

from __future__ import annotations

from pathlib import Path

from cunwu.io.columns import EXPORT_HEADERS
from cunwu.io.roster_export import write_roster
from cunwu.services.personal_files import audit_file

TAGS_HEADER = "特殊群体"  # written for people to read; the importer leaves it alone


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


def export_roster(store, actor, path: Path, query) -> int:
    """Write the selected people to path (.xlsx, or .csv by its suffix); returns how many.
    Personal data leaving the program: an audit entry says who, how many and which file."""
    actor.require("read", "residents.export")
    header, rows = roster_rows(store, query)
    path = Path(path)
    n = write_roster(path, header, rows)
    filters = {k: v for k, v in vars(query).items() if v}
    audit_file(store, actor, "residents.export", path, {"rows": n, "filters": filters})
    return n

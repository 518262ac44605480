"""Importing a roster: every row checked, known people updated, new ones added, and all
valid rows committed in one transaction or none (cancel, crash, error). A rejected row
keeps its row number in the source file and a reason a clerk can act on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from cunwu import clock
from cunwu.domain import idnumbers
from cunwu.domain.households import Household, clean_number
from cunwu.domain.residents import (Person, clean_name, clean_phone, clean_relation, clean_sex,
                                    clean_status)
from cunwu.errors import CunwuError
from cunwu.i18n import _
from cunwu.io.columns import cell_bool, cell_date, cell_text, check_mapping, find_header
from cunwu.io.sheets import Table, read_table
from cunwu.store.tables import new_uuids

CHUNK = 5000
PERSON_FIELDS = ("name", "id_number", "sex", "birth_date", "ethnicity", "phone", "relation",
                 "status", "party_member", "notes")


@dataclass
class Rejected:
    row: int  # row number in the source file (1 = the first row)
    name: str
    id_number: str
    reason: str


@dataclass
class ImportResult:
    rows: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    households_added: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    dry_run: bool = False

    def json(self) -> dict:
        return {"rows": self.rows, "imported": self.imported, "updated": self.updated,
                "unchanged": self.unchanged, "households_added": self.households_added,
                "rejected": [r.__dict__ for r in self.rejected],
                "warnings": [{"row": r, "message": m} for r, m in self.warnings],
                "dry_run": self.dry_run}


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
class _Row:
    number: int
    values: dict
    household_number: str
    group_name: str
    address: str


Progress = Callable[[int, int], None]


def preview(path: Path, saved: dict[str, str] | None = None) -> Preview:
    table = read_table(Path(path))
    header, mapping = find_header(table.rows, saved)
    return Preview(table, header, mapping)


def _parse_row(raw: list, mapping: dict[int, str], number: int, formulas, index: int) -> _Row:
    cells = {}
    for j, name in mapping.items():
        value = raw[j] if j < len(raw) else ""
        if (index, j) in formulas and value in ("", None):
            raise CunwuError("E_ROSTER_FORMULA", value=_("column {n}").format(n=j + 1))
        cells[name] = value
    values = {"name": clean_name(cells.get("name"))}
    info = idnumbers.parse(cells.get("id_number") if cells.get("id_number") not in ("", None) else None)
    birth = cell_date(cells.get("birth_date")) if "birth_date" in cells else None
    sex = clean_sex(cell_text(cells.get("sex"))) if "sex" in cells else ""
    idnumbers.check_against(info, birth_date=birth, sex=sex or None)
    values.update(id_number=info.number, birth_date=info.birth_date, sex=info.sex)
    if "ethnicity" in cells:
        values["ethnicity"] = cell_text(cells["ethnicity"])
    if "phone" in cells:
        values["phone"] = clean_phone(cells["phone"])
    if "relation" in cells:
        values["relation"] = clean_relation(cell_text(cells["relation"]))
    if "status" in cells and cell_text(cells["status"]):
        values["status"] = clean_status(cell_text(cells["status"]))
    if "party_member" in cells and cell_text(cells["party_member"]):
        values["party_member"] = cell_bool(cells["party_member"])
    if "notes" in cells:
        values["notes"] = cell_text(cells["notes"])
    # an empty cell says nothing: it never erases what is recorded
    values = {k: v for k, v in values.items() if v not in ("", None)}
    return _Row(number, values, clean_number(cells.get("household_number")),
                cell_text(cells.get("group_name")), cell_text(cells.get("address")))


def import_roster(store, actor, path: Path, *, mapping: dict[int, str] | None = None,
                  dry_run: bool = False, progress: Progress | None = None,
                  cancelled: Callable[[], bool] | None = None,
                  prepared: Preview | None = None) -> ImportResult:
    """Check every row, then commit the valid ones together (or, with dry_run, nothing)."""
    path = Path(path)
    own_preview = prepared is None
    if own_preview:
        prepared = preview(path)
    table = prepared.table
    if mapping is None:
        mapping = prepared.mapping
    check_mapping(mapping)
    result = ImportResult(dry_run=dry_run)
    rows: list[_Row] = []
    seen: dict[str, int] = {}
    for index in range(prepared.header_row + 1, len(table.rows)):
        raw = table.rows[index]
        if not any(c not in ("", None) for c in raw):
            continue
        result.rows += 1
        number = index + 1
        try:
            row = _parse_row(raw, mapping, number, table.formulas, index)
            earlier = seen.get(row.values["id_number"])
            if earlier is not None:
                raise CunwuError("E_ROSTER_DUPLICATE", row=earlier)
            seen[row.values["id_number"]] = number
            rows.append(row)
            if not idnumbers.known_address(row.values["id_number"][:6]):
                result.warnings.append((number, CunwuError("W_ID_ADDRESS").message))
        except CunwuError as e:
            result.rejected.append(_rejected(raw, mapping, number, e.message))
    if own_preview:
        table.rows.clear()  # the checked rows are all that is needed now; free the sheet
    if cancelled and cancelled():
        raise CunwuError("E_ROSTER_CANCELLED")
    if dry_run:
        with store.read() as session:
            _apply(session, None, rows, result, progress, cancelled)
        return result
    with store.write(actor, "residents.import") as uow:
        _apply(uow.session, uow, rows, result, progress, cancelled)
        uow.detail = {"file": path.name, "imported": result.imported, "updated": result.updated,
                      "rejected": len(result.rejected)}
    return result


def _rejected(raw: list, mapping: dict[int, str], number: int, reason: str) -> Rejected:
    by_field = {f: raw[j] if j < len(raw) else "" for j, f in mapping.items()}
    ident = by_field.get("id_number")
    ident = repr(ident) if isinstance(ident, float) else cell_text(ident)
    return Rejected(number, cell_text(by_field.get("name")), ident, reason)


def _apply(session, uow, rows: list[_Row], result: ImportResult, progress, cancelled) -> None:
    """Sort rows into new and known people, households into new and changed; write if uow."""
    from sqlalchemy import text
    from sqlmodel import select

    from cunwu.services import search
    from cunwu.services.residents import apply_changes, record_event

    known = dict(session.execute(text(
        "SELECT id_number, uuid FROM persons WHERE id_number IS NOT NULL")).all())
    households = {h.number: h for h in session.exec(select(Household)).all()}
    now = clock.now_utc()
    actor_name = uow.actor.username if uow else ""
    # new households as plain fields until the end: records built in bulk cannot change
    new_households: dict[str, dict] = {}
    changed_households: set[str] = set()
    for row in rows:
        number = row.household_number
        if not number:
            continue
        if number in new_households:
            continue
        h = households.get(number)
        if h is None:
            new_households[number] = {"uuid": None, "number": number, "address": row.address,
                                      "group_name": row.group_name, "head_uuid": None,
                                      "notes": "", "created_at": now}
        elif (row.group_name and row.group_name != h.group_name) or \
                (row.address and row.address != h.address):
            h.group_name = row.group_name or h.group_name
            h.address = row.address or h.address
            changed_households.add(number)
    for household, uuid in zip(new_households.values(), new_uuids(len(new_households))):
        household["uuid"] = uuid
    ids = iter(new_uuids(len(rows)))
    fresh: list[dict] = []
    template = record_defaults(Person, created_at=now, created_by=actor_name)
    updates: list[tuple[str, dict]] = []
    for row in rows:
        values = row.values
        number = row.household_number
        if number:
            values["household_uuid"] = (new_households[number]["uuid"] if number in new_households
                                        else households[number].uuid)
        uuid = known.get(values["id_number"])
        if uuid is None:
            for key, default in template.items():  # fill in place: no second dict per row
                values.setdefault(key, default)
            values["uuid"] = next(ids)
            fresh.append(values)
        else:
            updates.append((uuid, values))
        if values.get("relation") == "户主" and number:
            target = uuid or fresh[-1]["uuid"]
            if number in new_households:
                new_households[number]["head_uuid"] = target
            elif households[number].head_uuid != target:
                households[number].head_uuid = target
                changed_households.add(number)
    result.imported = len(fresh)
    result.households_added = len(new_households)
    total = len(fresh) + len(updates)
    done = 0
    if uow is not None:
        uow.add_rows(Household, list(new_households.values()))
        for number in sorted(changed_households):
            uow.save(households[number])
    for start in range(0, len(fresh), CHUNK):
        chunk = fresh[start:start + CHUNK]
        if uow is not None:
            uow.add_rows(Person, chunk)
            search.index_new(session, [(p["uuid"], p["name"], p["id_number"]) for p in chunk])
        done += len(chunk)
        _step(progress, cancelled, done, total)
    for uuid, values in updates:
        person = session.get(Person, uuid)
        if uow is None:
            changes = {k: v for k, v in values.items() if getattr(person, k) != v}
            session.expunge(person)
        else:
            changes = apply_changes(person, values)
            if changes:
                uow.save(person)
                if {"name", "id_number"} & set(changes):
                    search.reindex(session, [(person.uuid, person.name, person.id_number)])
                record_event(uow, person.uuid, "residents.import", changes)
        if changes:
            result.updated += 1
        else:
            result.unchanged += 1
        done += 1
        if done % 500 == 0:
            _step(progress, cancelled, done, total)
    _step(progress, cancelled, done, total)


def record_defaults(model, **given) -> dict:
    """Every column of a new record with its default, for bulk rows built as dicts."""
    out = {}
    for name, info in model.model_fields.items():
        if not info.is_required():
            out[name] = info.get_default(call_default_factory=False)
    out.update(given)
    return out


def _step(progress, cancelled, done: int, total: int) -> None:
    if progress:
        progress(done, total)
    if cancelled and cancelled():
        raise CunwuError("E_ROSTER_CANCELLED")

"""Importing a roster: every row checked, known people updated, new ones added, and all
valid rows committed in one transaction or none (cancel, crash, error); the column mapping
saved with it when the clerk asks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from cunwu import clock
from cunwu.domain import idnumbers, limits
from cunwu.domain.households import Household
from cunwu.domain.residents import Person
from cunwu.errors import CunwuError
from cunwu.io.columns import check_mapping
from cunwu.io.roster_rows import Preview, Rejected, Row, is_blank, preview, read_row, rejected
from cunwu.services import search
from cunwu.services.person_history import record_event
from cunwu.services.residents import apply_changes, clean_fields
from cunwu.services.roster_mappings import load_mapping, save_mapping
from cunwu.services.roster_tags import add_groups, clean_groups
from cunwu.store.tables import new_uuids

CHUNK = 5000

Progress = Callable[[int, int], None]


@dataclass
class ImportResult:
    rows: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    households_added: int = 0
    tags_added: int = 0  # special-group records opened (低保 …)
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    dry_run: bool = False

    def json(self) -> dict:
        return {"rows": self.rows, "imported": self.imported, "updated": self.updated,
                "unchanged": self.unchanged, "households_added": self.households_added,
                "tags_added": self.tags_added,
                "rejected": [r.__dict__ for r in self.rejected],
                "warnings": [{"row": r, "message": m} for r, m in self.warnings],
                "dry_run": self.dry_run}


def preview_roster(store, path: Path) -> Preview:
    """The file's header, mapping (the saved one wins) and first rows, before importing."""
    return preview(Path(path), load_mapping(store))


def clean_row(row: Row) -> Row:
    """The row's person fields cleaned as a clerk's typing is; the ID number is required."""
    values = clean_fields(row.values)
    if not values.get("id_number"):
        raise CunwuError("E_ID_EMPTY")
    # an empty cell says nothing: it never erases what is recorded
    row.values = {k: v for k, v in values.items() if v not in ("", None)}
    row.household_number = limits.household_number(row.household_number)
    row.group_name = limits.field("group_name", row.group_name)
    row.address = limits.field("address", row.address)
    return row


def import_roster(store, actor, path: Path, *, mapping: dict[int, str] | None = None,
                  dry_run: bool = False, remember: bool = False,
                  progress: Progress | None = None,
                  cancelled: Callable[[], bool] | None = None,
                  prepared: Preview | None = None) -> ImportResult:
    """Check every row, then commit the valid ones together (or, with dry_run, nothing).
    With remember, the mapping is saved as the default for the next roster."""
    path = Path(path)
    own_preview = prepared is None
    if own_preview:
        prepared = preview(path)
    table = prepared.table
    if mapping is None:
        mapping = prepared.mapping
    check_mapping(mapping)
    headers = prepared.headers if remember else []
    result = ImportResult(dry_run=dry_run)
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for index in range(prepared.header_row + 1, len(table.rows)):
        raw = table.rows[index]
        if is_blank(raw):
            continue
        result.rows += 1
        number = index + 1
        try:
            row = clean_row(read_row(raw, mapping, number, table.formulas, index))
            clean_groups(row)
            earlier = seen.get(row.values["id_number"])
            if earlier is not None:
                raise CunwuError("E_ROSTER_DUPLICATE", row=earlier)
            seen[row.values["id_number"]] = number
            rows.append(row)
            if not idnumbers.known_address(row.values["id_number"][:6]):
                result.warnings.append((number, CunwuError("W_ID_ADDRESS").message))
        except CunwuError as e:
            result.rejected.append(rejected(raw, mapping, number, e.message))
    if own_preview:
        table.rows.clear()  # the checked rows are all that is needed now; free the sheet
    if cancelled and cancelled():
        raise CunwuError("E_ROSTER_CANCELLED")
    if dry_run:
        with store.read() as session:
            _apply(session, None, rows, result, progress, cancelled)
    else:
        with store.write(actor, "residents.import") as uow:
            _apply(uow.session, uow, rows, result, progress, cancelled)
            uow.detail = {"file": path.name, "imported": result.imported,
                          "updated": result.updated, "rejected": len(result.rejected),
                          "tags": result.tags_added}
    if remember:
        save_mapping(store, actor, {headers[j]: f for j, f in mapping.items()})
    return result


def _apply(session, uow, rows: list[Row], result: ImportResult, progress, cancelled) -> None:
    """Sort rows into new and known people, households into new and changed; write if uow."""
    from sqlalchemy import text
    from sqlmodel import select

    known = dict(session.execute(text(
        "SELECT id_number, uuid FROM persons WHERE id_number IS NOT NULL")).all())
    households = {h.number: h for h in session.exec(select(Household)).all()}
    for h in households.values():
        # changed while the rows are sorted, a household is written only by its uow.save,
        # which logs it: attached, the first save's flush would write them all unlogged
        session.expunge(h)
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
    result.tags_added = add_groups(session, uow, [
        (row.values.get("uuid") or known[row.values["id_number"]], row) for row in rows if row.tags])
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

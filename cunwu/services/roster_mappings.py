"""Saved roster column mappings ({header text: field}), the newest used by default."""

from __future__ import annotations

import json

from sqlmodel import select

from cunwu import clock
from cunwu.domain.rosters import RosterMapping
from cunwu.errors import CunwuError
from cunwu.io.columns import FIELDS, header_key

DEFAULT_NAME = "default"


def save_mapping(store, actor, mapping: dict[str, str], name: str = DEFAULT_NAME) -> None:
    clean = {header_key(h): f for h, f in mapping.items() if header_key(h) and f}
    for f in clean.values():
        if f not in FIELDS:
            raise CunwuError("E_PERSON_FIELD", field=f)
    text = json.dumps(clean, ensure_ascii=False, sort_keys=True)
    with store.write(actor, "roster.mapping") as uow:
        row = uow.session.exec(select(RosterMapping).where(RosterMapping.name == name)).first()
        if row is None:
            uow.add(RosterMapping(name=name, mapping=text, saved_at=clock.now_utc()))
        else:
            row.mapping, row.saved_at = text, clock.now_utc()
            uow.save(row)
        uow.detail = {"name": name, "columns": len(clean)}


def load_mapping(store, name: str = DEFAULT_NAME) -> dict[str, str]:
    with store.read() as s:
        row = s.exec(select(RosterMapping).where(RosterMapping.name == name)).first()
    return json.loads(row.mapping) if row else {}

"""Writing a person's history (一人一档): every change to a person, their tags, grants and
visits lands here, inside the caller's unit of work."""

from __future__ import annotations

from cunwu import clock
from cunwu.domain.residents import PersonEvent
from cunwu.store.canonical import canonical_json


def record_event(uow, person_uuid: str, action: str, changes: dict) -> None:
    uow.add(PersonEvent(person_uuid=person_uuid, at=clock.now_utc(), today=clock.today(),
                        actor=uow.actor.username, action=action,
                        changes=canonical_json(changes).decode("utf-8")))

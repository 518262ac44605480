"""A person's history (一人一档): every change to a person, their tags, grants and visits is
written here, inside the caller's unit of work; and each entry said in words for the window."""

from __future__ import annotations

from cunwu import clock
from cunwu.domain.residents import FIELD_LABELS, PersonEvent
from cunwu.i18n import N_, _
from cunwu.store.canonical import canonical_json

# What each recorded action did, in words (the action names are the audit's, not a clerk's).
ACTIONS = {"residents.add": N_("Record created"), "residents.edit": N_("Edited"),
           "residents.import": N_("Updated from a roster"),
           "residents.status": N_("Status changed"), "tags.add": N_("Special group added"),
           "tags.edit": N_("Special group changed"), "relief.grant": N_("Temporary relief granted"),
           "visits.add": N_("Visit recorded")}
OTHER_KEYS = {"tag": N_("special group"), "since": N_("from"), "until": N_("until"),
              "review_due": N_("review due"), "data": N_("details"), "visit": N_("visit date"),
              "临时救助": N_("temporary relief")}


def record_event(uow, person_uuid: str, action: str, changes: dict) -> None:
    uow.add(PersonEvent(person_uuid=person_uuid, at=clock.now_utc(), today=clock.today(),
                        actor=uow.actor.username, action=action,
                        changes=canonical_json(changes).decode("utf-8")))


def described(event: dict, names: dict | None = None) -> dict:
    """A history entry as the person's file shows it: local time, who (by the account's name
    in `names`, else its login), what and each change as "field: old → new" in the user's
    language."""
    def label(key: str) -> str:
        found = FIELD_LABELS.get(key) or OTHER_KEYS.get(key)
        return _(found) if found else key

    def value(v) -> str:
        return "" if v is None else str(v)

    changes = "; ".join(f"{label(k)}: {value(old)} → {value(new)}" if old not in (None, "")
                        else f"{label(k)}: {value(new)}"
                        for k, (old, new) in event["changes"].items())
    action = ACTIONS.get(event["action"])
    return {"when": clock.local_minute(event["at"]),
            "who": (names or {}).get(event["actor"]) or event["actor"],
            "what": _(action) if action else event["action"], "changes": changes}


def created_from_roster(person, names: dict | None = None) -> dict:
    """The first entry of a person who came in with a roster import (written in bulk,
    without a history line of their own)."""
    return {"when": clock.local_minute(person.created_at),
            "who": (names or {}).get(person.created_by) or person.created_by,
            "what": _("Record created from a roster"),
            "changes": _("{name} entered with the roster").format(name=person.name)}

"""Policy parameters in force on a day (domain/policy.py): the district's value from its
effective date, else the village's own setting, so the alerts and notices of a day use what
held on that day.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from cunwu.domain.policy import PARAMS, PolicyParam, in_force as _in_force, latest, thresholds, typed


def _rows(session):
    return [(p.name, p.value, p.effective_from, p.district_seq) for p in session.exec(select(PolicyParam))]


def district_values(store, day: dt.date) -> dict:
    """{name: value} the district set and that is in force on day."""
    with store.read() as s:
        return _in_force(_rows(s), day)


def settings_on(store, day: dt.date) -> dict:
    """The monitoring thresholds of a day: the village's own settings with the district's
    values in force on that day over them (visit_days_elderly / _children default to the
    village's visit_days)."""
    from cunwu.services.monitoring import settings

    return thresholds(settings(store), district_values(store, day))


def in_force(store, name: str, day: dt.date):
    """One parameter on a day: the district's value, else the village's setting it stands in
    for, else None (a standard the district has not sent)."""
    values = district_values(store, day)
    if name in values:
        return values[name]
    setting = PARAMS[name][4]
    return settings_on(store, day)[setting] if setting else None


def district_since(store, name: str, day: dt.date):
    """(value, effective_from) of the district's parameter in force on day, else None (a
    notice states the standard with the day it took effect)."""
    with store.read() as s:
        row = latest(_rows(s), day).get(name)
    return (typed(name, row[1]), row[2]) if row else None


def listing(store, day: dt.date) -> list[dict]:
    """What the district set, for the clerk to see: each parameter in force on day, then those
    that take effect later, by parameter and date."""
    with store.read() as s:
        rows = _rows(s)
    order = list(PARAMS)
    later = [r for r in rows if r[0] in PARAMS and r[2] > day]
    chosen = sorted([*latest(rows, day).values(), *later],
                    key=lambda r: (order.index(r[0]), r[2], r[3]))
    return [{"name": name, "value": value, "effective_from": since, "district_seq": seq,
             "upcoming": since > day} for name, value, since, seq in chosen]

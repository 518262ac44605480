"""Policy parameters in force on a day (domain/policy.py): the district's value from its
effective date, else the village's own setting, so the alerts and notices of a day use what
held on that day.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from cunwu.domain.policy import PARAMS, PolicyParam, in_force as _in_force, thresholds


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


def listing(store) -> list[dict]:
    """Every parameter the district sent, newest first, for the clerk to see."""
    with store.read() as s:
        rows = s.exec(select(PolicyParam).order_by(PolicyParam.effective_from.desc(),
                                                   PolicyParam.district_seq.desc())).all()
        return [{"name": p.name, "value": p.value, "effective_from": p.effective_from.isoformat(),
                 "district_seq": p.district_seq} for p in rows]

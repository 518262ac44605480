"""The points rule catalogue (积分细则): rules with their points and unit, each version in
force from one day, new versions and retirement."""

from __future__ import annotations

import datetime as dt
import uuid as _uuid

from sqlmodel import select

from cunwu import clock
from cunwu.domain import limits
from cunwu.domain.dates import parse_date
from cunwu.domain.points import PointsRule, clean_code, clean_points, clean_unit
from cunwu.errors import CunwuError


def _meeting(value) -> str | None:
    if value in (None, ""):
        return None
    try:
        return str(_uuid.UUID(str(value)))
    except ValueError:
        raise CunwuError("E_POINTS_MEETING", value=str(value)) from None


def add_rules(store, actor, rules: list[dict], effective_from, *,
              approved_by_meeting: str | None = None) -> list[PointsRule]:
    """Add rules, or new versions of existing ones from `effective_from`: the version in
    force until then ends the day before."""
    rules = limits.check(limits.rows(rules or [], "rules"), "rules")
    start = parse_date(effective_from, required=True)
    meeting = _meeting(approved_by_meeting)
    if not rules:
        raise CunwuError("E_POINTS_RULES_EMPTY")
    cleaned = []
    for r in rules:
        if not isinstance(r, dict):
            raise CunwuError("E_POINTS_INPUT", detail="each rule is an object")
        code = clean_code(r.get("code"))
        name = str(r.get("name") or "").strip()
        if not name:
            raise CunwuError("E_POINTS_RULE_NAME", rule=code)
        cleaned.append((code, name, clean_points(r.get("points")), clean_unit(r.get("unit"))))
    if len({c[0] for c in cleaned}) != len(cleaned):
        raise CunwuError("E_POINTS_INPUT", detail="a code is listed twice")
    out = []
    with store.write(actor, "points.rules.add") as uow:
        for code, name, points, unit in cleaned:
            current = uow.session.exec(select(PointsRule).where(PointsRule.code == code)
                                       .order_by(PointsRule.version.desc())).first()
            version = 1
            if current is not None:
                if current.effective_from >= start:
                    raise CunwuError("E_POINTS_RULE_VERSION", rule=code,
                                     date=current.effective_from.isoformat())
                last_day = start - dt.timedelta(days=1)
                if current.effective_to is None or current.effective_to > last_day:
                    current.effective_to = last_day
                    uow.save(current)
                version = current.version + 1
            out.append(uow.add(PointsRule(
                code=code, version=version, name=name, points=points, unit=unit,
                effective_from=start, approved_by_meeting=meeting, created_at=clock.now_utc(),
                created_by=actor.username)))
        uow.detail = {"codes": [r.code for r in out], "effective_from": start.isoformat(),
                      "meeting": meeting}
    return out


def retire_rule(store, actor, code: str, last_day) -> PointsRule:
    """A rule stops applying after `last_day`."""
    code, last = limits.ref(code, "code"), parse_date(last_day, required=True)
    with store.write(actor, "points.rules.retire") as uow:
        rule = uow.session.exec(select(PointsRule).where(PointsRule.code == code)
                                .order_by(PointsRule.version.desc())).first()
        if rule is None:
            raise CunwuError("E_POINTS_RULE_NOT_FOUND", rule=code)
        if last < rule.effective_from:
            raise CunwuError("E_POINTS_RULE_VERSION", rule=code,
                             date=rule.effective_from.isoformat())
        rule.effective_to = last
        uow.save(rule)
        uow.detail = {"code": code, "last_day": last.isoformat()}
    return rule


def rules(store, *, on=None) -> list[PointsRule]:
    """Every version of every rule (or those in force on a day), by code and version."""
    on = parse_date(on)
    with store.read() as s:
        found = list(s.exec(select(PointsRule).order_by(PointsRule.code, PointsRule.version)))
    return [r for r in found if on is None or r.applies_on(on)]


def rule_on(session, code: str, day: dt.date) -> PointsRule:
    versions = session.exec(select(PointsRule).where(PointsRule.code == code)).all()
    if not versions:
        raise CunwuError("E_POINTS_RULE_NOT_FOUND", rule=code)
    for rule in versions:
        if rule.applies_on(day):
            return rule
    raise CunwuError("E_POINTS_RULE_DATES", rule=code, date=day.isoformat())

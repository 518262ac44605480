"""The village's points settings (积分制设置): whose balance counts (person or household),
how long 积分公示 lasts, and the levels (星级) a year's points reach."""

from __future__ import annotations

import json

from sqlmodel import select

from cunwu.domain import limits
from cunwu.domain.points import SCOPES, PointsSettings, clean_levels
from cunwu.errors import CunwuError


def settings(store) -> PointsSettings:
    with store.read() as s:
        return settings_in(s)


def settings_in(session) -> PointsSettings:
    """The village's settings, or the defaults while none are saved."""
    return session.exec(select(PointsSettings)).first() or PointsSettings(village_code="")


def scope_in(session) -> str:
    """Whose balance counts, person or household (one cheap read, for the busy paths)."""
    from sqlalchemy import text

    return session.execute(text("SELECT scope FROM points_settings")).scalar() or "person"


def clean_publish_days(value) -> int:
    """How many days 积分公示 lasts: a whole number from 1 to 60."""
    try:
        days = int(value)
    except (TypeError, ValueError):
        raise CunwuError("E_POINTS_PUBLISH_DAYS", value=str(value)) from None
    if not 1 <= days <= 60:
        raise CunwuError("E_POINTS_PUBLISH_DAYS", value=str(value))
    return days


def update_settings(store, actor, *, scope: str | None = None, publish_days: int | None = None,
                    levels: list | None = None) -> PointsSettings:
    scope, levels, publish_days = limits.fields(scope=scope, levels=levels,
                                                publish_days=publish_days).values()
    if scope is not None and scope not in SCOPES:
        raise CunwuError("E_POINTS_SCOPE", value=scope)
    if publish_days is not None:
        publish_days = clean_publish_days(publish_days)
    clean = clean_levels(levels) if levels is not None else None
    village = store.village()
    with store.write(actor, "points.settings") as uow:
        row = uow.session.exec(select(PointsSettings)).first()
        fresh = row is None
        row = row or PointsSettings(village_code=village.code)
        if scope is not None:
            row.scope = scope
        if publish_days is not None:
            row.publish_days = publish_days
        if clean is not None:
            row.levels = json.dumps(clean, ensure_ascii=False)
        uow.add(row) if fresh else uow.save(row)
        uow.detail = {"scope": row.scope, "publish_days": row.publish_days}
    return row

"""What is due to be disclosed and what is overdue, from the village's rules, its notices and
the dates the relief lists last changed; also the home page's provider.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text
from sqlmodel import select

from cunwu import clock
from cunwu.domain.disclosures import Disclosure
from cunwu.domain import schedule
from cunwu.domain.schedule import Due, Posted, due_items
from cunwu.i18n import _
from cunwu.services.disclosures import rules


def _tables(conn) -> set[str]:
    return {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}


def relief_changes(store, today: dt.date) -> dict[str, dt.date]:
    """The latest day each relief list (低保, 特困, 临时救助) changed, up to today."""
    with store.engine.connect() as conn:
        names = _tables(conn)
        tags = conn.execute(text(
            "SELECT tag, since, until FROM person_tags WHERE tag IN ('低保', '特困供养')")).all() \
            if "person_tags" in names else []
        grants = conn.execute(text("SELECT granted_on FROM relief_grants")).scalars().all() \
            if "relief_grants" in names else []
    return schedule.relief_changes(tags, grants, today)


def resolved_matters(store, today: dt.date) -> list[tuple[str, str, dt.date]]:
    """Matters the villagers' meeting resolved that wait for their 决议公开 (uuid, title, day).

    Read by SQL: matters are the meetings' subject, linked by UUID, not imported."""
    with store.engine.connect() as conn:
        if not {"matters", "matter_steps"} <= _tables(conn):
            return []
        matters = conn.execute(text("SELECT uuid, title, next_step FROM matters")).all()
        steps = conn.execute(text(
            "SELECT matter_uuid, step, result, \"on\" FROM matter_steps WHERE step = 'resolve'")).all()
    return schedule.resolved_matters(matters, steps, today)


def due(store, today: dt.date | None = None) -> list[Due]:
    today = today or clock.today()
    r = rules(store)
    with store.read() as s:
        notices = [Posted(d.kind, d.category, d.period_from, d.period_to, d.state(today),
                          d.posting_date, d.matter_uuid) for d in s.exec(select(Disclosure))]
    start = r.schedule_from or today.replace(day=1)
    return due_items(today=today, start=start, notices=notices, finance_every=r.finance_every,
                     affairs_every=r.affairs_every, due_within_days=r.due_within_days,
                     relief_within_days=r.relief_within_days,
                     relief_changed=relief_changes(store, today),
                     resolved=resolved_matters(store, today))


def home_items(store, actor, today: dt.date) -> list[dict]:
    """For the home page: each disclosure due or overdue, and for the supervisor each notice
    that waits for their sign-off (only they can give it)."""
    items = []
    for d in due(store, today):
        label = _("Overdue: {title}") if d.overdue else _("Due: {title}")
        items.append({"kind": "alert" if d.overdue else "due", "category": _("Disclosure"),
                      "title": label.format(title=d.title), "due": d.due, "target": "disclosures"})
    if actor.role == "supervisor":
        with store.read() as s:
            drafts = s.exec(select(Disclosure).where(Disclosure.status == "draft")
                            .order_by(Disclosure.created_at)).all()
        for d in drafts:
            items.append({"kind": "alert", "category": _("Sign-off"), "due": d.posting_date,
                          "title": _("{title} waits for your review and signature.").format(
                              title=d.title), "target": f"disclosures:{d.uuid}"})
    return items

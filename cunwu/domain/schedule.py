"""What the village must disclose and by when (公开时限): 村务 at least quarterly, 财务
monthly or quarterly, relief lists when they change, decisions as they happen (a matter
resolved by the villagers' meeting waits for its 决议公开). Pure rules over plain values; the
service feeds it the store's notices, the dates relief lists last changed and the matters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cunwu.domain.disclosures import month_end, period_label

# Notices that count as disclosed: posted, or already through their 公示期.
DONE = frozenset({"posted", "period_over", "archived"})
RELIEF_TITLES = {"dibao": "低保对象公示", "tekun": "特困供养人员公示", "linshi": "临时救助公示"}
RELIEF_TAGS = {"dibao": "低保", "tekun": "特困供养"}


@dataclass(frozen=True)
class Posted:
    """A notice, as far as the schedule cares."""

    kind: str
    category: str
    period_from: dt.date
    period_to: dt.date
    status: str
    posting_date: dt.date | None
    matter_uuid: str | None = None


@dataclass(frozen=True)
class Due:
    """A disclosure the rules ask for and the village has not made."""

    kind: str  # finance | affairs | dibao | tekun | linshi
    category: str
    title: str
    period_from: dt.date
    period_to: dt.date
    due: dt.date
    overdue: bool

    def as_dict(self) -> dict:
        return {"kind": self.kind, "category": self.category, "title": self.title,
                "period": {"from": self.period_from.isoformat(), "to": self.period_to.isoformat()},
                "due": self.due.isoformat(), "state": "overdue" if self.overdue else "due"}


def _day(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def relief_changes(tags, grants, today: dt.date) -> dict[str, dt.date]:
    """The latest day each relief list changed up to today: a 低保 or 特困供养 tag began (on or
    before today) or ended (before today); a 临时救助 grant was made. `tags` are (tag, since,
    until), `grants` the days granted, as dates or ISO text."""
    out: dict[str, dt.date] = {}
    kinds = {tag: kind for kind, tag in RELIEF_TAGS.items()}
    for tag, since, until in tags:
        kind = kinds.get(tag)
        if kind is None:
            continue
        began, ended = _day(since), _day(until)
        for day in (began if began and began <= today else None,
                    ended if ended and ended < today else None):
            if day is not None:
                out[kind] = max(out.get(kind, day), day)
    granted = [d for d in map(_day, grants) if d is not None and d <= today]
    if granted:
        out["linshi"] = max(granted)
    return out


def resolved_matters(matters, steps, today: dt.date) -> list[tuple[str, str, dt.date]]:
    """Matters the villagers' meeting resolved that wait for their 决议公开: (uuid, title, day
    of the latest approved resolve step up to today). `matters` are (uuid, title, next_step),
    `steps` (matter_uuid, step, result, on)."""
    waiting = {u: t for u, t, step in matters if step == "publish_resolution"}
    days: dict[str, dt.date] = {}
    for matter, step, result, on in steps:
        day = _day(on)
        if matter in waiting and step == "resolve" and result == "approved" and day and day <= today:
            days[matter] = max(days.get(matter, day), day)
    return [(u, waiting[u], day) for u, day in days.items()]


def periods(start: dt.date, today: dt.date, every: str) -> list[tuple[dt.date, dt.date]]:
    """Whole months or quarters from the one holding `start` that ended before `today`."""
    step = 3 if every == "quarter" else 1
    month = start.month - (start.month - 1) % step
    year, out = start.year, []
    while True:
        a = dt.date(year, month, 1)
        last_month = month + step - 1
        b = month_end(year, last_month)
        if b >= today:
            return out
        out.append((a, b))
        month += step
        if month > 12:
            year, month = year + 1, month - 12


def _overlaps(p: Posted, a: dt.date, b: dt.date) -> bool:
    return p.period_from <= b and p.period_to >= a


def _covers(p: Posted, a: dt.date, b: dt.date) -> bool:
    return p.period_from <= a and p.period_to >= b


def due_items(*, today: dt.date, start: dt.date, notices: list[Posted], finance_every: str,
              affairs_every: str, due_within_days: int, relief_within_days: int,
              relief_changed: dict[str, dt.date] | None = None,
              resolved: list[tuple[str, str, dt.date]] | None = None) -> list[Due]:
    """Every disclosure due or overdue on `today`, the earliest deadline first."""
    done = [n for n in notices if n.status in DONE]
    grace = dt.timedelta(days=due_within_days)
    out: list[Due] = []
    finance = [n for n in done if n.category == "财务"]
    for a, b in periods(start, today, finance_every):
        if not any(_covers(n, a, b) for n in finance):
            out.append(Due("finance", "财务", f"{period_label(a, b)}财务公开", a, b, b + grace,
                           today > b + grace))
    affairs = [n for n in done if n.category == "村务"]
    for a, b in periods(start, today, affairs_every):
        if not any(_overlaps(n, a, b) for n in affairs):
            out.append(Due("affairs", "村务", f"{period_label(a, b)}村务公开", a, b, b + grace,
                           today > b + grace))
    for kind, changed in (relief_changed or {}).items():
        if changed is None or changed < start or changed > today:
            continue
        posted_since = [n for n in done if n.kind == kind and n.posting_date is not None
                        and n.posting_date >= changed]
        if not posted_since:
            deadline = changed + dt.timedelta(days=relief_within_days)
            out.append(Due(kind, "村务", f"{RELIEF_TITLES[kind]}（名单于{changed.month}月{changed.day}日变动）",
                           changed, changed, deadline, today > deadline))
    # Matters resolved (uuid, title, day) whose decision has no posted notice yet.
    for matter, title, day in resolved or ():
        if day < start or day > today or any(n.kind == "decision" and n.matter_uuid == matter
                                             for n in done):
            continue
        deadline = day + grace
        out.append(Due("decision", "村务", f"决议公开：{title}", day, day, deadline,
                       today > deadline))
    out.sort(key=lambda d: (d.due, d.kind))
    return out

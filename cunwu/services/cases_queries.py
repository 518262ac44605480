"""Reading cases (工单): one case with its timeline, the lists (mine, all, overdue, filtered),
and the home page's items (my open and overdue cases first)."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import or_, text
from sqlmodel import func, select

from cunwu import clock
from cunwu.domain import cases as c
from cunwu.domain import limits
from cunwu.errors import CunwuError
from cunwu.i18n import _

VIEWS = ("all", "mine", "overdue", "open")
HOME_LIMIT = 100  # items of each kind on the home page; the rest is one line that opens the page


def find_case(session, ref: str) -> c.Case:
    """A case by its number (GD-2026-0001) or its uuid."""
    ref = limits.ref(ref, "case")
    case = session.exec(select(c.Case).where(c.Case.number == ref.upper())).first() if ref else None
    if case is None and ref:
        case = session.get(c.Case, ref)
    if case is None:
        raise CunwuError("E_CASE_NOT_FOUND", ref=ref[:40])
    return case


def _iso(value):
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def case_json(case: c.Case, today: dt.date, actions=None) -> dict:
    out = {k: _iso(getattr(case, k)) for k in (
        "uuid", "number", "village_code", "person_uuid", "household_uuid", "subject_name",
        "category", "severity", "source", "source_ref", "title", "description", "status",
        "handler_kind", "handler", "opened_on", "opened_by", "due", "closed_on", "result",
        "decision")}
    out["overdue"] = c.is_overdue(case.status, case.due, today)
    if actions is not None:
        out["timeline"] = [{"seq": a.seq, "action": a.action, "label": _(c.ACTIONS[a.action]),
                            "from": a.from_status, "to": a.to_status, "actor": a.actor,
                            "at": clock.local_minute(a.at), "today": a.today.isoformat(),
                            "note": a.note, "detail": json.loads(a.detail or "{}")}
                           for a in actions]
    return out


def _filtered(q, actor, today: dt.date, *, view: str = "all", status: str = "",
              category: str = "", search: str = ""):
    if view not in VIEWS:
        raise CunwuError("E_CASE_VIEW", value=view[:20], allowed="、".join(VIEWS))
    if view == "mine":
        q = q.where(c.Case.handler_kind == "account", c.Case.handler == actor.username,
                    c.Case.status.in_(c.OPEN))
    elif view == "overdue":
        q = q.where(c.Case.status.in_(c.OPEN), c.Case.due < today)
    elif view == "open":
        q = q.where(c.Case.status.in_(c.OPEN))
    if status:
        q = q.where(c.Case.status == c.choice(status, c.STATUSES, "E_CASE_STATUS"))
    if category:
        q = q.where(c.Case.category == c.choice(category, c.CATEGORIES, "E_CASE_CATEGORY"))
    if search:
        like = f"%{search.strip()}%"
        q = q.where(or_(c.Case.subject_name.like(like), c.Case.title.like(like),
                        c.Case.number.like(like)))
    return q


def list_cases(store, actor, *, view: str = "all", status: str = "", category: str = "",
               search: str = "", today: dt.date | None = None, limit: int = 5000) -> dict:
    """The cases a list shows, earliest due first, and how many matched in all."""
    today = today or clock.today()
    with store.read() as s:
        q = _filtered(select(c.Case), actor, today, view=view, status=status,
                      category=category, search=search)
        total = s.exec(_filtered(select(func.count()).select_from(c.Case), actor, today,
                                 view=view, status=status, category=category,
                                 search=search)).one()
        rows = s.exec(q.order_by(c.Case.due, c.Case.number).limit(limit)).all()
        return {"total": total, "cases": [case_json(r, today) for r in rows]}


def home_items(store, actor, today: dt.date) -> list[dict]:
    """My open cases and every overdue one, each its own line (first on the home page), then
    one line for the other open cases; at most HOME_LIMIT of each, read in two indexed queries."""
    open_ = ", ".join(f"'{status}'" for status in c.OPEN)
    mine_or_late = "((handler_kind = 'account' AND handler = :me) OR due < :today)"
    params = {"me": actor.username, "today": today.isoformat()}
    with store.read() as s:
        conn = s.connection()
        rows = conn.execute(text(
            f"SELECT uuid, number, subject_name, title, due, handler FROM cases "
            f"WHERE status IN ({open_}) AND {mine_or_late} ORDER BY due, number LIMIT {HOME_LIMIT}"),
            params).all()
        counts = conn.execute(text(
            f"SELECT count(*), sum(CASE WHEN {mine_or_late} THEN 1 ELSE 0 END) FROM cases "
            f"WHERE status IN ({open_})"), params).one()
    items = []
    for uuid, number, name, title, due, handler in rows:
        due = due if isinstance(due, dt.date) else dt.date.fromisoformat(str(due)[:10])
        late = due < today
        items.append({"kind": "alert" if late else "due", "first": True,
                      "category": _("Overdue case") if late else _("My case"),
                      "title": f"{number} {name}: {title}", "due": due,
                      "target": f"cases:{uuid}"})
    total, shown = counts[0] or 0, counts[1] or 0
    rest = total - min(shown, HOME_LIMIT)
    if rest > 0:
        items.append({"kind": "due", "category": _("Cases"), "due": None, "target": "cases",
                      "title": _("{count} other open case(s)").format(count=rest)})
    return items

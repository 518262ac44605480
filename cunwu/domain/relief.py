"""低保 counted as the village's notice counts it (户, 保障人数, 月保障金额): the one rule the
village's relief lists and the district's figures share, over plain values.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

GONE = ("迁出", "死亡")  # no longer a resident: never on a relief list


def money(value) -> Decimal:
    """Yuan as a Decimal; anything unreadable counts as nothing."""
    try:
        return Decimal(str(value or "0"))
    except ArithmeticError:
        return Decimal(0)


def active(since, until, a: dt.date, b: dt.date) -> bool:
    """A tag held at some time in [a, b] (ISO text or dates; an open `until` never ends)."""
    if not since:
        return False
    return str(since)[:10] <= b.isoformat() and (not until or str(until)[:10] >= a.isoformat())


def new_household(**shown) -> dict:
    return {**shown, "covered": 0, "members": 0, "amount": Decimal(0)}


def add_member(household: dict, details: dict) -> None:
    """One tagged member: 保障人数 is the largest `covered` any member names (else the number
    of tagged members), the amount the sum of their monthly amounts."""
    household["members"] += 1
    try:
        covered = int(details.get("covered") or 0)
    except (TypeError, ValueError):
        covered = 0
    household["covered"] = max(household["covered"], covered)
    household["amount"] += money(details.get("monthly_amount"))


def covered(household: dict) -> int:
    return household["covered"] or household["members"]


def totals(households) -> dict:
    """{"households", "people", "total"} as the notice's body states them."""
    households = list(households)
    total = sum((h["amount"] for h in households), Decimal(0))
    return {"households": len(households), "people": sum(covered(h) for h in households),
            "total": f"{total:.2f}"}

"""Printing for the points system: gathers an activity's 积分公示 list or a redemption's
receipt from the store and hands plain values to cunwu/printing/points.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cunwu.services import points, points_settings, points_shop


def _quantity(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def publicity_data(store, activity_uuid: str):
    from cunwu.printing.points import PublicityList

    a = points.activity(store, activity_uuid)
    rows = [[str(i), p["name"], p["group"], p["household_number"],
             f"{_quantity(p['quantity'])}{a['unit']}", f"{p['points']:+d}"]
            for i, p in enumerate([p for p in a["people"] if p["state"] != "rejected"], start=1)]
    sign = "+" if a["rule_points"] > 0 else ""
    published = dt.date.fromisoformat(a["published_on"]) if a["published_on"] else None
    return PublicityList(
        village=store.village().name, title=a["title"], held_on=dt.date.fromisoformat(a["held_on"]),
        place=a["place"], organiser=a["organiser"],
        rule=f"{a['rule_name']} {sign}{a['rule_points']} 分/{a['unit']}（第{a['rule_version']}版）",
        rows=rows, published_on=published,
        days=points_settings.settings(store).publish_days if published is None else _days(a),
        approved_by=a["approved_by"] or "", draft=a["state"] == "entered")


def _days(a: dict) -> int:
    start = dt.date.fromisoformat(a["published_on"])
    return (dt.date.fromisoformat(a["publicity_ends"]) - start).days + 1


def publicity_list(store, activity_uuid: str, out: str | Path | None = None):
    from cunwu.printing.points import publicity_list as render

    return render(publicity_data(store, activity_uuid), out)


def receipt(store, ref: str, out: str | Path | None = None):
    from cunwu.printing.points import Receipt
    from cunwu.printing.points import receipt as render

    r = points_shop.redemption(store, ref)
    doc = Receipt(village=store.village().name, number=r["number"], name=r["name"],
                  redeemed_on=dt.date.fromisoformat(r["redeemed_on"]),
                  lines=[[ln["goods"], str(ln["price"]), str(ln["quantity"]), str(ln["points"])]
                         for ln in r["lines"]],
                  total=r["total"], balance_after=r["balance_after"],
                  scope=points_settings.settings(store).scope, clerk=r["entered_by"], reversed=r["reversed"])
    return render(doc, out)

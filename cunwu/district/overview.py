"""The district's overview (总览): one row per village with its last bundle, how long ago that
was, and its figures, from the same status and report code as `district status` / `report`.
"""

from __future__ import annotations

import datetime as dt

from cunwu import clock
from cunwu.district import report
from cunwu.district.store import District
from cunwu.domain import relief

STALE_AFTER_DAYS = 35  # district.json "stale_after_days" overrides
# the village's own figures (district/figures.py) each overview row carries
FIGURES = ("households", "tekun", "disabled", "two_subsidies", "elderly", "left_behind_children",
           "overdue_disclosures", "meetings_this_quarter", "open_matters", "points_issued")
NO_DIBAO = {"households": 0, "people": 0, "total": "0.00"}


def villages(d: District, today: dt.date | None = None) -> dict:
    """{"date", "stale_after_days", "villages": [row…], "totals"} for the overview page."""
    today = today or clock.today()
    stale_after = int(d.config.get("stale_after_days", STALE_AFTER_DAYS))
    figures = report.report(d, today)["villages"]
    rows = []
    for s in report.status(d):
        last = dt.datetime.fromisoformat(s["last_import_at"]) if s["last_import_at"] else None
        days = (today - last.astimezone().date()).days if last else None
        rows.append({"code": s["village"], "name": s["name"], "last_seq": s["last_seq"],
                     "last_import_at": clock.local_minute(last) if last else "",
                     "days_since": days, "stale": days is None or days > stale_after,
                     "residents": figures.get(s["village"], {}).get("residents", 0),
                     "quarantined": s["quarantined"],
                     **{k: figures.get(s["village"], {}).get(k, 0) for k in FIGURES},
                     "dibao": figures.get(s["village"], {}).get("dibao", NO_DIBAO)})
    totals = {"villages": len(rows), "residents": sum(r["residents"] for r in rows),
              "stale": sum(r["stale"] for r in rows),
              **{k: sum(r[k] for r in rows) for k in FIGURES},
              "dibao": {"households": sum(r["dibao"]["households"] for r in rows),
                        "people": sum(r["dibao"]["people"] for r in rows),
                        "total": f"{sum(relief.money(r['dibao']['total']) for r in rows):.2f}"}}
    return {"date": today.isoformat(), "stale_after_days": stale_after, "villages": rows,
            "totals": totals}


def village(d: District, code: str, today: dt.date | None = None) -> dict | None:
    """村详情: the overview's row for one village with its overdue notices, bundles held in
    quarantine and its keys; None for a village the district does not know."""
    import sqlalchemy as sa

    from cunwu.district.schema import quarantine, village_keys, villages as villages_table

    data = villages(d, today)
    row = next((r for r in data["villages"] if r["code"] == code), None)
    if row is None:
        return None
    figures = report.report(d, today)["villages"].get(code, {})
    with d.engine.connect() as conn:
        enrolled = conn.execute(sa.select(villages_table.c.enrolled_at).where(
            villages_table.c.code == code)).scalar()
        keys = [dict(k) for k in conn.execute(sa.select(village_keys).where(
            village_keys.c.village == code).order_by(village_keys.c.valid_from_seq)).mappings()]
        held = [dict(q) for q in conn.execute(sa.select(
            quarantine.c.seq, quarantine.c.code, quarantine.c.reason, quarantine.c.received_at).where(
            quarantine.c.village == code).order_by(quarantine.c.seq)).mappings()]
    return {"date": data["date"], "stale_after_days": data["stale_after_days"], "village": row,
            "overdue": figures.get("overdue", []), "special_groups": figures.get("special_groups", {}),
            "enrolled_at": enrolled, "keys": keys, "quarantine": held}

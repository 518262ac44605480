"""The district's overview (总览): one row per village with its last bundle, how long ago that
was, and its figures, from the same status and report code as `district status` / `report`.
"""

from __future__ import annotations

import datetime as dt

from cunwu import clock
from cunwu.district import report
from cunwu.district.store import District

STALE_AFTER_DAYS = 35  # district.json "stale_after_days" overrides


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
                     "quarantined": s["quarantined"]})
    totals = {"villages": len(rows), "residents": sum(r["residents"] for r in rows),
              "stale": sum(r["stale"] for r in rows)}
    return {"date": today.isoformat(), "stale_after_days": stale_after, "villages": rows,
            "totals": totals}

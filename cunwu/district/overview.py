"""The district's overview (总览): one row per village with its last bundle, how long ago that
was, and its figures (kept per village at import, district/figures_table.py); 村详情 for one.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from cunwu import clock
from cunwu.district import figures_table
from cunwu.district.quarantine import reason
from cunwu.district.schema import quarantine, village_keys, villages as villages_table
from cunwu.district.store import District
from cunwu.domain import relief
from cunwu.domain.alert_rules import CATEGORIES
from cunwu.i18n import translate

PAGE_LANGUAGE = "zh_CN"  # the workbench's pages and exports are written in Chinese

STALE_AFTER_DAYS = 35  # district.json "stale_after_days" overrides
# the village's own figures (district/figures.py) each overview row carries
FIGURES = ("households", "tekun", "disabled", "two_subsidies", "elderly", "left_behind_children",
           "open_alerts", "overdue_disclosures", "meetings_this_quarter", "open_matters", "points_issued")
NO_DIBAO = {"households": 0, "people": 0, "total": "0.00"}
# the columns the overview sorts on: name -> the row's value it sorts by
SORTS = {"name": lambda r: r["name"], "code": lambda r: r["code"],
         "last": lambda r: r["last_import_at"] or "",
         "days": lambda r: -1 if r["days_since"] is None else r["days_since"],
         "residents": lambda r: r["residents"], "quarantined": lambda r: r["quarantined"],
         "dibao": lambda r: r["dibao"]["households"], "dibao_people": lambda r: r["dibao"]["people"],
         "dibao_total": lambda r: relief.money(r["dibao"]["total"]),
         **{k: (lambda k: lambda r: r[k])(k) for k in FIGURES}}


def _status(d: District, code: str | None = None) -> list[dict]:
    """Each village's last bundle and how many of its bundles are held in quarantine (the
    quarantine's own standing is not read: a held row counts until it is released)."""
    where = sa.true() if code is None else villages_table.c.code == code
    with d.reader.connect() as conn:
        held = dict(conn.execute(sa.select(quarantine.c.village, sa.func.count())
                                 .group_by(quarantine.c.village)).all())
        rows = conn.execute(sa.select(villages_table.c.code, villages_table.c.name,
                                      villages_table.c.last_seq, villages_table.c.last_import_at)
                            .where(where).order_by(villages_table.c.code)).all()
    return [{"village": r.code, "name": r.name, "last_seq": r.last_seq,
             "last_import_at": r.last_import_at, "quarantined": held.get(r.code, 0)} for r in rows]


def villages(d: District, today: dt.date | None = None, sort: str = "", desc: bool = False,
             code: str | None = None) -> dict:
    """{"date", "stale_after_days", "sort", "desc", "villages": [row…], "totals"} for the
    overview page, sorted by a column of SORTS (by code when none is named); one village's
    row (`code`) also lists its open alerts."""
    today = today or clock.today()
    stale_after = int(d.config.get("stale_after_days", STALE_AFTER_DAYS))
    figures = figures_table.read(d, today, code, alerts=code is not None)
    rows = []
    for s in _status(d, code):
        last = dt.datetime.fromisoformat(s["last_import_at"]) if s["last_import_at"] else None
        days = (today - last.astimezone().date()).days if last else None
        mine = figures.get(s["village"], {})
        rows.append({"code": s["village"], "name": s["name"], "last_seq": s["last_seq"],
                     "last_import_at": clock.local_minute(last) if last else "",
                     "days_since": days, "stale": days is None or days > stale_after,
                     "residents": mine.get("residents", 0), "quarantined": s["quarantined"],
                     **{k: mine.get(k, 0) for k in FIGURES},
                     "dibao": mine.get("dibao", NO_DIBAO), "overdue": mine.get("overdue", []),
                     "alert_settings": mine.get("alert_settings", {}), "alerts": mine.get("alerts", [])})
    if sort in SORTS:
        rows.sort(key=SORTS[sort], reverse=desc)
    else:
        sort, desc = "", False
    totals = {"villages": len(rows), "residents": sum(r["residents"] for r in rows),
              "stale": sum(r["stale"] for r in rows), "quarantined": sum(r["quarantined"] for r in rows),
              **{k: sum(r[k] for r in rows) for k in FIGURES},
              "dibao": {"households": sum(r["dibao"]["households"] for r in rows),
                        "people": sum(r["dibao"]["people"] for r in rows),
                        "total": f"{sum(relief.money(r['dibao']['total']) for r in rows):.2f}"}}
    return {"date": today.isoformat(), "stale_after_days": stale_after, "sort": sort, "desc": desc,
            "villages": rows, "totals": totals,
            # villages whose figures the server's warmer has yet to compute (shown as 0 meanwhile)
            "updating": sum(r["code"] not in figures for r in rows)}


def village(d: District, code: str, today: dt.date | None = None) -> dict | None:
    """村详情: the overview's row for one village with its overdue notices, bundles held in
    quarantine and its keys; None for a village the district does not know."""
    data = villages(d, today, code=code)
    if not data["villages"]:
        return None
    row = data["villages"][0]
    with d.reader.connect() as conn:
        enrolled = conn.execute(sa.select(villages_table.c.enrolled_at).where(
            villages_table.c.code == code)).scalar()
        keys = [dict(k) for k in conn.execute(sa.select(village_keys).where(
            village_keys.c.village == code).order_by(village_keys.c.valid_from_seq)).mappings()]
        held = [{"seq": q.seq, "code": q.code, "reason": reason(q.code, q.params, q.reason, PAGE_LANGUAGE),
                 "received_at": q.received_at} for q in conn.execute(sa.select(
                     quarantine.c.seq, quarantine.c.code, quarantine.c.reason, quarantine.c.params,
                     quarantine.c.received_at).where(quarantine.c.village == code).order_by(quarantine.c.seq))]
    return {"date": data["date"], "stale_after_days": data["stale_after_days"], "village": row,
            "overdue": row["overdue"], "alerts": row["alerts"], "enrolled_at": enrolled, "keys": keys,
            "quarantine": held}


def alert_lines(alerts: list[dict], names: bool, lang: str = PAGE_LANGUAGE) -> list[dict]:
    """村详情's open alerts as read: category and message in `lang`; the person's name in full
    only for an account that may look people up (a viewer reads 张**)."""
    out = []
    for a in alerts:
        name = a["name"] if names else a["name"][:1] + "*" * (len(a["name"]) - 1)
        out.append({"kind": a["kind"], "category": translate(CATEGORIES.get(a["kind"], a["kind"]), lang),
                    "name": name, "due": a["due"],
                    "message": translate(a["text"], lang).format(**{**a["values"], "name": name})})
    return out

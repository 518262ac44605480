"""What the district reads from its store: per-village status and aggregates across villages.

Counts per entity are generic, so a table added later shows up by itself. Richer figures come
from small per-entity plug-ins (FIGURES) that read the row JSON of entities that exist.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

import sqlalchemy as sa

from cunwu import clock
from cunwu.district import figures, figures_table
from cunwu.district.rows import stored
from cunwu.district.schema import bundles, quarantine, records, villages
from cunwu.district.store import District
from cunwu.domain import relief

def _rows(conn, entity: str):
    q = sa.select(records.c.village, records.c.row).where(
        (records.c.entity == entity) & (records.c.deleted == sa.false()))
    for village, row in conn.execute(q):
        data = stored(row)  # a damaged row is left out, not fatal
        if data is not None:
            yield village, data


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def residents(conn, today) -> dict:
    out: dict[str, dict] = {}
    for village, row in _rows(conn, "persons"):
        status = str(row.get("status") or "")
        v = out.setdefault(village, {"residents": 0, "by_status": {}})
        v["by_status"][status] = v["by_status"].get(status, 0) + 1
        if status == "户籍在册":
            v["residents"] += 1
    return out


def special_groups(conn, today) -> dict:
    """Tags live on `today` held by people still in the village (not 迁出 or 死亡)."""
    gone = {(v, str(p.get("uuid"))) for v, p in _rows(conn, "persons") if p.get("status") in relief.GONE}
    out: dict[str, dict] = {}
    for village, row in _rows(conn, "person_tags"):
        if (village, str(row.get("person_uuid"))) in gone:
            continue
        if relief.active(row.get("since"), row.get("until"), today, today):
            groups = out.setdefault(village, {})
            groups[str(row.get("tag"))] = groups.get(str(row.get("tag")), 0) + 1
    return {v: {"special_groups": g} for v, g in out.items()}


def village_figures(conn, today) -> dict:
    """The village's own figures (district/figures.py): 低保 户/人/金额, overdue disclosures,
    open alerts …, from the same rows the 总览 computes them from."""
    return {v: figures.village(figures_table.rows_of(conn, v), today)
            for v in conn.execute(sa.select(villages.c.code)).scalars()}


def points(conn, today) -> dict:
    out: dict[str, dict] = {}
    for village, row in _rows(conn, "points_ledger"):
        v = out.setdefault(village, {"points_earned": 0, "points_redeemed": 0, "points_balance": 0})
        n = row.get("points")
        if type(n) is not int:  # rows stored before the row checks: left out, never fatal
            continue
        v["points_balance"] += n
        if row.get("kind") == "redeem":
            v["points_redeemed"] -= n
        elif row.get("ranked"):
            v["points_earned"] += n
    return out


# entity -> figures computed from its rows; only run for entities the district holds
FIGURES: dict[str, Callable] = {"persons": residents, "person_tags": special_groups,
                                "points_ledger": points}


def entity_counts(conn) -> dict[str, dict[str, int]]:
    q = sa.select(records.c.village, records.c.entity, sa.func.count()).where(
        records.c.deleted == sa.false()).group_by(records.c.village, records.c.entity)
    out: dict[str, dict[str, int]] = {}
    for village, entity, n in conn.execute(q):
        out.setdefault(village, {})[entity] = n
    return out


def report(d: District, today: dt.date | None = None) -> dict:
    today = today or clock.today()
    with d.reader.connect() as conn:
        names = {c: n for c, n in conn.execute(sa.select(villages.c.code, villages.c.name))}
        counts = entity_counts(conn)
        present = {e for c in counts.values() for e in c}
        per_village = {code: {"name": names[code], "entities": counts.get(code, {})} for code in names}
        for entity, fn in FIGURES.items():
            if entity in present:
                for code, found in fn(conn, today).items():
                    per_village.setdefault(code, {"name": "", "entities": {}}).update(found)
        for code, found in village_figures(conn, today).items():
            per_village.setdefault(code, {"name": "", "entities": {}}).update(found)
    totals: dict = {"villages": len(per_village), "entities": {}}
    for v in per_village.values():
        for e, n in v["entities"].items():
            totals["entities"][e] = totals["entities"].get(e, 0) + n
        for k, val in v.items():
            if isinstance(val, int):
                totals[k] = totals.get(k, 0) + val
            elif k in ("special_groups", "by_status"):
                bucket = totals.setdefault(k, {})
                for g, n in val.items():
                    bucket[g] = bucket.get(g, 0) + n
            elif k == "dibao":
                bucket = totals.setdefault(k, {"households": 0, "people": 0, "total": "0.00"})
                bucket["households"] += val["households"]
                bucket["people"] += val["people"]
                bucket["total"] = f"{relief.money(bucket['total']) + relief.money(val['total']):.2f}"
    return {"district": d.code, "date": today.isoformat(), "totals": totals, "villages": per_village}


def status(d: District) -> list[dict]:
    with d.reader.connect() as conn:
        counts = entity_counts(conn)
        held = {v: n for v, n in conn.execute(
            sa.select(quarantine.c.village, sa.func.count()).group_by(quarantine.c.village))}
        imported = {v: n for v, n in conn.execute(
            sa.select(bundles.c.village, sa.func.count()).group_by(bundles.c.village))}
        rows = conn.execute(sa.select(villages).order_by(villages.c.code)).mappings().all()
    return [{"village": r["code"], "name": r["name"], "last_seq": r["last_seq"],
             "last_log_seq": r["last_log_seq"], "last_import_at": r["last_import_at"],
             "bundles": imported.get(r["code"], 0), "quarantined": held.get(r["code"], 0),
             "entities": counts.get(r["code"], {})} for r in rows]


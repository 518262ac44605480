"""The per-village figures table (village_figures): one village's figures (figures.py) as of a
day. An import forgets its village's row in its own transaction; the first page read after it
(or on a new day) computes the row once, so neither the import nor the overview and village
pages read every row's JSON on each request.
"""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa

from cunwu import clock
from cunwu.district import figures
from cunwu.district.rows import stored
from cunwu.district.schema import down_bundles, down_items, figures as table, records, villages
from cunwu.district.store import District


def rows_of(conn, village: str) -> dict[str, list[dict]]:
    """The village's live rows of the entities the figures read, by entity, and the policy
    parameters the district sent it in bundles it confirmed holding (figures.POLICY)."""
    out: dict[str, list[dict]] = {}
    found = conn.execute(sa.select(records.c.entity, records.c.row).where(
        (records.c.village == village) & records.c.entity.in_(figures.ENTITIES)
        & (records.c.deleted == sa.false())
        # of a person's history only the changes that set a 低保 review date count
        & ((records.c.entity != "person_events") | records.c.row.contains("低保.review_due"))))
    for entity, text in found:
        if (row := stored(text)) is not None:  # a damaged row is left out, not fatal
            out.setdefault(entity, []).append(row)
    sent = conn.execute(sa.select(down_items.c.body, down_items.c.down_seq, down_items.c.n).select_from(
        down_items.join(down_bundles, (down_bundles.c.village == down_items.c.village)
                        & (down_bundles.c.seq == down_items.c.down_seq)))
        .where((down_items.c.village == village) & (down_items.c.kind == "policy")
               & down_bundles.c.applied_at.is_not(None)))
    for body, seq, n in sent:
        if (item := stored(body)) is not None:
            out.setdefault(figures.POLICY, []).append({**item, "order": (seq, n)})
    return out


def forget(conn, village: str) -> None:
    """The village's rows changed: its figures are computed again when a page next reads them.
    (Computing them here cost an import about as much as writing its rows.)"""
    conn.execute(table.delete().where(table.c.village == village))


def refresh(conn, village: str, day: dt.date | None = None) -> dict:
    """Compute the village's figures on `day` (default today) and keep them; inside the
    caller's transaction (an import's, or the page's that found them out of date)."""
    day = day or clock.today()
    found = figures.village(rows_of(conn, village), day)
    alerts = found.pop("alerts")  # kept apart: the overview reads 200 villages' counts, not lists
    conn.execute(table.delete().where(table.c.village == village))
    conn.execute(table.insert(), {"village": village, "day": day.isoformat(),
                                  "figures": json.dumps(found, ensure_ascii=False),
                                  "alerts": json.dumps(alerts, ensure_ascii=False),
                                  "computed_at": clock.now_utc().isoformat(timespec="seconds")})
    return found | {"alerts": alerts}


def read(d: District, day: dt.date | None = None, village: str | None = None,
         alerts: bool = False) -> dict[str, dict]:
    """{village: figures on `day`} for every village (or one), from the table, with the list
    of open alerts when asked; a village whose row is missing or from another day is computed
    again first (the first request of a day)."""
    day = day or clock.today()
    where = sa.true() if village is None else villages.c.code == village
    listed = table.c.alerts if alerts else sa.null()
    with d.engine.connect() as conn:
        held = {code: (kept_day, text, found) for code, kept_day, text, found in conn.execute(
            sa.select(villages.c.code, table.c.day, table.c.figures, listed)
            .select_from(villages.outerjoin(table, table.c.village == villages.c.code)).where(where))}
    out = {code: json.loads(text) | ({"alerts": json.loads(found or "[]")} if alerts else {})
           for code, (kept_day, text, found) in held.items() if kept_day == day.isoformat()}
    stale = sorted(set(held) - set(out))
    if stale:
        with d.engine.begin() as conn:
            for code in stale:
                out[code] = refresh(conn, code, day)
                if not alerts:
                    del out[code]["alerts"]
    return out

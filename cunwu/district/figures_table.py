"""The per-village figures table (village_figures): one village's figures (figures.py) as of a
day. An import forgets its village's row in its own transaction; the server's Warmer computes it
again in the background (and every row shortly after midnight), so pages find the rows ready.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading

import sqlalchemy as sa

from cunwu import clock
from cunwu.district import figures
from cunwu.district.rows import stored
from cunwu.district.schema import down_bundles, down_items, figures as table, records, villages
from cunwu.district.store import District

log = logging.getLogger("cunwu.district.figures_table")
_warming: set[str] = set()  # the databases a Warmer of this process keeps up to date


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


def stale(conn, day: dt.date, village: str | None = None) -> list[str]:
    """The villages (or the one) whose row is missing or from another day than `day`."""
    where = sa.true() if village is None else villages.c.code == village
    return sorted(conn.execute(sa.select(villages.c.code).select_from(
        villages.outerjoin(table, table.c.village == villages.c.code))
        .where(where & (table.c.day.is_(None) | (table.c.day != day.isoformat())))).scalars())


def read(d: District, day: dt.date | None = None, village: str | None = None,
         alerts: bool = False) -> dict[str, dict]:
    """{village: figures on `day`} for every village (or one), from the table, with the list
    of open alerts when asked. A village whose row is missing or from another day is computed
    again first, except in the overview (every village) while a Warmer runs: it is left out,
    and the Warmer computes it within seconds instead of this request computing them all."""
    day = day or clock.today()
    where = sa.true() if village is None else villages.c.code == village
    listed = table.c.alerts if alerts else sa.null()
    with d.reader.connect() as conn:
        held = {code: (kept_day, text, found) for code, kept_day, text, found in conn.execute(
            sa.select(villages.c.code, table.c.day, table.c.figures, listed)
            .select_from(villages.outerjoin(table, table.c.village == villages.c.code)).where(where))}
    out = {code: json.loads(text) | ({"alerts": json.loads(found or "[]")} if alerts else {})
           for code, (kept_day, text, found) in held.items() if kept_day == day.isoformat()}
    stale_codes = sorted(set(held) - set(out))
    if stale_codes and (village is not None or str(d.engine.url) not in _warming):
        with d.engine.begin() as conn:
            for code in stale_codes:
                out[code] = refresh(conn, code, day)
                if not alerts:
                    del out[code]["alerts"]
    return out


class Warmer:
    """A thread beside `cunwu district serve` that looks every `every` seconds for villages
    whose row is missing (after an import) or from yesterday (after midnight) and computes
    them, one village per transaction so an import waits at most for one village."""

    def __init__(self, d: District, every: float = 2.0):
        self.d, self.every = d, every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="figures-warmer", daemon=True)

    def start(self) -> "Warmer":
        _warming.add(str(self.d.engine.url))
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(30)
        _warming.discard(str(self.d.engine.url))

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.warm()
            except Exception as e:  # a busy or briefly unreachable database: try again shortly
                log.warning("figures not computed: %s", type(e).__name__, exc_info=True)
            self._stop.wait(self.every)

    def warm(self) -> int:
        """Compute every stale village's row now; how many were computed."""
        day = clock.today()
        with self.d.reader.connect() as conn:
            codes = stale(conn, day)
        for code in codes:
            if self._stop.is_set():
                break
            with self.d.engine.begin() as conn:
                # The village's row locked first (PostgreSQL): an import of it waits for this
                # transaction, or this one reads the rows that import committed, never older ones.
                conn.execute(sa.select(villages.c.code).where(villages.c.code == code).with_for_update())
                if stale(conn, day, code):  # a page may have computed it meanwhile
                    refresh(conn, code, day)
        return len(codes)

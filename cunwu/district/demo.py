"""What only the district demo does to its own store: dates a village's bundles back, so the
demo shows villages that have not reported for weeks (the clock cannot be turned back for a
real import, and a real district never needs this)."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from cunwu.district.schema import bundles, villages
from cunwu.district.store import District


def date_back(d: District, village: str, days: int) -> None:
    """Move the village's imports `days` earlier."""
    with d.engine.begin() as conn:
        for table, column in ((villages, villages.c.last_import_at), (bundles, bundles.c.imported_at)):
            key = table.c.code if table is villages else table.c.village
            for pk, at in conn.execute(sa.select(key, column).where(key == village)).all():
                if at:
                    earlier = (dt.datetime.fromisoformat(at) - dt.timedelta(days=days)).isoformat()
                    conn.execute(table.update().where((key == pk) & (column == at)), {column.name: earlier})

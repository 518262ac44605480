"""The import log (数据包): the bundles the district has applied, newest first, by village."""

from __future__ import annotations

import sqlalchemy as sa

from cunwu.district.schema import bundles, villages
from cunwu.district.store import District

MAX_ROWS = 500


def entries(d: District, village: str = "", limit: int = MAX_ROWS) -> list[dict]:
    """[{village, village_name, seq, log_from, log_to, ops_count, applied_rows, imported_at}]"""
    q = sa.select(bundles.c.village, villages.c.name, bundles.c.seq, bundles.c.log_from,
                  bundles.c.log_to, bundles.c.ops_count, bundles.c.applied_rows,
                  bundles.c.imported_at).join(villages, villages.c.code == bundles.c.village)
    if village:
        q = q.where(bundles.c.village == village)
    with d.reader.connect() as conn:
        rows = conn.execute(q.order_by(bundles.c.imported_at.desc(), bundles.c.village,
                                       bundles.c.seq.desc()).limit(limit)).all()
    return [{"village": r.village, "village_name": r.name, "seq": r.seq, "log_from": r.log_from,
             "log_to": r.log_to, "ops_count": r.ops_count, "applied_rows": r.applied_rows,
             "imported_at": r.imported_at} for r in rows]

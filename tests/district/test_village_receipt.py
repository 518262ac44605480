"""村详情 shows what the village's last receipt carried for reconciliation: per entity, the
district's count of the village's live rows, as the importer signed it."""

from __future__ import annotations

import json
import re

import sqlalchemy as sa


def test_village_page_shows_the_last_receipts_counts(synced, admin_client):
    from cunwu.district.schema import bundles, villages
    from cunwu.district.store import District

    with District.open(synced) as d:
        with d.engine.connect() as conn:
            code = conn.execute(sa.select(villages.c.code)).scalar_one()
            seq, text = conn.execute(sa.select(bundles.c.seq, bundles.c.receipt).where(
                bundles.c.village == code).order_by(bundles.c.seq.desc())).first()
        carried = json.loads(text)["body"]["reconciliation"]
        page = admin_client(d).get(f"/villages/{code}").text
    table = page[page.index('id="reconciliation"'):]
    table = table[:table.index("</table>")]
    shown = dict(re.findall(r'<td class="code">([^<]+)</td><td class="num">(\d+)</td>', table))
    assert shown == {e: str(v["count"]) for e, v in carried["entities"].items()}
    assert shown.get("persons") == "5"  # 青山村's five residents
    assert f"第 {seq} 号数据包的回执" in page and f"截至本村第 {carried['log_seq']} 条变更" in page

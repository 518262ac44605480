"""Checking a printed notice's verification code against the district's copy of the rows,
with the disclosures subject's own code functions (UUID + SHA-256 of the canonical content)."""

from __future__ import annotations

import sqlalchemy as sa

from cunwu.district.rows import stored
from cunwu.district.schema import records
from cunwu.district.store import District
from cunwu.errors import CunwuError


def verify_code(d: District, code: str) -> dict:
    from cunwu.domain import verification
    from cunwu.domain.disclosures import Disclosure

    try:
        form, a, b = verification.parse(code)
    except CunwuError:
        raise
    q = sa.select(records.c.village, records.c.row).where(
        (records.c.entity == "disclosures") & (records.c.deleted == sa.false()))
    if form == "qr":
        q = q.where(records.c.uuid == a)
    found = []
    with d.reader.connect() as conn:
        for village, row in conn.execute(q):
            data = stored(row)
            if data is None or type(data.get("uuid")) is not str:  # damaged: never fatal
                continue
            if form == "qr" or verification.uuid_part(data["uuid"]) == a:
                found.append((village, data))
    for village, data in found:
        try:  # dates stay ISO strings, as content() writes them
            c = verification.codes(Disclosure(**data), village)
        except (TypeError, ValueError, KeyError, AttributeError):
            continue
        if (form == "qr" and c.sha256 == b) or (form == "short" and c.short.replace("-", "")[4:] == b):
            return {"ok": True, "village": village, "uuid": data["uuid"], "title": data.get("title"),
                    "status": data.get("status")}
    if found:
        village, data = found[0]
        return {"ok": False, "village": village, "uuid": data["uuid"], "title": data.get("title"),
                "reason": "content differs"}
    return {"ok": False, "village": None, "uuid": None, "title": None, "reason": "unknown code"}

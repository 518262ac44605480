"""Quarantined bundles: the list with each one's standing, and the two decisions a district
operator takes on one — release (import it again through every check) or reject — both audited.
"""

from __future__ import annotations

import json
import re

import sqlalchemy as sa

from cunwu import clock
from cunwu.district import audit as trail
from cunwu.district import importer
from cunwu.district.rows import BAD_JSON, LONGER
from cunwu.district.schema import audit, quarantine
from cunwu.district.store import District
from cunwu.errors import MESSAGES, CunwuError
from cunwu.i18n import language, translate

_OPERATOR = re.compile(r"[\w.@-]{2,32}")
# the row checks' texts with a value in them, as patterns that give the value back
_VALUED = [(text, re.compile(re.escape(text).replace(r"\{limit\}", r"(?P<limit>\d+)")
                             .replace(r"\{error\}", r"(?P<error>\w+)") + "$")) for text in (LONGER, BAD_JSON)]


def _problem(text: str, lang: str) -> str:
    """What the row checks found wrong (rows.py, English), in `lang`."""
    for template, pattern in _VALUED:
        if m := pattern.match(text):
            return translate(template, lang).format(**m.groupdict())
    return translate(text, lang)


def reason(code: str, params: str | None, stored: str, lang: str | None = None) -> str:
    """A held bundle's reason in `lang` (the process's own when None) from its code and values;
    a bundle held before reasons were coded has only its English text."""
    lang = lang or language()
    try:
        values = json.loads(params) if params else None
    except ValueError:
        values = None
    if not isinstance(values, dict) or code not in MESSAGES:
        return stored
    if "problem" in values:
        values["problem"] = _problem(str(values["problem"]), lang)
    try:
        return translate(MESSAGES[code], lang).format(**values)
    except (KeyError, IndexError):
        return stored


def authorize(d: District, operator: str | None, action: str) -> str:
    """The one check on who takes a quarantine decision: a named operator, recorded with it.
    The command line and the workbench log the district account in with the "quarantine" role
    first (accounts.py) and pass its name; a finer rule belongs here, not in the callers."""
    name = (operator or "").strip()
    if not _OPERATOR.fullmatch(name):
        raise CunwuError("E_DISTRICT_OPERATOR", action=action)
    return name


def listing(d: District, lang: str | None = None) -> list[dict]:
    """Every quarantined bundle, oldest first, with its standing, the latest decision and its
    reason in `lang` (the process's language when None; the workbench's pages say zh_CN)."""
    with d.reader.connect() as conn:
        q = sa.select(quarantine.c.envelope_sha256, quarantine.c.village, quarantine.c.seq,
                      quarantine.c.code, quarantine.c.reason, quarantine.c.params, quarantine.c.received_at) \
            .order_by(quarantine.c.received_at, quarantine.c.envelope_sha256)
        rows = [dict(r._mapping) for r in conn.execute(q)]
        decided = {}
        for r in conn.execute(sa.select(audit).order_by(audit.c.seq)).mappings():
            decided[r["envelope_sha256"]] = r  # the latest wins
    for r in rows:
        r["reason"] = reason(r["code"], r.pop("params"), r["reason"], lang)
        last = decided.get(r["envelope_sha256"])
        r["id"] = r["envelope_sha256"][:12]
        r["status"] = {"quarantine.release": "released", "quarantine.reject": "rejected"}.get(
            last["action"] if last else "", "held")
        r["decided_by"] = last["operator"] if last else None
        r["decided_at"] = last["at"] if last else None
    return rows


def _find(d: District, bundle_id: str) -> dict:
    """A held bundle by its id: the envelope hash or a prefix of at least 8 of its digits."""
    wanted = (bundle_id or "").strip().lower()
    found = [r for r in listing(d) if len(wanted) >= 8 and r["envelope_sha256"].startswith(wanted)]
    if len(found) != 1:
        raise CunwuError("E_QUARANTINE_UNKNOWN", id=bundle_id, count=len(found))
    row = found[0]
    if row["status"] != "held":
        raise CunwuError("E_QUARANTINE_DECIDED", id=row["id"], status=row["status"],
                         operator=row["decided_by"], at=row["decided_at"])
    return row


def _record(conn, row: dict, operator: str, action: str, reason: str) -> None:
    prior = conn.execute(sa.select(audit.c.action, audit.c.operator, audit.c.at).where(
        audit.c.envelope_sha256 == row["envelope_sha256"])).first()
    if prior is not None:  # another operator decided between our look and our write
        raise CunwuError("E_QUARANTINE_DECIDED", id=row["id"], status=prior.action.split(".")[-1],
                         operator=prior.operator, at=prior.at)
    conn.execute(audit.insert(), {
        "at": clock.now_utc().isoformat(timespec="seconds"), "operator": operator,
        "action": action, "envelope_sha256": row["envelope_sha256"], "village": row["village"],
        "bundle_seq": row["seq"], "reason": reason})
    # and in the district's hash-chained trail, beside logins and lookups
    trail.append(conn, operator, action, row["id"], {"village": row["village"], "seq": row["seq"],
                                                     "reason": reason})


def release(d: District, bundle_id: str, operator: str | None, reason: str = "") -> dict:
    """Import the held bundle again through the same checks as any other; it must pass them
    now (say, once the missing bundle has arrived). Applied and audited in one transaction."""
    who = authorize(d, operator, "quarantine.release")
    row = _find(d, bundle_id)
    with d.reader.connect() as conn:
        data = conn.execute(sa.select(quarantine.c.data).where(
            quarantine.c.envelope_sha256 == row["envelope_sha256"])).scalar_one()
    parsed = importer.check(d, bytes(data))
    try:
        outcome = importer.apply(d, parsed, also=lambda conn: _record(
            conn, row, who, "quarantine.release", reason))
    except importer.Quarantined as q:
        raise CunwuError("E_QUARANTINE_STILL_FAILS", seq=row["seq"], village=row["village"],
                         reason=q.reason) from None
    if outcome.status == "already":  # the same bundle arrived again and was applied meanwhile
        with d.engine.begin() as conn:
            _record(conn, row, who, "quarantine.release", reason)
    return {"id": row["id"], "village": row["village"], "seq": row["seq"], "status": "released",
            "result": outcome.status, "rows": outcome.rows, "operator": who}


def reject(d: District, bundle_id: str, operator: str | None, reason: str) -> dict:
    """Mark the held bundle rejected; it stays in the quarantine table for the record."""
    who = authorize(d, operator, "quarantine.reject")
    if not (reason or "").strip():
        raise CunwuError("E_QUARANTINE_REASON")
    row = _find(d, bundle_id)
    with d.engine.begin() as conn:
        _record(conn, row, who, "quarantine.reject", reason.strip())
    return {"id": row["id"], "village": row["village"], "seq": row["seq"], "status": "rejected",
            "operator": who, "reason": reason.strip()}

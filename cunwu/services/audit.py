"""Reading the audit trail (审计), and the data integrity check (数据完整性检查): both hash
chains, every synced row against the change log, the points totals against the ledger, the
guard triggers, and the history against what the district has receipted.
"""

from __future__ import annotations

import json

from sqlalchemy import text
from sqlmodel import select

from cunwu.errors import CunwuError
from cunwu.i18n import N_, _
from cunwu.services.points_ledger import totals_not_matching
from cunwu.store import Store
from cunwu.store.guards import APPEND_ONLY
from cunwu.store.models import APPEND_ONLY_RECORDS, synced_models
from cunwu.store.tables import AuditEntry
from cunwu.store.verify import (compare_rows, expected_triggers, first_broken_audit, scan_log,
                                trigger_findings)

# The checks in the order they are reported; each code is also the error it raises.
CHECKS = ("E_AUDIT_BROKEN", "E_CHANGELOG_BROKEN", "E_ROW_MISMATCH", "E_ROW_UNLOGGED", "E_TOTALS",
          "E_TRIGGERS", "E_LOG_TRUNCATED", "E_AUDIT_TRUNCATED")
_WHAT = {"balance": N_("balance"), "earned": N_("points earned")}


def list_entries(store: Store, *, limit: int = 200, actor: str | None = None,
                 before: int | None = None) -> list[dict]:
    """Newest first; `before` a seq pages on to older entries (the window's 审计日志)."""
    with store.read() as s:
        q = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit)
        if actor:
            q = q.where(AuditEntry.actor == actor)
        if before is not None:
            q = q.where(AuditEntry.seq < before)
        return [{"seq": e.seq, "at": e.at, "today": e.today, "actor": e.actor,
                 "action": e.action, "target": e.target, "detail": json.loads(e.detail)}
                for e in s.exec(q)]


def check(store: Store) -> dict:
    """Run every check; never raises for what it finds. Returns {"ok", "audit_entries",
    "change_log_entries", "checks": [{"code", "ok", "count", "first_failure" (plain words,
    "" when ok), "params"}]}, one per code in CHECKS."""
    found: dict[str, tuple[int, dict]] = {}  # code → (how many, params naming the first)
    with store.read() as s:
        receipted = _receipted(s)
        log = scan_log(s, chain_at=(receipted["receipted"],) if receipted else ())
        broken = first_broken_audit(s)
        if broken:
            found["E_AUDIT_BROKEN"] = (1, {"seq": broken[0], "detail": broken[1]})
        if log.broken:
            found["E_CHANGELOG_BROKEN"] = (1, {"seq": log.broken[0], "detail": log.broken[1]})
        rows = compare_rows(s, synced_models(), log.newest)
        for code, keys in (("E_ROW_MISMATCH", rows.mismatched), ("E_ROW_UNLOGGED", rows.unlogged)):
            if keys:
                found[code] = (len(keys), {"count": len(keys),
                                           "record": _record_words(keys[0], rows.names)})
        totals = totals_not_matching(s)
        if totals:
            found["E_TOTALS"] = (len(totals), _totals_params(s, totals))
        triggers = trigger_findings(s, expected_triggers(
            [m.__tablename__ for m in synced_models()], APPEND_ONLY + APPEND_ONLY_RECORDS))
        if triggers:
            found["E_TRIGGERS"] = (len(triggers), {"count": len(triggers), "trigger": triggers[0]})
        if receipted:
            at = receipted["receipted"]
            if log.chain_at.get(at) is None or (receipted["head"] and
                                                log.chain_at[at] != receipted["head"]):
                have = s.execute(text("SELECT coalesce(max(log_seq), 0) FROM change_log")).scalar()
                found["E_LOG_TRUNCATED"] = (1, {"bundle": receipted["bundle"], "receipted": at,
                                                "found": have})
        missing = _receipts_without_audit(s)
        if missing:
            found["E_AUDIT_TRUNCATED"] = (len(missing), {"bundle": missing[0]})
        audit = s.exec(select(AuditEntry.seq).order_by(AuditEntry.seq.desc())).first() or 0
    checks = []
    for code in CHECKS:
        count, params = found.get(code, (0, {}))
        checks.append({"code": code, "ok": not count, "count": count, "params": params,
                       "first_failure": CunwuError(code, **params).message if count else ""})
    return {"ok": not found, "audit_entries": audit, "change_log_entries": log.count,
            "checks": checks}


def verify(store: Store) -> dict:
    """check(), raising the first failure found (its code, naming the first bad entry)."""
    result = check(store)
    for c in result["checks"]:
        if not c["ok"]:
            raise CunwuError(c["code"], **c["params"])
    return result


def _record_words(key: str, names: dict[str, str]) -> str:
    entity, uuid = key.split(":", 1)
    name = names.get(key)
    return f"{name} ({entity} {uuid})" if name else f"{entity} {uuid}"


def _totals_params(session, totals: list[dict]) -> dict:
    first = totals[0]
    if first["kind"] == "household":
        row = session.execute(text("SELECT number FROM households WHERE uuid = :u"),
                              {"u": first["owner"]}).first()
        owner = _("household {number}").format(number=row[0]) if row else first["owner"]
    else:
        row = session.execute(text("SELECT name FROM persons WHERE uuid = :u"),
                              {"u": first["owner"]}).first()
        owner = row[0] if row else first["owner"]
    what = _WHAT.get(first["what"])
    return {"count": len(totals), "owner": owner,
            "what": _(what) if what else _("points earned in {period}").format(period=first["what"]),
            "held": "—" if first["held"] is None else first["held"],
            "ledger": "—" if first["ledger"] is None else first["ledger"]}


def _receipted(session) -> dict | None:
    """The furthest point of the change log that the district has receipted, from the
    receipts held whose signature the district's key confirms: {bundle, receipted, head}."""
    from cunwu.sync import documents
    from cunwu.sync.tables import SyncDistrict, SyncReceipt

    district = session.exec(select(SyncDistrict)).first()
    if district is None:
        return None
    key = bytes.fromhex(district.signing_key)
    for r in session.exec(select(SyncReceipt).order_by(SyncReceipt.last_log_seq.desc())):
        try:
            body, sig = documents.load(r.receipt.encode("utf-8"), documents.RECEIPT_FORMAT,
                                       "E_RECEIPT_FORMAT")
        except CunwuError:
            continue
        if documents.signed_by(body, sig, key) and isinstance(body.get("last_log_seq"), int):
            return {"bundle": body.get("seq"), "receipted": body["last_log_seq"],
                    "head": body.get("chain_head")}
    return None


def _receipts_without_audit(session) -> list[int]:
    """Bundles whose receipt is held but whose import (sync.receipt) the audit trail no
    longer records: the audit entries after it were cut off."""
    held = [r[0] for r in session.execute(text("SELECT DISTINCT seq FROM sync_receipts ORDER BY seq"))]
    if not held:
        return []
    audited = set()
    for (detail,) in session.execute(text(
            "SELECT detail FROM audit_log WHERE action = 'sync.receipt'")):
        audited.add(json.loads(detail).get("seq"))
    return [seq for seq in held if seq not in audited]

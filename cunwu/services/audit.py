"""Reading and verifying the audit trail (审计) and the change log."""

from __future__ import annotations

import json

from sqlmodel import select

from cunwu.errors import CunwuError
from cunwu.store import Store
from cunwu.store.tables import AuditEntry
from cunwu.store.verify import first_broken_audit, first_broken_log


def list_entries(store: Store, *, limit: int = 200, actor: str | None = None) -> list[dict]:
    with store.read() as s:
        q = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit)
        if actor:
            q = q.where(AuditEntry.actor == actor)
        return [{"seq": e.seq, "at": e.at, "today": e.today, "actor": e.actor,
                 "action": e.action, "target": e.target, "detail": json.loads(e.detail)}
                for e in s.exec(q)]


def verify(store: Store) -> dict:
    """Raise E_AUDIT_BROKEN / E_CHANGELOG_BROKEN naming the first bad entry; else counts."""
    with store.read() as s:
        broken = first_broken_audit(s)
        if broken:
            raise CunwuError("E_AUDIT_BROKEN", seq=broken[0], detail=broken[1])
        broken = first_broken_log(s)
        if broken:
            raise CunwuError("E_CHANGELOG_BROKEN", seq=broken[0], detail=broken[1])
        audit = s.exec(select(AuditEntry.seq).order_by(AuditEntry.seq.desc())).first() or 0
        from sqlalchemy import text
        log = s.execute(text("SELECT count(*) FROM change_log")).scalar_one()
    return {"audit_entries": audit, "change_log_entries": log}

"""Every table model the store knows, so checks can run over all of them.

The modules that define tables are the subjects' `models` in cunwu/subjects.py.
"""

from __future__ import annotations

import importlib

from cunwu.subjects import model_modules

DOMAIN_MODULES = model_modules()


# Tables that hold no records of their own (indexes, bookkeeping), with the reason. Every other
# table is a model: synced (guarded by the change log) or local (a LocalRecord, never synced).
SIDE_TABLES: dict[str, str] = {
    "alembic_version": "schema revision",
    "change_log": "the change log itself (SYNC.md)",
    "audit_log": "the audit trail itself",
    "person_search": "integer keys of the residents' full-text index, rebuilt from persons",
    "points_balances": "balances per person and household, kept with points_ledger, rebuildable",
    "points_totals": "points earned per month and year, kept with points_ledger, rebuildable",
}

# Synced tables that are append-only as well (their migration adds guards.append_only_sql),
# beside the change log and the audit trail themselves (guards.APPEND_ONLY).
APPEND_ONLY_RECORDS = ("points_ledger", "case_actions")


def all_models() -> list[type]:
    from cunwu.store.tables import LocalRecord

    for name in DOMAIN_MODULES:
        importlib.import_module(name)
    seen, out, stack = set(), [], [LocalRecord]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                stack.append(sub)
                if getattr(sub, "__table__", None) is not None:
                    out.append(sub)
    return sorted(out, key=lambda m: m.__tablename__)


def synced_models() -> list[type]:
    return [m for m in all_models() if m.synced]

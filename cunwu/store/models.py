"""Every table model the store knows, so checks can run over all of them.

A subject issue that adds tables lists its domain module in DOMAIN_MODULES.
"""

from __future__ import annotations

import importlib

DOMAIN_MODULES = ("cunwu.store.tables", "cunwu.domain.accounts")


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

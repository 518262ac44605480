"""Schema revisions: which ones this program knows, which one a file has, upgrading.

Opening an up-to-date store reads one row and never imports Alembic (it is slow to import);
only an upgrade does.
"""

from __future__ import annotations

import re
import sqlite3
from functools import lru_cache
from pathlib import Path

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_REV = re.compile(r'^revision\s*=\s*"([^"]+)"', re.M)
_DOWN = re.compile(r'^down_revision\s*=\s*(?:"([^"]+)"|None)', re.M)


@lru_cache(maxsize=1)
def revisions() -> tuple[str, ...]:
    """Known revisions, oldest first (the chain is linear)."""
    down_of = {}
    for path in (MIGRATIONS / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        rev, down = _REV.search(text), _DOWN.search(text)
        if rev and down:
            down_of[rev.group(1)] = down.group(1)
    order, current = [], None
    while True:
        nxt = [r for r, d in down_of.items() if d == current]
        if not nxt:
            break
        if len(nxt) > 1:
            raise RuntimeError(f"migrations branch after {current}: {nxt}")
        current = nxt[0]
        order.append(current)
    if len(order) != len(down_of):
        raise RuntimeError("migrations do not form one chain")
    return tuple(order)


def head() -> str:
    return revisions()[-1]


def file_revision(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None


def upgrade(engine, target: str = "head") -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)

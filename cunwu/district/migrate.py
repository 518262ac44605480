"""The district store's schema revisions (Alembic, its own script folder under migrations/):
an older store is backed up and upgraded when it opens, as the village store is.

A store made before migrations existed (schema 1: the tables, no alembic_version) is stamped
at the baseline revision and upgraded from there, never recreated.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import json
import logging
import os
import re
from pathlib import Path

import sqlalchemy as sa

from cunwu.errors import CunwuError
from cunwu.files import fsync_dir, replace
from cunwu.store import schema

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASELINE = "d0001"
KEEP_AUTOMATIC = 10
_AUTO = re.compile(r"^auto-\d{8}-\d{6}-\d{6}-")


def heads() -> frozenset[str]:
    return schema.heads(MIGRATIONS)


def schema_number() -> int:
    """district_info.schema_version: how many revisions the store has (the baseline is 1);
    each revision after the baseline sets it to its own number."""
    return len(schema.revisions(MIGRATIONS))


def found_revisions(conn) -> tuple[frozenset[str], bool]:
    """(the revisions the database holds, whether they are stamped). An unstamped district
    database is schema 1; an empty one holds nothing."""
    tables = sa.inspect(conn)
    if tables.has_table("alembic_version"):
        return frozenset(r[0] for r in conn.execute(sa.text("SELECT version_num FROM alembic_version"))), True
    if tables.has_table("district_info"):
        return frozenset({BASELINE}), False
    return frozenset(), False


def has_tables(engine) -> bool:
    with engine.connect() as conn:
        return bool(found_revisions(conn)[0])


def bring_up_to_date(folder: Path, engine) -> None:
    """On open: refuse a newer schema; back up, then upgrade an older one."""
    with engine.connect() as conn:
        found, stamped = found_revisions(conn)
    if not found:
        raise CunwuError("E_DISTRICT_DB", detail="no district tables")
    if schema.unknown(found, MIGRATIONS):
        raise CunwuError("E_STORE_TOO_NEW", found="+".join(sorted(schema.unknown(found, MIGRATIONS))),
                         supported=schema.describe_heads(MIGRATIONS))
    if stamped and schema.is_current(found, MIGRATIONS):
        return
    backup(folder, engine, "before-upgrade-" + "+".join(sorted(found)))
    log.info("upgrading district store from %s to %s", sorted(found), schema.describe_heads(MIGRATIONS))
    upgrade(engine)


def upgrade(engine, target: str = "heads") -> None:
    """Stamp a schema-1 store, then upgrade; one transaction, one upgrader at a time."""
    from alembic import command

    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":  # SQLite's BEGIN IMMEDIATE already serialises
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext('cunwu-district-upgrade'))"))
        cfg = schema.alembic_config(MIGRATIONS, conn)
        found, stamped = found_revisions(conn)  # again, under the lock: another may have upgraded
        if found and not stamped:
            command.stamp(cfg, BASELINE)
        command.upgrade(cfg, target)


# -- backups before an upgrade ---------------------------------------------------------------
def backup(folder: Path, engine, reason: str) -> Path:
    """SQLite: a consistent copy of the file. PostgreSQL: every table's rows as gzipped JSON
    lines ({"table", "row"}; bytes in base64), enough to rebuild the store by hand."""
    from cunwu.store.files import copy_database

    folder = Path(folder) / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", reason)[:40]
    if engine.dialect.name == "sqlite":
        dest = folder / f"auto-{stamp}-{safe}.sqlite3"
        copy_database(Path(engine.url.database), dest)
    else:
        dest = folder / f"auto-{stamp}-{safe}.jsonl.gz"
        _dump(engine, dest)
    for old in sorted(p for p in folder.iterdir() if _AUTO.match(p.name))[:-KEEP_AUTOMATIC]:
        old.unlink(missing_ok=True)
    log.info("automatic district backup %s", dest.name)
    return dest


def _plain(value):
    if isinstance(value, (bytes, memoryview)):
        return {"b64": base64.b64encode(bytes(value)).decode("ascii")}
    return value


def _dump(engine, dest: Path) -> None:
    tmp = dest.with_name(f".{dest.name}.part")
    try:
        with engine.connect() as conn, gzip.open(tmp, "wt", encoding="utf-8") as out:
            tables = sa.MetaData()
            tables.reflect(conn)
            for table in tables.sorted_tables:
                rows = conn.execution_options(stream_results=True, yield_per=5000).execute(sa.select(table))
                for row in rows.mappings():
                    out.write(json.dumps({"table": table.name,
                                          "row": {k: _plain(v) for k, v in row.items()}},
                                         ensure_ascii=False, default=str) + "\n")
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        replace(tmp, dest)
        fsync_dir(dest.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise

"""Backups of the store: automatic ones before risky steps (the last 10 kept), manual ones
on request, and restoring a backup after checking it belongs here.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sqlite3
from contextlib import closing
from pathlib import Path

from cunwu.config import Paths
from cunwu.files import fsync_dir, private_folder, replace
from cunwu.errors import CunwuError
from cunwu.store.files import BadDatabase, check_database, copy_database, read_value

log = logging.getLogger(__name__)

KEEP_AUTOMATIC = 10
_AUTO = re.compile(r"^auto-\d{8}-\d{6}-\d{6}-.*\.sqlite3$")


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def automatic(paths: Paths, reason: str) -> Path:
    """Copy the store into backups/ before an upgrade or restore; prune to the last 10."""
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", reason)[:40]
    dest = paths.backups / f"auto-{_stamp()}-{safe}.sqlite3"
    private_folder(paths.backups)
    copy_database(paths.db, dest)
    autos = sorted(p for p in paths.backups.iterdir() if _AUTO.match(p.name))
    for old in autos[:-KEEP_AUTOMATIC]:
        old.unlink(missing_ok=True)
    log.info("automatic backup %s", dest.name)
    return dest


def manual(paths: Paths, out: Path | None) -> Path:
    dest = Path(out) if out else paths.backups / f"backup-{_stamp()}.sqlite3"
    try:
        if not out:
            private_folder(paths.backups)
        copy_database(paths.db, dest)
    except (OSError, sqlite3.Error, BadDatabase) as e:
        raise CunwuError("E_BACKUP_WRITE", path=str(dest), detail=str(e)) from e
    return dest


def listing(paths: Paths) -> list[Path]:
    if not paths.backups.exists():
        return []
    return sorted(paths.backups.glob("*.sqlite3"), key=lambda p: p.stat().st_mtime, reverse=True)


def vet(paths: Paths, file: Path) -> str:
    """Check a backup file before restoring it; return its village code."""
    from cunwu.store import schema

    try:
        check_database(file, full=True)
    except BadDatabase as e:
        raise CunwuError("E_BACKUP_INVALID", path=str(file), detail=str(e)) from e
    with closing(sqlite3.connect(file.absolute().as_uri() + "?mode=ro", uri=True)) as conn:
        found = schema.file_revisions(conn)
    code = read_value(file, "SELECT code FROM village")
    if not found or code is None:
        raise CunwuError("E_BACKUP_INVALID", path=str(file), detail="no cunwu village in it")
    if schema.unknown(found):
        raise CunwuError("E_STORE_TOO_NEW", found="+".join(sorted(schema.unknown(found))),
                         supported=schema.describe_heads())
    expected = read_value(paths.db, "SELECT code FROM village") if paths.db.exists() else None
    if expected is not None and expected != code:
        raise CunwuError("E_BACKUP_OTHER_VILLAGE", path=str(file), found=code, expected=expected)
    return code


def replace_store(paths: Paths, file: Path) -> Path | None:
    """Put `file` in place of the store. Returns the automatic backup of what was there.

    The caller has vetted the file and holds the window lock, so no other program has the
    store open.
    """
    before = None
    if paths.db.exists():
        before = automatic(paths, "before-restore")
        with closing(sqlite3.connect(paths.db)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    staged = paths.data_dir / f".restore-{os.getpid()}.sqlite3"
    copy_database(file, staged)
    for suffix in ("-wal", "-shm"):
        Path(str(paths.db) + suffix).unlink(missing_ok=True)
    replace(staged, paths.db)
    fsync_dir(paths.data_dir)
    return before

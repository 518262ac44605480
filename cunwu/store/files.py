"""Checks on database files before anything opens them for real, and consistent copies.

Used to refuse a damaged store without touching it, to vet a backup before restoring it,
and to copy a live store with SQLite's online backup API (consistent while the window
has it open).
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from cunwu.files import fsync_dir, replace

HEADER = b"SQLite format 3\x00"


class BadDatabase(Exception):
    """The file is not a sound SQLite database; the message says why."""


def check_database(path: Path, *, full: bool = False) -> None:
    """Raise BadDatabase unless `path` is a whole SQLite file; never writes to it."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            header = f.read(100)
    except OSError as e:
        raise BadDatabase(e.strerror or str(e)) from e
    if len(header) < 100 or not header.startswith(HEADER):
        raise BadDatabase("not a SQLite database")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    wal = Path(str(path) + "-wal")
    # A file cut short: the header promises more pages than are there (unless a WAL holds them).
    if page_size and pages and size < page_size * pages and not wal.exists():
        raise BadDatabase(f"truncated: {size} of {page_size * pages} bytes")
    try:
        uri = path.absolute().as_uri() + "?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            rows = conn.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as e:
        raise BadDatabase(str(e)) from e
    if rows != [("ok",)]:
        raise BadDatabase("; ".join(r[0] for r in rows[:3]))


def read_value(path: Path, sql: str):
    """One value from a database file opened read-only, or None."""
    uri = path.absolute().as_uri() + "?mode=ro"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            row = conn.execute(sql).fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def copy_database(src: Path, dest: Path) -> None:
    """Consistent copy through the backup API into a temp file, fsync, rename, verify."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.part")
    tmp.unlink(missing_ok=True)
    try:
        tmp.touch(mode=0o600)  # a copy of every ID number: owner-only from the start (POSIX)
        with closing(sqlite3.connect(src, timeout=30)) as source, \
                closing(sqlite3.connect(tmp)) as target:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        check_database(tmp, full=True)
        replace(tmp, dest)
        fsync_dir(dest.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise

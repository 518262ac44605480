"""Opening the store safely, and the two ways in: `read()` and `write()`.

Open refuses a damaged file without touching it, refuses a newer schema, and upgrades an
older one only after an automatic backup. Writes take SQLite's write lock up front
(BEGIN IMMEDIATE) so two programs never interleave half a change.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from cunwu.config import Paths
from cunwu.errors import CunwuError
from cunwu.files import private, private_folder
from cunwu.store import backups, schema
from cunwu.store.files import BadDatabase, check_database

if TYPE_CHECKING:  # SQLAlchemy loads only when a store is opened
    from sqlmodel import Session

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000


def _check_writable(folder: Path) -> None:
    try:
        private_folder(folder)
        probe = folder / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as e:
        raise CunwuError("E_DATA_DIR_NOT_WRITABLE", path=str(folder)) from e


def _make_private(paths: Paths) -> None:
    """Owner-only data folder, database (SQLite gives -wal and -shm the database's mode),
    backups, logs and keys; an installation from before this is tightened when it opens."""
    for path in (paths.data_dir, paths.backups, paths.logs, paths.data_dir / "keys"):
        private(path)
    for suffix in ("", "-wal", "-shm"):
        private(Path(str(paths.db) + suffix))


def _make_engine(path: Path):
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA temp_store=MEMORY")  # bulk staging tables (store/unit.py)
        cur.execute("PRAGMA cache_size=-65536")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        immediate = conn.get_execution_options().get("cunwu_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Store:
    """One village's SQLite database in a data folder."""

    def __init__(self, paths: Paths, engine) -> None:
        self.paths = paths
        self.engine = engine

    # -- opening ------------------------------------------------------------
    @classmethod
    def open(cls, data_dir: Path) -> "Store":
        paths = Paths(Path(data_dir))
        if not paths.db.exists():
            raise CunwuError("E_STORE_MISSING", path=str(paths.data_dir))
        _check_writable(paths.data_dir)
        try:
            check_database(paths.db)
        except BadDatabase as e:
            log.error("refusing damaged store %s: %s", paths.db, e)
            raise CunwuError("E_STORE_CORRUPT", path=str(paths.db), detail=str(e),
                             backups=str(paths.backups)) from e
        with closing(sqlite3.connect(paths.db)) as conn:
            found = schema.file_revisions(conn)
        if not found or schema.unknown(found):
            raise CunwuError("E_STORE_TOO_NEW", found="+".join(sorted(schema.unknown(found))) or "?",
                             supported=schema.describe_heads())
        _make_private(paths)
        engine = _make_engine(paths.db)
        if not schema.is_current(found):
            backups.automatic(paths, "before-upgrade-" + "+".join(sorted(found)))
            log.info("upgrading store from %s to %s", sorted(found), schema.describe_heads())
            schema.upgrade(engine)
        return cls(paths, engine)

    @classmethod
    def create(cls, data_dir: Path) -> "Store":
        """A new, empty store at the newest schema; refuses to touch an existing one."""
        paths = Paths(Path(data_dir))
        _check_writable(paths.data_dir)
        if paths.db.exists():
            raise CunwuError("E_STORE_EXISTS", path=str(paths.data_dir))
        paths.db.touch(mode=0o600)  # SQLite keeps an existing file's mode, and gives it to -wal/-shm
        _make_private(paths)
        engine = _make_engine(paths.db)
        try:
            schema.upgrade(engine)
        except BaseException:
            engine.dispose()
            for suffix in ("", "-wal", "-shm"):
                Path(str(paths.db) + suffix).unlink(missing_ok=True)
            raise
        return cls(paths, engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the two ways in ----------------------------------------------------
    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; closing it rolls back, and loaded objects stay readable."""
        from sqlmodel import Session

        with Session(self.engine, autoflush=False) as session:
            yield session

    @contextmanager
    def write(self, actor, action: str, *, permission: str | None = "write"):
        """One transaction: rows + change log + audit, all or nothing.

        permission=None is only for the program's own bookkeeping (counting logins).
        """
        from sqlalchemy.exc import IntegrityError, OperationalError
        from sqlmodel import Session

        from cunwu.store.unit import UnitOfWork

        if permission is not None and not actor.may(permission):
            raise CunwuError("E_PERMISSION", user=actor.username, role=actor.role, action=action)
        try:
            with self.engine.connect() as conn:
                conn.execution_options(cunwu_write=True)
                with Session(bind=conn, autoflush=False, expire_on_commit=False) as session:
                    with session.begin():
                        uow = UnitOfWork(session, actor, action)
                        yield uow
                        uow.finish()
        except IntegrityError as e:
            message = str(e.orig)
            if "E_STORE_UNLOGGED_WRITE" in message:
                raise CunwuError("E_STORE_UNLOGGED_WRITE", detail=message) from e
            if "E_STORE_APPEND_ONLY" in message:
                raise CunwuError("E_STORE_APPEND_ONLY") from e
            raise
        except OperationalError as e:
            if "locked" in str(e.orig) or "busy" in str(e.orig):
                raise CunwuError("E_STORE_BUSY") from e
            raise

    # -- facts every subject needs -------------------------------------------
    def village(self):
        from sqlmodel import select

        from cunwu.store.tables import Village

        with self.read() as s:
            return s.exec(select(Village)).first()

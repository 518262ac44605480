"""A district folder: `district.json` (code, name, database address), the database
(SQLite `district.sqlite3` by default, PostgreSQL with --db-url), sealed keys, the spool,
backups/ (made before a schema upgrade; district/migrate.py).
"""

from __future__ import annotations

import json
import os
from functools import cached_property
from pathlib import Path

import sqlalchemy as sa

from cunwu import clock
from cunwu.district import migrate
from cunwu.files import private, private_folder, write_atomic
from cunwu.errors import CunwuError
from cunwu.store.canonical import GENESIS
from cunwu.sync import crypto
from cunwu.sync.keystore import KeyVault

CONFIG = "district.json"
SQLITE_NAME = "district.sqlite3"
DB_URL_ENV = "CUNWU_DISTRICT_DB_URL"
READER = "cunwu_reader"  # the execution option that marks a read-only connection


def engine_for(url: str):
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": 30})

        @sa.event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record):
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA cache_size=-65536")  # 64 MB: the records B-tree stays in memory
            cur.close()

        @sa.event.listens_for(engine, "begin")
        def _on_begin(conn):
            # Writers take the lock up front, so two importers never interleave; readers
            # (District.reader) read a snapshot and never wait for a writer.
            conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READER) else "BEGIN IMMEDIATE")

        return engine
    # UTF-8 whatever the server's default: the rows' COPY text is made before a connection is at hand.
    return sa.create_engine(url, pool_pre_ping=True, connect_args={"client_encoding": "utf8"})


def _make_private(folder: Path) -> None:
    """Owner-only on POSIX, like the village's: the folder, its SQLite database (SQLite gives
    -wal and -shm the database's mode), keys, spool and receipts; tightened on every open."""
    for path in (folder, folder / "keys", folder / "spool", folder / "receipts"):
        private(path)
    for suffix in ("", "-wal", "-shm"):
        private(folder / f"{SQLITE_NAME}{suffix}")


class District:
    def __init__(self, folder: Path, config: dict, engine, passphrase=None) -> None:
        self.folder = folder
        self.config = config
        self.engine = engine  # engine.begin(): a write transaction, holding SQLite's write lock
        # Reads (reader.connect()): on SQLite a plain BEGIN, so a page, a report or a bundle's
        # checks neither wait for an import's lock nor hold one; the same pool either way.
        self.reader = engine.execution_options(**{READER: True})
        self.code: str = config["code"]
        self.name: str = config["name"]
        self._passphrase = passphrase
        self._secrets: dict[str, bytes] = {}

    # -- opening ----------------------------------------------------------------------------
    @staticmethod
    def _url(folder: Path, config: dict) -> str:
        return os.environ.get(DB_URL_ENV) or config.get("db_url") or \
            f"sqlite:///{folder / SQLITE_NAME}"

    @classmethod
    def open(cls, folder: Path, passphrase=None) -> "District":
        folder = Path(folder)
        try:
            config = json.loads((folder / CONFIG).read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise CunwuError("E_DISTRICT_MISSING", path=str(folder)) from e
        _make_private(folder)
        engine = engine_for(cls._url(folder, config))
        try:
            migrate.bring_up_to_date(folder, engine)
        except sa.exc.SQLAlchemyError as e:
            engine.dispose()
            raise CunwuError("E_DISTRICT_DB", detail=type(e).__name__) from e
        except BaseException:
            engine.dispose()
            raise
        return cls(folder, config, engine, passphrase)

    @classmethod
    def create(cls, folder: Path, code: str, name: str, db_url: str | None = None,
               passphrase=None) -> "District":
        from cunwu.district.schema import info, keys

        folder = Path(folder)
        if (folder / CONFIG).exists():
            raise CunwuError("E_DISTRICT_EXISTS", path=str(folder))
        if len(code or "") != 6 or not code.isdigit():
            raise CunwuError("E_DISTRICT_CODE", value=code)
        private_folder(folder)
        config = {"code": code, "name": name}
        if db_url:
            config["db_url"] = db_url
        engine = engine_for(cls._url(folder, config))
        d = cls(folder, config, engine, passphrase)
        vault = d.vault()
        sign_priv, sign_pub = crypto.new_signing_key()
        enc_priv, enc_pub = crypto.new_encryption_key()
        now = clock.now_utc().isoformat(timespec="seconds")
        rows = []
        for kind, priv, pub in (("sign", sign_priv, sign_pub), ("enc", enc_priv, enc_pub)):
            kid = crypto.key_id(pub)
            rows.append({"key_id": kid, "kind": kind, "public_key": pub.hex(),
                         "storage": vault.put(kid, priv), "active": True, "created_at": now})
        try:
            if migrate.has_tables(engine):  # a database another district already uses
                raise CunwuError("E_DISTRICT_EXISTS", path=str(engine.url))
            migrate.upgrade(engine)
            with engine.begin() as conn:
                if conn.execute(sa.select(info.c.code)).first() is not None:
                    raise CunwuError("E_DISTRICT_EXISTS", path=str(engine.url))
                conn.execute(info.insert(), {"code": code, "name": name,
                                             "schema_version": migrate.schema_number(), "created_at": now})
                conn.execute(keys.insert(), rows)
        except sa.exc.SQLAlchemyError as e:
            raise CunwuError("E_DISTRICT_DB", detail=type(e).__name__) from e
        _make_private(folder)
        write_atomic(folder / CONFIG, json.dumps(config, ensure_ascii=False, indent=2).encode())
        return d

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "District":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- folders and keys --------------------------------------------------------------------
    @property
    def spool(self) -> Path:
        return self.folder / "spool"

    @property
    def receipts_dir(self) -> Path:
        return self.folder / "receipts"

    def vault(self) -> KeyVault:
        kw = {"passphrase": self._passphrase} if self._passphrase else {}
        return KeyVault(self.folder / "keys", namespace=f"district-{self.code}-", **kw)

    @cached_property
    def key_rows(self) -> list[dict]:
        from cunwu.district.schema import keys

        with self.reader.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(sa.select(keys))]

    def _key(self, kind: str) -> dict:
        return next(k for k in self.key_rows if k["kind"] == kind and k["active"])

    @property
    def signing_public(self) -> bytes:
        return bytes.fromhex(self._key("sign")["public_key"])

    @property
    def encryption_public(self) -> bytes:
        return bytes.fromhex(self._key("enc")["public_key"])

    def encryption_key_ids(self) -> set[str]:
        return {k["key_id"] for k in self.key_rows if k["kind"] == "enc"}

    def private(self, key_id: str) -> bytes:
        if key_id not in self._secrets:
            row = next(k for k in self.key_rows if k["key_id"] == key_id)
            self._secrets[key_id] = self.vault().get(key_id, row["storage"])
        return self._secrets[key_id]

    def signing_private(self) -> bytes:
        return self.private(self._key("sign")["key_id"])

    def fingerprint(self) -> str:
        return crypto.fingerprint(self.signing_public, self.encryption_public)


GENESIS_HEX = GENESIS.hex()

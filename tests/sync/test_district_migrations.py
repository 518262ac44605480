"""District schema upgrades: a store made before migrations existed (schema 1) opens after a
backup, stamped and upgraded with its data intact, on SQLite and on PostgreSQL."""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from cunwu.district import migrate
from cunwu.district.store import District
from cunwu.errors import CunwuError
from sync_support import add_households, district_counts, district_rows, enrol_at, export, village_rows

FIXTURE = Path(__file__).parent / "fixtures" / "district_schema1"  # made by the code before migrations
FIXTURE_PASS = "fixture-pass"


def _versions(engine) -> frozenset[str]:
    with engine.connect() as conn:
        return migrate.found_revisions(conn)[0]


def _tables_differ(engine) -> list:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from cunwu.district.schema import metadata

    with engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn), metadata)


def test_revision_list_matches_alembic():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(migrate.MIGRATIONS))
    script = ScriptDirectory.from_config(cfg)
    assert set(script.get_heads()) == migrate.heads()
    assert script.get_base() == migrate.BASELINE


def test_a_new_store_is_at_the_newest_revision_and_matches_the_tables(district):
    assert _versions(district.engine) == migrate.heads()
    assert _tables_differ(district.engine) == []
    with district.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT schema_version FROM district_info")).scalar() \
            == migrate.schema_number()
    assert not (district.folder / "backups").exists()


def test_a_schema_1_store_is_backed_up_stamped_and_upgraded(tmp_path, store, admin):
    folder = tmp_path / "old"
    shutil.copytree(FIXTURE, folder)
    before, columns = {}, {}
    with sqlite3.connect(folder / "district.sqlite3") as conn:
        for t in ("district_info", "villages", "village_keys", "bundles", "records"):
            cursor = conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2")
            before[t], columns[t] = cursor.fetchall(), ", ".join(c[0] for c in cursor.description)
    assert before["records"] and not (folder / "backups").exists()

    with District.open(folder, passphrase=lambda: FIXTURE_PASS) as d:
        assert _versions(d.engine) == migrate.heads()
        assert _tables_differ(d.engine) == []
        with d.engine.connect() as conn:
            for table, rows in before.items():
                if table != "district_info":  # the columns schema 1 had keep their values
                    assert conn.execute(sa.text(f"SELECT {columns[table]} FROM {table} ORDER BY 1, 2")).all() \
                        == rows
            # d0010: what the fixture's villages pinned was never recorded, so both are null
            assert conn.execute(sa.text("SELECT certificate_issued_at, tls_sha256 FROM villages")).all() \
                == [(None, None)] * len(before["villages"])
        # still a working district: a new village enrols and its bundle is applied
        enrol_at(store, admin, d, tmp_path / "enrol")
        add_households(store, admin, 4)
        from cunwu.district import importer

        assert importer.import_file(d, export(store, admin, tmp_path / "stick")).status == "applied"
        assert district_rows(d, "330106001001") == village_rows(store)

    backups = list((folder / "backups").glob("auto-*"))
    assert len(backups) == 1 and "before-upgrade-d0001" in backups[0].name
    with sqlite3.connect(backups[0]) as conn:  # the backup is the store as it was: schema 1
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'alembic_version'") \
            .fetchone()[0] == 0
        assert conn.execute("SELECT * FROM records ORDER BY 1, 2").fetchall() == before["records"]

    District.open(folder, passphrase=lambda: FIXTURE_PASS).close()  # current now: no second backup
    assert len(list((folder / "backups").glob("auto-*"))) == 1


def test_a_store_from_a_newer_program_is_refused_untouched(tmp_path):
    folder = tmp_path / "newer"
    District.create(folder, "330106", "西湖区").close()
    with sqlite3.connect(folder / "district.sqlite3") as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'd9999'")
    with pytest.raises(CunwuError) as e:
        District.open(folder)
    assert e.value.code == "E_STORE_TOO_NEW" and "d9999" in e.value.message
    assert not (folder / "backups").exists()


def _schema_1(engine) -> None:
    """A database as `district init` made it before migrations: the baseline, unstamped."""
    migrate.upgrade(engine, migrate.BASELINE)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE alembic_version"))


def test_create_refuses_a_database_another_district_uses(pg_server, tmp_path):
    url = pg_server.create_database("d_taken")
    District.create(tmp_path / "first", "330106", "西湖区", db_url=url).close()
    with pytest.raises(CunwuError) as e:
        District.create(tmp_path / "second", "330106", "西湖区", db_url=url)
    assert e.value.code == "E_DISTRICT_EXISTS"


def test_a_schema_1_store_on_postgresql_is_backed_up_and_upgraded(pg_server, tmp_path, store, admin):
    from cunwu.district.store import engine_for

    made = District.create(tmp_path / "made", "330106", "西湖区民政",
                           db_url=pg_server.create_database("d_new"))
    assert _versions(made.engine) == migrate.heads() and _tables_differ(made.engine) == []
    made.close()

    url = pg_server.create_database("d_schema1")
    engine = engine_for(url)
    _schema_1(engine)
    engine.dispose()
    # the rest as the old District.create did it, then a village's bundle through the old tables
    d = District.create(tmp_path / "seed", "330106", "西湖区民政", db_url=pg_server.create_database("d_seed"))
    enrol_at(store, admin, d, tmp_path / "enrol")
    add_households(store, admin, 6)
    from cunwu.district import importer

    importer.import_file(d, export(store, admin, tmp_path / "stick"))
    seeded = {}
    with d.engine.connect() as conn:
        for t in ("district_info", "district_keys", "villages", "village_keys", "bundles", "records"):
            seeded[t] = [dict(r._mapping) for r in conn.execute(sa.text(f"SELECT * FROM {t}"))]
    for row in seeded["villages"]:  # columns schema 1 did not have (d0010)
        del row["certificate_issued_at"], row["tls_sha256"]
    counts = district_counts(d)
    d.close()
    engine = engine_for(url)
    with engine.begin() as conn:
        for t, rows in seeded.items():
            if rows:
                conn.execute(sa.table(t, *[sa.column(k) for k in rows[0]]).insert(), rows)
    engine.dispose()
    folder = tmp_path / "old"
    shutil.copytree(tmp_path / "seed", folder)
    (folder / "district.json").write_text(json.dumps({"code": "330106", "name": "西湖区民政",
                                                      "db_url": url}), encoding="utf-8")

    with District.open(folder) as old:
        assert _versions(old.engine) == migrate.heads()
        assert _tables_differ(old.engine) == []
        assert district_counts(old) == counts
        assert district_rows(old, "330106001001") == village_rows(store)
        add_households(store, admin, 2)
        assert importer.import_file(old, export(store, admin, tmp_path / "stick")).status == "applied"
    backups = list((folder / "backups").glob("auto-*-before-upgrade-d0001.jsonl.gz"))
    assert len(backups) == 1
    with gzip.open(backups[0], "rt", encoding="utf-8") as f:
        dumped = [json.loads(line) for line in f]
    assert sum(1 for x in dumped if x["table"] == "records") == counts["records"]
    assert not any(x["table"] == "alembic_version" for x in dumped)


def _village_at(engine, code: str) -> None:
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO villages (code, name, enrolled_at, last_seq, last_envelope_sha256, "
                             "last_log_seq, last_chain, last_import_at) VALUES (:c, '青山村', "
                             "'2026-01-05T08:00:00+00:00', 3, '', 40, :chain, NULL)"),
                     {"c": code, "chain": "00" * 32})


@contextmanager
def _empty_engine(backend: str, request, tmp_path, name: str):
    """An engine on an empty database of `backend`, disposed afterwards."""
    from cunwu.district.store import engine_for

    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'd.sqlite3'}"
    else:
        url = request.getfixturevalue("pg_server").create_database(name)
    engine = engine_for(url)
    try:
        yield engine
    finally:
        engine.dispose()


def _downgrade(engine, revision: str) -> None:
    from alembic import command

    from cunwu.store import schema as store_schema

    with engine.begin() as conn:
        command.downgrade(store_schema.alembic_config(migrate.MIGRATIONS, conn), revision)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_d0010_adds_the_villages_tls_pin_as_unknown_and_goes_back(backend, request, tmp_path):
    """A village enrolled before schema 10 gets no pin and no issue time (unknown, not 'none');
    going back to d0009 drops both and keeps the village."""
    with _empty_engine(backend, request, tmp_path, "d_tls_pin") as engine:
        migrate.upgrade(engine, "d0009")
        _village_at(engine, "330106001001")
        migrate.upgrade(engine)
        assert _versions(engine) == migrate.heads() and _tables_differ(engine) == []
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT code, last_seq, certificate_issued_at, tls_sha256 FROM villages")) \
                .all() == [("330106001001", 3, None, None)]
        _downgrade(engine, "d0009")
        with engine.connect() as conn:
            assert {c["name"] for c in sa.inspect(conn).get_columns("villages")}.isdisjoint(
                {"certificate_issued_at", "tls_sha256"})
            assert conn.execute(sa.text("SELECT code, last_seq FROM villages")).all() == [("330106001001", 3)]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_d0011_leaves_room_in_records_pages_on_postgresql_and_goes_back(backend, request, tmp_path):
    """PostgreSQL's records pages are half filled from schema 11 (a changed row stays in its page);
    SQLite has no such setting. Rows held before the upgrade stay as they were."""
    with _empty_engine(backend, request, tmp_path, "d_fillfactor") as engine:
        def options():
            if backend == "sqlite":
                return None
            with engine.connect() as conn:
                return conn.execute(sa.text("SELECT reloptions FROM pg_class WHERE relname = 'records'")).scalar()

        migrate.upgrade(engine, "d0010")
        with engine.begin() as conn:
            conn.execute(sa.text("INSERT INTO records VALUES ('330106001001', 'households', 'u1', 1, false, 1, '{}')"))
        assert options() is None
        migrate.upgrade(engine)
        assert _versions(engine) == migrate.heads() and _tables_differ(engine) == []
        assert options() == (None if backend == "sqlite" else ["fillfactor=50"])
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT uuid, row FROM records")).all() == [("u1", "{}")]
        _downgrade(engine, "d0010")
        assert options() is None

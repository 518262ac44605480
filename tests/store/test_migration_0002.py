"""The residents migration: tables exist, are guarded, and match the models."""

from sqlalchemy import inspect, text

from cunwu.store import guards
from cunwu.store.models import all_models, synced_models


def test_tables_match_models(store):
    insp = inspect(store.engine)
    tables = set(insp.get_table_names())
    for model in all_models():
        assert model.__tablename__ in tables
        cols = {c["name"] for c in insp.get_columns(model.__tablename__)}
        assert cols == {c.name for c in model.__table__.columns}, model.__tablename__
    with store.read() as s:
        triggers = {r[0] for r in s.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'"))}
    for model in synced_models():
        assert guards.trigger_names(model.__tablename__) <= triggers


def test_raw_writes_are_refused(store):
    import sqlite3

    conn = sqlite3.connect(store.paths.db)
    try:
        conn.execute("INSERT INTO households VALUES ('x', 1, '1', '', '', NULL, '', '2026-01-01')")
        raise AssertionError("unlogged write accepted")
    except sqlite3.IntegrityError as e:
        assert "E_STORE_UNLOGGED_WRITE" in str(e)
    finally:
        conn.close()

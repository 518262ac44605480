"""Schema upgrades: a database from the first release opens, after an automatic backup."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from cunwu.services.audit import verify
from cunwu.store import Store, schema

FIXTURES = Path(__file__).parent / "fixtures"


def test_revision_list_matches_alembic():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(schema.MIGRATIONS))
    script = ScriptDirectory.from_config(cfg)
    assert set(script.get_heads()) == schema.heads()
    assert {r.revision for r in script.walk_revisions()} == set(schema.revisions())


def test_database_made_at_first_revision_upgrades(data_dir):
    shutil.copyfile(FIXTURES / "rev0001.sqlite3", data_dir / "cunwu.sqlite3")
    with Store.open(data_dir) as store:
        village = store.village()
        assert (village.code, village.name) == ("330106001001", "青山村")
        assert verify(store)["audit_entries"] >= 1
        with sqlite3.connect(store.paths.db) as conn:
            assert schema.file_revisions(conn) == schema.heads()
    backups = list((data_dir / "backups").glob("auto-*"))
    if schema.heads() != {"0001"}:
        assert len(backups) == 1 and "before-upgrade-0001" in backups[0].name
        with sqlite3.connect(backups[0]) as conn:
            assert schema.file_revisions(conn) == {"0001"}


def test_every_revision_step_upgrades_from_the_first(tmp_path):
    """Each migration runs on a real file, one step at a time, and the guards survive."""
    from cunwu.store.store import _make_engine

    db = tmp_path / "cunwu.sqlite3"
    shutil.copyfile(FIXTURES / "rev0001.sqlite3", db)
    engine = _make_engine(db)
    for revision in schema.revisions()[1:]:
        schema.upgrade(engine, revision)
    engine.dispose()
    with sqlite3.connect(db) as conn:
        assert schema.file_revisions(conn) == schema.heads()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

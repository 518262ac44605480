"""Triggers that make the change log impossible to bypass, and the log itself append-only.

The unit of work appends the log entry first and then writes the row; each synced table
has AFTER triggers that abort any write whose row_version does not match the newest log
entry for that row. A raw INSERT/UPDATE/DELETE from anywhere else fails. Migrations that
create a synced table (or rebuild one in batch mode, which drops triggers) call
`install(op, table)`.
"""

from __future__ import annotations

APPEND_ONLY = ("change_log", "audit_log")


def _latest(table: str, ref: str) -> str:
    return (f"(SELECT {{col}} FROM change_log WHERE entity = '{table}' AND uuid = {ref}.uuid "
            f"ORDER BY log_seq DESC LIMIT 1)")


def guard_sql(table: str) -> list[str]:
    latest_new = _latest(table, "NEW")
    latest_old = _latest(table, "OLD")
    fail = "BEGIN SELECT RAISE(ABORT, 'E_STORE_UNLOGGED_WRITE {t}'); END".format(t=table)
    return [
        f"CREATE TRIGGER {table}__log_insert AFTER INSERT ON {table} "
        f"WHEN NEW.row_version IS NOT 1 "
        f"OR {latest_new.format(col='row_version')} IS NOT NEW.row_version "
        f"OR {latest_new.format(col='op')} IS NOT 'upsert' {fail}",
        f"CREATE TRIGGER {table}__log_update AFTER UPDATE ON {table} "
        f"WHEN NEW.uuid IS NOT OLD.uuid OR NEW.row_version IS NOT OLD.row_version + 1 "
        f"OR {latest_new.format(col='row_version')} IS NOT NEW.row_version "
        f"OR {latest_new.format(col='op')} IS NOT 'upsert' {fail}",
        f"CREATE TRIGGER {table}__log_delete AFTER DELETE ON {table} "
        f"WHEN {latest_old.format(col='row_version')} IS NOT OLD.row_version + 1 "
        f"OR {latest_old.format(col='op')} IS NOT 'delete' {fail}",
    ]


def drop_sql(table: str) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {table}__log_{w}" for w in ("insert", "update", "delete")]


def append_only_sql(table: str) -> list[str]:
    fail = "BEGIN SELECT RAISE(ABORT, 'E_STORE_APPEND_ONLY'); END"
    return [f"CREATE TRIGGER {table}__append_only_update BEFORE UPDATE ON {table} {fail}",
            f"CREATE TRIGGER {table}__append_only_delete BEFORE DELETE ON {table} {fail}"]


def create_record_table(op, name: str, *columns, synced: bool = True) -> None:
    """From a migration: a table of records (uuid + row_version, as store.tables.Record),
    guarded when it is synced."""
    import sqlalchemy as sa

    op.create_table(name, sa.Column("uuid", sa.String(36), primary_key=True),
                    sa.Column("row_version", sa.Integer, nullable=False), *columns)
    if synced:
        install(op, name)


def install(op, table: str) -> None:
    """From a migration: guard a synced table."""
    for sql in guard_sql(table):
        op.execute(sql)


def trigger_names(table: str) -> set[str]:
    return {f"{table}__log_{w}" for w in ("insert", "update", "delete")}

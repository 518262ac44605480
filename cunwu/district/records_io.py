"""A village's rows in the district's `records` at import: written in batches (an upsert
keyed on village, entity and uuid), and read back as the receipt's reconciliation.
"""

from __future__ import annotations

from itertools import chain
from operator import itemgetter

from cunwu.sync import bundle, documents


def values_of(village: str, ops: bundle.Ops) -> list[tuple]:
    """A bundle's rows as `upsert_rows` writes them (COLUMNS); within a bundle the last change
    of a row wins. (Sorting by key first was measured: it costs more than the B-tree saves.)"""
    values = [(village, op.entity, op.uuid, op.row_version, op.row is None, op.log_seq,
               "null" if op.row is None else str(op.row, "utf-8")) for op in ops.changes]
    if len({v[2] for v in values}) < len(values):  # a uuid twice: a row changed twice keeps its last change
        values = list({_KEY(v): v for v in values}.values())
    return values


_KEY = itemgetter(1, 2)


UPSERT_SET = ("ON CONFLICT (village, entity, uuid) DO UPDATE SET row_version = excluded.row_version, "
              "deleted = excluded.deleted, log_seq = excluded.log_seq, row = excluded.row "
              "WHERE excluded.row_version > records.row_version")
COLUMNS = "village, entity, uuid, row_version, deleted, log_seq, row"


def upsert_rows(conn, values: list[tuple]) -> int:
    """Keyed on (village, entity, uuid); a row changes only for a newer row_version. The
    number of rows written."""
    if not values:
        return 0
    if conn.dialect.name == "postgresql":
        return _upsert_pg(conn, values)
    cur = conn.connection.driver_connection.cursor()
    try:
        whole = len(values) - len(values) % BATCH
        changed = 0
        for start in range(0, whole, BATCH):
            cur.execute(_UPSERT_BATCH, list(chain.from_iterable(values[start:start + BATCH])))
            changed += cur.rowcount
        cur.executemany(_UPSERT_ONE, values[whole:])
        return changed + max(cur.rowcount, 0)
    finally:
        cur.close()


# SQLite: rows BATCH to a statement take a sixth less time than one statement per row (fewer
# steps and resets); 128 × 7 values stay under the 999 an older SQLite allows a statement.
BATCH = 128
_UPSERT_ONE = f"INSERT INTO records ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) {UPSERT_SET}"
_UPSERT_BATCH = f"INSERT INTO records ({COLUMNS}) VALUES {', '.join(['(?, ?, ?, ?, ?, ?, ?)'] * BATCH)} {UPSERT_SET}"


def _upsert_pg(conn, values: list[tuple]) -> int:
    """By COPY, PostgreSQL's fast path: straight into records when the village holds no rows,
    else into a temporary table and from there one INSERT (… ON CONFLICT when it holds any)."""
    raw = conn.connection.driver_connection
    with raw.cursor() as cur:
        # A village's first upload, its whole history and the largest bundle it sends, goes
        # straight into records: none of it can conflict, and a COPY into the table takes two
        # thirds of the time of a COPY into a temporary one and an INSERT from there. No other
        # import of this village can add a row meanwhile: the import holds the village's row lock.
        cur.execute(_VILLAGE_HELD, (values[0][0],))
        if not cur.fetchone()[0]:
            _copy(cur, "records", values)
            return len(values)
        cur.execute("CREATE TEMP TABLE IF NOT EXISTS incoming (village text, entity text, uuid text, "
                    "row_version integer, deleted boolean, log_seq integer, row text) ON COMMIT DELETE ROWS")
        cur.execute("TRUNCATE incoming")
        _copy(cur, "incoming", values)
        # Rows the district does not hold yet (new ledger entries and visits) go in by a plain
        # INSERT, a third quicker than ON CONFLICT's speculative insertion.
        cur.execute(_HELD)
        held = cur.fetchone()[0]
        cur.execute(f"INSERT INTO records ({COLUMNS}) SELECT {COLUMNS} FROM incoming {UPSERT_SET if held else ''}")
        return max(cur.rowcount, 0)


def _copy(cur, table: str, values: list[tuple]) -> None:
    with cur.copy(f"COPY {table} ({COLUMNS}) FROM STDIN") as copy:
        for v in values:
            copy.write_row(v)


_VILLAGE_HELD = "SELECT EXISTS (SELECT 1 FROM records WHERE village = %s)"
_HELD = ("SELECT EXISTS (SELECT 1 FROM incoming i JOIN records r ON r.village = i.village "
         "AND r.entity = i.entity AND r.uuid = i.uuid)")


# One row per entity, its lines joined by the database: one step instead of one per row, which
# is quicker (a third on SQLite) and leaves the GIL free while the database reads.
_LIVE = {"sqlite": "SELECT entity, count(*), group_concat(uuid || ':' || row_version, char(10)) "
                   "FROM records WHERE village = ? AND NOT deleted GROUP BY entity",
         "postgresql": "SELECT entity, count(*), string_agg(uuid || ':' || row_version, E'\\n') "
                       "FROM records WHERE village = %s AND NOT deleted GROUP BY entity"}


def reconciliation(conn, village: str, log_seq: int) -> dict:
    """What the receipt tells the village about the district's copy, read in the import's own
    transaction: as of log_seq, per entity, the count and digest of the village's live rows."""
    try:
        entities = documents.summarise_joined(_fetch(conn, _LIVE[conn.dialect.name], village))
    except ValueError:  # a uuid holding a newline, stored before rows were checked: row by row
        entities = documents.summarise(_fetch(conn, _LIVE_ROWS[conn.dialect.name], village))
    return {"log_seq": log_seq, "entities": entities}


_LIVE_ROWS = {name: f"SELECT entity, uuid, row_version FROM records WHERE village = {mark} AND NOT deleted"
              for name, mark in (("sqlite", "?"), ("postgresql", "%s"))}


def _fetch(conn, sql: str, village: str) -> list:
    cur = conn.connection.driver_connection.cursor()  # the driver's own: Core's rows cost more
    try:
        cur.execute(sql, (village,))
        return cur.fetchall()
    finally:
        cur.close()

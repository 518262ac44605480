"""A village's rows in the district's `records` at import: made ready to write where the bundle
is opened, written in batches (an upsert keyed on village, entity and uuid), and read back as
the receipt's reconciliation.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from operator import itemgetter

from cunwu.sync import bundle, documents


def values_of(village: str, ops: bundle.Ops) -> list[tuple]:
    """A bundle's rows as tuples of COLUMNS; within a bundle the last change of a row wins.
    (Sorting by key first was measured: it costs more than the B-tree saves.)"""
    values = [(village, op.entity, op.uuid, op.row_version, op.row is None, op.log_seq,
               "null" if op.row is None else str(op.row, "utf-8")) for op in ops.changes]
    if len({v[2] for v in values}) < len(values):  # a uuid twice: a row changed twice keeps its last change
        values = list({_KEY(v): v for v in values}.values())
    return values


_KEY = itemgetter(1, 2)


@dataclass
class Rows:
    """A bundle's rows ready for `upsert_rows`: the tuples for SQLite's statements; for
    PostgreSQL, COPY's text of them, made where the bundle is opened (in the helper process
    when there is one), which crosses from there as one bytes object, not 20,000 objects."""
    village: str
    count: int
    values: list[tuple]
    copy: bytes = b""


def ready(village: str, values: list[tuple], dialect: str) -> Rows:
    if dialect != "postgresql":
        return Rows(village, len(values), values)
    return Rows(village, len(values), [], copy_text(values))


def copy_text(values: list[tuple]) -> bytes:
    """COPY's text format (UTF-8, which the district's connections use): a line a row, fields
    split by tabs, and a backslash before the backslash, tab, CR and LF that would end a field or
    a line. No value is NULL, a row holds no NUL (the row checks refuse it), and the village,
    the entity and the uuid are plain (an enrolled code, a known entity, a checked UUID)."""
    return "".join([f"{v}\t{e}\t{u}\t{rv}\t{'t' if gone else 'f'}\t{seq}\t{_escaped(row)}\n"
                    for v, e, u, rv, gone, seq, row in values]).encode("utf-8")


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")


UPSERT_SET = ("ON CONFLICT (village, entity, uuid) DO UPDATE SET row_version = excluded.row_version, "
              "deleted = excluded.deleted, log_seq = excluded.log_seq, row = excluded.row "
              "WHERE excluded.row_version > records.row_version")
COLUMNS = "village, entity, uuid, row_version, deleted, log_seq, row"


def upsert_rows(conn, rows: Rows) -> int:
    """Keyed on (village, entity, uuid); a row changes only for a newer row_version. The
    number of rows written."""
    if not rows.count:
        return 0
    if conn.dialect.name == "postgresql":
        return _upsert_pg(conn, rows)
    values = rows.values
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


def _upsert_pg(conn, rows: Rows) -> int:
    """By COPY, PostgreSQL's fast path: straight into records when the village holds no rows,
    else into a temporary table, and from there an UPDATE of the rows held at an older version
    and an INSERT of those not held."""
    raw = conn.connection.driver_connection
    with raw.cursor() as cur:
        # A village's first upload, its whole history and the largest bundle it sends, goes
        # straight into records: none of it can conflict, and a COPY into the table takes two
        # thirds of the time of a COPY into a temporary one and an INSERT from there. No other
        # import of this village can add a row meanwhile: the import holds the village's row
        # lock, and only an import writes records.
        cur.execute(_VILLAGE_HELD, (rows.village,))
        if not cur.fetchone()[0]:
            _copy(cur, "records", rows.copy)
            return rows.count
        # Emptied at each commit, and a rollback takes its rows with it: never truncated here.
        cur.execute("CREATE TEMP TABLE IF NOT EXISTS incoming (village text, entity text, uuid text, "
                    "row_version integer, deleted boolean, log_seq integer, row text) ON COMMIT DELETE ROWS")
        _copy(cur, "incoming", rows.copy)
        # Rows held go by an UPDATE, a fifth quicker than ON CONFLICT's speculative insertion
        # (with records' pages half empty, d0011, the new version stays in the old one's page);
        # the rest by a plain INSERT. A bundle of changes to rows held has nothing left to
        # insert; one holding none of them (new ledger entries and visits) updates nothing.
        cur.execute(_HELD)
        if not cur.fetchone()[0]:
            cur.execute(_INSERT)
            return max(cur.rowcount, 0)
        cur.execute(_UPDATE, (rows.village,))
        written = max(cur.rowcount, 0)
        if written < rows.count:  # some rows not newer, or not held
            cur.execute(_INSERT + f" WHERE NOT EXISTS (SELECT 1 FROM records r WHERE {_MATCH})")
            written += max(cur.rowcount, 0)
        return written


def _copy(cur, table: str, text: bytes) -> None:
    with cur.copy(f"COPY {table} ({COLUMNS}) FROM STDIN") as copy:
        copy.write(text)


_VILLAGE_HELD = "SELECT EXISTS (SELECT 1 FROM records WHERE village = %s)"
_MATCH = "r.village = i.village AND r.entity = i.entity AND r.uuid = i.uuid"
_HELD = f"SELECT EXISTS (SELECT 1 FROM incoming i JOIN records r ON {_MATCH})"
# The village given as a constant too, though the join implies it: the planner then bounds the
# probes to that village's part of the key (measured a tenth quicker).
_UPDATE = ("UPDATE records r SET row_version = i.row_version, deleted = i.deleted, log_seq = i.log_seq, "
           f"row = i.row FROM incoming i WHERE r.village = %s AND {_MATCH} AND i.row_version > r.row_version")
_INSERT = f"INSERT INTO records ({COLUMNS}) SELECT {COLUMNS} FROM incoming i"


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

"""The points ledger (积分台账): booking entries together with the balances and period
totals kept beside it, corrections by reversal, balances, rankings and levels.

Every entry goes through `book`, inside the caller's unit of work, so the balance a
redemption checks is the one committed with the entries (the write lock is held from the
start of the transaction: BEGIN IMMEDIATE).
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import text
from sqlmodel import select

from cunwu import clock
from cunwu.domain import limits
from cunwu.domain.points import PointsEntry, PointsRedemptionLine, PointsGoods, level_for
from cunwu.domain.residents import Person
from cunwu.errors import CunwuError
from cunwu.services.points_settings import settings, settings_in

_UPSERT_BALANCE = text(
    "INSERT INTO points_balances (owner_kind, owner_uuid, balance, earned) "
    "VALUES (:kind, :owner, :points, :earned) ON CONFLICT (owner_kind, owner_uuid) DO UPDATE "
    "SET balance = balance + excluded.balance, earned = earned + excluded.earned")
_UPSERT_TOTAL = text(
    "INSERT INTO points_totals (owner_kind, period, owner_uuid, earned) "
    "VALUES (:kind, :period, :owner, :points) ON CONFLICT (owner_kind, period, owner_uuid) "
    "DO UPDATE SET earned = earned + excluded.earned")
_PERIOD = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")


def _rows(store, sql: str, params: tuple = ()) -> list[tuple]:
    """Plain tuples from the driver: tens of thousands of rows without a Row object each."""
    with store.read() as s:
        raw = s.connection().connection.driver_connection
        return raw.execute(sql, params).fetchall()


def owners(entry: PointsEntry) -> list[tuple[str, str]]:
    out = [("person", entry.person_uuid)]
    if entry.household_uuid:
        out.append(("household", entry.household_uuid))
    return out


def periods(day: dt.date) -> tuple[str, str]:
    return f"{day.year:04d}", f"{day.year:04d}-{day.month:02d}"


def book(uow, entry: PointsEntry) -> PointsEntry:
    """Append one entry and move the balances and totals it touches, in the same transaction."""
    book_many(uow, [entry])
    return entry


def book_many(uow, entries: list[PointsEntry]) -> None:
    """Append entries in bulk (one statement per table) with their balances and totals."""
    if not entries:
        return
    balances, totals = [], []
    for entry in entries:
        entry.entered_at = entry.entered_at or clock.now_utc()
        entry.entered_by = entry.entered_by or uow.actor.username
        for kind, owner in owners(entry):
            balances.append({"kind": kind, "owner": owner, "points": entry.points,
                             "earned": entry.points if entry.ranked else 0})
            if entry.ranked:
                totals += [{"kind": kind, "period": period, "owner": owner, "points": entry.points}
                           for period in periods(entry.dated)]
    uow.add_many(PointsEntry, entries)
    uow.session.execute(_UPSERT_BALANCE, balances)
    if totals:
        uow.session.execute(_UPSERT_TOTAL, totals)


def balance_in(session, kind: str, owner: str | None) -> int:
    """The balance as the ledger adds it up, not as points_balances keeps it: what a
    redemption or a correction spends must come from the guarded, append-only entries
    (an index on each owner column makes the sum a short range read)."""
    if not owner:
        return 0
    column = "household_uuid" if kind == "household" else "person_uuid"
    return session.execute(text(f"SELECT coalesce(sum(points), 0) FROM points_ledger "
                                f"WHERE {column} = :o"), {"o": owner}).scalar()


def scoring_owner(person: Person, scope: str) -> tuple[str, str | None]:
    """Whose balance counts for this person: theirs, or their household's."""
    if scope == "household":
        return "household", person.household_uuid
    return "person", person.uuid


# -- reading ------------------------------------------------------------------------

def balance(store, person_uuid: str, *, household: bool = False) -> int:
    """A person's (or, with household=True, a household's) balance."""
    person_uuid = limits.ref(person_uuid, "person_uuid")
    with store.read() as s:
        return balance_in(s, "household" if household else "person", person_uuid)


def _names(store, household: bool) -> dict[str, tuple[str, str]]:
    """uuid → (household number, name) of every person or household, in one scan: cheaper
    than a join that looks each of 30,000 owners up by key."""
    if household:
        sql = ("SELECT h.uuid, h.number, coalesce(p.name, '') FROM households h "
               "LEFT JOIN persons p ON p.uuid = h.head_uuid")
    else:
        sql = "SELECT uuid, '', name FROM persons"
    return {r[0]: (r[1], r[2]) for r in _rows(store, sql)}


def balances(store, *, household: bool = False) -> list[dict]:
    """Every balance: [{"person"|"household": uuid, "name", "balance"}], largest first
    (with "number", the 户号, for households)."""
    kind = "household" if household else "person"
    rows = _rows(store, "SELECT owner_uuid, balance FROM points_balances WHERE owner_kind = ? "
                        "ORDER BY balance DESC", (kind,))
    names = _names(store, household)
    out = []
    for owner, points in rows:
        number, name = names.get(owner, ("", ""))
        row = {kind: owner, "name": name, "balance": points}
        if household:
            row["number"] = number
        out.append(row)
    return out


def check_period(period: str) -> str:
    period = str(period or "").strip()
    if not _PERIOD.match(period):
        raise CunwuError("E_POINTS_PERIOD", value=period)
    return period


def ranking(store, period: str, *, household: bool = False, limit: int | None = None,
            levels: list[dict] | None = None) -> list[dict]:
    """Points earned in a year ('2026') or a month ('2026-03'), most first, with rank and,
    for a year, the level (星级文明户) reached. Equal points share a rank."""
    period = check_period(period)
    if levels is None:
        levels = settings(store).level_list()
    key = "household" if household else "person"
    sql = ("SELECT owner_uuid, earned FROM points_totals WHERE owner_kind = ? AND period = ? "
           "AND earned > 0 ORDER BY earned DESC")
    if limit:
        sql += f" LIMIT {int(limit)}"
    rows = _rows(store, sql, (key, period))
    names = _names(store, household)
    yearly = len(period) == 4
    level_of: dict[int, str] = {}
    out, rank, last = [], 0, None
    for i, (owner, points) in enumerate(rows, start=1):
        if points != last:
            rank, last = i, points
            if yearly:
                level_of.setdefault(points, level_for(points, levels))
        number, name = names.get(owner, ("", ""))
        row = {"rank": rank, key: owner, "name": name, "earned": points,
               "level": level_of.get(points, "")}
        if household:
            row["number"] = number
        out.append(row)
    return out


def ledger(store, *, person: str | None = None, household: str | None = None,
           limit: int | None = None, offset: int = 0) -> list[dict]:
    """Entries, newest first: for one person, one household, or everyone."""
    person, household = limits.ref(person, "person"), limits.ref(household, "household")
    where, params = [], []
    if person:
        where.append("l.person_uuid = ?")
        params.append(person)
    if household:
        where.append("l.household_uuid = ?")
        params.append(household)
    sql = ("SELECT l.uuid, l.person_uuid, p.name, l.household_uuid, l.kind, l.points, l.dated, "
           "l.reason, r.code, r.name, l.activity_uuid, l.redemption_uuid, l.reverses_uuid, "
           "(SELECT x.uuid FROM points_ledger x WHERE x.reverses_uuid = l.uuid), "
           "l.entered_at, l.entered_by "
           "FROM points_ledger l JOIN persons p ON p.uuid = l.person_uuid "
           "LEFT JOIN points_rules r ON r.uuid = l.rule_uuid "
           + ("WHERE " + " AND ".join(where) + " " if where else "")
           + "ORDER BY l.dated DESC, l.entered_at DESC, l.uuid")
    if limit:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    rows = _rows(store, sql, tuple(params))
    return [{"uuid": r[0], "person": r[1], "name": r[2], "household": r[3], "kind": r[4],
             "points": r[5], "dated": str(r[6]), "reason": r[7], "rule": r[8] or "",
             "rule_name": r[9] or "", "activity": r[10], "redemption": r[11],
             "reverses": r[12], "reversed_by": r[13], "entered_at": str(r[14]),
             "entered_by": r[15]} for r in rows]


# -- corrections --------------------------------------------------------------------

def reverse(store, actor, entry_uuid: str, reason: str) -> PointsEntry:
    """A correction: a new entry with the opposite points. A reversed redemption puts its
    goods back in stock. The old entry stays as it was."""
    entry_uuid = limits.ref(entry_uuid, "entry_uuid")
    reason = str(limits.field("reason", reason) or "").strip()
    if not reason:
        raise CunwuError("E_POINTS_REASON")
    with store.write(actor, "points.reverse") as uow:
        scope = settings_in(uow.session).scope
        old = uow.session.get(PointsEntry, entry_uuid)
        if old is None:
            raise CunwuError("E_POINTS_ENTRY_NOT_FOUND", ref=entry_uuid)
        if old.kind == "reversal":
            raise CunwuError("E_POINTS_REVERSE_REVERSAL")
        if uow.session.exec(select(PointsEntry).where(PointsEntry.reverses_uuid == old.uuid)).first():
            raise CunwuError("E_POINTS_ALREADY_REVERSED")
        if old.points > 0:
            kind, owner = ("household", old.household_uuid) if scope == "household" else (
                "person", old.person_uuid)
            have = balance_in(uow.session, kind, owner)
            if have < old.points:
                raise CunwuError("E_POINTS_BALANCE", balance=have, needed=old.points)
        if old.redemption_uuid:
            lines = uow.session.exec(select(PointsRedemptionLine).where(
                PointsRedemptionLine.redemption_uuid == old.redemption_uuid)).all()
            for line in lines:
                goods = uow.session.get(PointsGoods, line.goods_uuid)
                goods.stock += line.quantity
                uow.save(goods)
        entry = book(uow, PointsEntry(
            person_uuid=old.person_uuid, household_uuid=old.household_uuid, kind="reversal",
            points=-old.points, dated=old.dated, ranked=old.ranked, rule_uuid=old.rule_uuid,
            activity_uuid=old.activity_uuid, redemption_uuid=old.redemption_uuid,
            reverses_uuid=old.uuid, reason=reason, entered_at=clock.now_utc(),
            entered_by=actor.username))
        uow.set_target("points_ledger", entry.uuid)
        uow.detail = {"reverses": old.uuid, "points": entry.points}
    return entry


# -- the derived tables ---------------------------------------------------------------

def rebuild_totals(session) -> None:
    """Recompute balances and period totals from the ledger (after a bulk load, or if in doubt)."""
    conn = session.connection()
    conn.exec_driver_sql("DELETE FROM points_balances")
    conn.exec_driver_sql("DELETE FROM points_totals")
    for kind, col in (("person", "person_uuid"), ("household", "household_uuid")):
        conn.exec_driver_sql(
            f"INSERT INTO points_balances SELECT '{kind}', {col}, sum(points), "
            f"sum(CASE WHEN ranked THEN points ELSE 0 END) FROM points_ledger "
            f"WHERE {col} IS NOT NULL GROUP BY {col}")
        for expr in ("substr(dated, 1, 4)", "substr(dated, 1, 7)"):
            conn.exec_driver_sql(
                f"INSERT INTO points_totals SELECT '{kind}', {expr}, {col}, sum(points) "
                f"FROM points_ledger WHERE ranked AND {col} IS NOT NULL GROUP BY {expr}, {col}")


_HELD = ("SELECT owner_kind, owner_uuid, 'balance', balance FROM points_balances UNION ALL "
         "SELECT owner_kind, owner_uuid, 'earned', earned FROM points_balances UNION ALL "
         "SELECT owner_kind, owner_uuid, period, earned FROM points_totals")
_FROM_LEDGER = " UNION ALL ".join(
    f"SELECT '{kind}', {col}, {what}, sum({value}) FROM points_ledger "
    f"WHERE {col} IS NOT NULL{where} GROUP BY {col}, 3"
    for kind, col in (("person", "person_uuid"), ("household", "household_uuid"))
    for what, value, where in (("'balance'", "points", ""),
                               ("'earned'", "CASE WHEN ranked THEN points ELSE 0 END", ""),
                               ("substr(dated, 1, 4)", "points", " AND ranked"),
                               ("substr(dated, 1, 7)", "points", " AND ranked")))


def totals_not_matching(session) -> list[dict]:
    """Every balance, earned sum and period total kept beside the ledger that differs from
    what the ledger adds up to (or is kept for no entries, or missing):
    [{"kind", "owner", "what": "balance" | "earned" | "2026" | "2026-03", "held", "ledger"}],
    held or ledger None where there is no row."""
    raw = session.connection().connection.driver_connection
    held = {tuple(r[:3]): r[3] for r in raw.execute(_HELD)}
    ledger = {tuple(r[:3]): r[3] for r in raw.execute(_FROM_LEDGER)}
    keys = {k for k, v in held.items() if ledger.get(k) != v}
    keys |= {k for k, v in ledger.items() if held.get(k) != v}
    return [{"kind": k[0], "owner": k[1], "what": k[2], "held": held.get(k), "ledger": ledger.get(k)}
            for k in sorted(keys)]


def totals_differ(store) -> int:
    """How many kept balances and totals disagree with the ledger (0 when all is well)."""
    with store.read() as s:
        return len(totals_not_matching(s))

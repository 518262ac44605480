"""The points supermarket (积分超市): goods with a price and a stock, and redemption.

A redemption checks the balance and the stock inside its own write transaction, which
holds SQLite's write lock from the start (BEGIN IMMEDIATE): two redemptions at the same
moment, even from two programs, run one after the other, and the second sees the first.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import select

from cunwu import clock
from cunwu.domain import limits
from cunwu.domain.points import PointsEntry, PointsGoods, PointsRedemption, PointsRedemptionLine
from cunwu.domain.residents import GONE, Person
from cunwu.errors import CunwuError
from cunwu.services.points_ledger import balance_in, book, scoring_owner
from cunwu.services.points_settings import scope_in
from cunwu.services.residents import find_person


def _whole(value, code: str, low: int) -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise CunwuError(code, value=str(value)) from None
    if number < low:
        raise CunwuError(code, value=str(value))
    return number


def add_goods(store, actor, *, name: str, price, stock) -> PointsGoods:
    name, price, stock = limits.fields(name=name, price=price, stock=stock).values()
    name = str(name or "").strip()
    if not name:
        raise CunwuError("E_POINTS_GOODS_NAME")
    price = _whole(price, "E_POINTS_PRICE", 1)
    stock = _whole(stock, "E_POINTS_STOCK_VALUE", 0)
    with store.write(actor, "points.goods.add") as uow:
        if uow.session.exec(select(PointsGoods).where(PointsGoods.name == name)).first():
            raise CunwuError("E_POINTS_GOODS_EXISTS", name=name)
        goods = uow.add(PointsGoods(name=name, price=price, stock=stock, created_at=clock.now_utc()))
        uow.detail = {"name": name, "price": price, "stock": stock}
    return goods


def update_goods(store, actor, ref: str, *, price=None, add_stock=None, active=None) -> PointsGoods:
    """Change the price, take in new stock, or take goods off the shelf."""
    with store.write(actor, "points.goods.edit") as uow:
        goods = find_goods(uow.session, ref)
        if price is not None:
            goods.price = _whole(price, "E_POINTS_PRICE", 1)
        if add_stock is not None:
            goods.stock += _whole(add_stock, "E_POINTS_STOCK_VALUE", 0)
        if active is not None:
            goods.active = bool(active)
        uow.save(goods)
        uow.detail = {"name": goods.name, "price": goods.price, "stock": goods.stock}
    return goods


def find_goods(session, ref: str) -> PointsGoods:
    ref = limits.ref(ref, "goods")
    goods = session.exec(select(PointsGoods).where(PointsGoods.name == ref)).first()
    if goods is None and len(ref) == 36:
        goods = session.get(PointsGoods, ref)
    if goods is None:
        raise CunwuError("E_POINTS_GOODS_NOT_FOUND", ref=ref)
    return goods


def goods_list(store, *, all_goods: bool = False) -> list[PointsGoods]:
    with store.read() as s:
        q = select(PointsGoods).order_by(PointsGoods.price, PointsGoods.name)
        if not all_goods:
            q = q.where(PointsGoods.active == True)  # noqa: E712 (SQL, not Python)
        return list(s.exec(q))


def redeem(store, actor, person_ref: str, lines: list[tuple[str, int]]) -> PointsRedemption:
    """Take goods against points: the balance and the stock go down together, or nothing
    happens. `lines` is [(goods name or UUID, quantity)]."""
    lines = limits.check(lines, "lines")
    wanted = [(ref, _whole(qty, "E_POINTS_QUANTITY", 1)) for ref, qty in lines]
    if not wanted:
        raise CunwuError("E_POINTS_NO_GOODS")
    today = clock.today()
    with store.write(actor, "points.redeem") as uow:
        s = uow.session
        scope = scope_in(s)
        person = find_person(s, str(person_ref or "").strip())
        if person.status in GONE:
            raise CunwuError("E_POINTS_PERSON_GONE", name=person.name)
        kind, owner = scoring_owner(person, scope)
        if owner is None:
            raise CunwuError("E_POINTS_NO_HOUSEHOLD", name=person.name)
        picked: dict[str, list] = {}
        for ref, qty in wanted:
            goods = find_goods(s, ref)
            if not goods.active:
                raise CunwuError("E_POINTS_GOODS_NOT_FOUND", ref=ref)
            picked.setdefault(goods.uuid, [goods, 0])[1] += qty
        for goods, qty in picked.values():
            if goods.stock < qty:
                raise CunwuError("E_POINTS_STOCK", goods=goods.name, stock=goods.stock, needed=qty)
        total = sum(goods.price * qty for goods, qty in picked.values())
        have = balance_in(s, kind, owner)
        if have < total:
            raise CunwuError("E_POINTS_BALANCE", balance=have, needed=total)
        # Bulk inserts through Core (add_many) rather than ORM flushes: a redemption is
        # the counter's busiest write and has a 20 ms budget.
        redemption = PointsRedemption(
            number=_next_number(s, today.year), person_uuid=person.uuid,
            household_uuid=person.household_uuid, redeemed_on=today, total=total,
            balance_after=have - total, entered_by=actor.username, entered_at=clock.now_utc())
        uow.add_many(PointsRedemption, [redemption])
        lines = []
        for goods, qty in picked.values():
            goods.stock -= qty
            uow.save(goods)
            lines.append(PointsRedemptionLine(redemption_uuid=redemption.uuid, goods_uuid=goods.uuid,
                                              goods_name=goods.name, quantity=qty, price=goods.price))
        uow.add_many(PointsRedemptionLine, lines)
        names = "、".join(f"{g.name}×{q}" for g, q in picked.values())
        book(uow, PointsEntry(
            person_uuid=person.uuid, household_uuid=person.household_uuid, kind="redeem",
            points=-total, dated=today, ranked=False, redemption_uuid=redemption.uuid,
            reason=f"积分超市兑换 {redemption.number}：{names}", entered_at=clock.now_utc(),
            entered_by=actor.username))
        uow.set_target("points_redemptions", redemption.uuid)
        uow.detail = {"number": redemption.number, "total": total}
    return redemption


def _next_number(session, year: int) -> str:
    # A range rather than LIKE, so that the unique index on number answers it.
    last = session.execute(text("SELECT max(number) FROM points_redemptions WHERE number >= :a "
                                "AND number < :b"), {"a": f"{year}-", "b": f"{year}."}).scalar()
    n = int(last.split("-")[1]) + 1 if last else 1
    return f"{year}-{n:05d}"


def redemption(store, ref: str) -> dict:
    """A redemption as its receipt shows it."""
    ref = limits.ref(ref, "ref")
    with store.read() as s:
        r = s.get(PointsRedemption, ref) or s.exec(
            select(PointsRedemption).where(PointsRedemption.number == ref)).first()
        if r is None:
            raise CunwuError("E_POINTS_ENTRY_NOT_FOUND", ref=ref)
        person = s.get(Person, r.person_uuid)
        lines = s.exec(select(PointsRedemptionLine).where(
            PointsRedemptionLine.redemption_uuid == r.uuid)).all()
        entry = s.exec(select(PointsEntry).where(PointsEntry.redemption_uuid == r.uuid,
                                                 PointsEntry.kind == "redeem")).first()
        reversed_ = bool(entry and s.exec(select(PointsEntry).where(
            PointsEntry.reverses_uuid == entry.uuid)).first())
    return {"uuid": r.uuid, "number": r.number, "person": r.person_uuid, "name": person.name,
            "household": r.household_uuid, "redeemed_on": r.redeemed_on.isoformat(),
            "total": r.total, "balance_after": r.balance_after, "entered_by": r.entered_by,
            "reversed": reversed_,
            "lines": [{"goods": ln.goods_name, "quantity": ln.quantity, "price": ln.price,
                       "points": ln.quantity * ln.price} for ln in lines]}

"""`cunwu points …` (continued): the ledger and its corrections, balances and rankings, the
village's points settings, the points supermarket (goods, redemption, receipts)."""

from __future__ import annotations

import json

from cunwu.cli.common import read_json, table
from cunwu.i18n import _


def register(s, common) -> None:
    """Add these actions to `cunwu points` (its sub-parsers s)."""
    p = s.add_parser("ledger", parents=[common], help=_("ledger entries, newest first"))
    p.add_argument("--person", metavar="UUID")
    p.add_argument("--household", metavar="UUID")
    p.add_argument("--limit", type=int)
    p.set_defaults(handler=ledger)
    p = s.add_parser("reverse", parents=[common], help=_("correct a ledger entry with a reversing entry"))
    p.add_argument("entry", metavar="ENTRY_UUID")
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=reverse)
    p = s.add_parser("balances", parents=[common], help=_("balance per person (or household)"))
    p.add_argument("--household", action="store_true")
    p.set_defaults(handler=balances)
    p = s.add_parser("ranking", parents=[common], help=_("points earned in a year or a month, most first"))
    p.add_argument("--period", required=True, metavar="2026|2026-03")
    p.add_argument("--household", action="store_true")
    p.add_argument("--limit", type=int)
    p.set_defaults(handler=ranking)
    p = s.add_parser("settings", parents=[common], help=_("show or change the village's points settings"))
    p.add_argument("--scope", choices=("person", "household"))
    p.add_argument("--publish-days", type=int)
    p.add_argument("--levels", metavar="FILE.json", help=_('[{"name": "五星级文明户", "min": 200}, …]'))
    p.set_defaults(handler=settings)

    goods = s.add_parser("goods", parents=[common], help=_("goods of the points supermarket"))
    gs = goods.add_subparsers(dest="goods_command", metavar=_("ACTION"), required=True)
    p = gs.add_parser("add", parents=[common], help=_("new goods"))
    p.add_argument("--name", required=True)
    p.add_argument("--price", required=True)
    p.add_argument("--stock", required=True)
    p.set_defaults(handler=goods_add)
    p = gs.add_parser("restock", parents=[common], help=_("take in stock or change the price"))
    p.add_argument("--name", required=True)
    p.add_argument("--add", default=None)
    p.add_argument("--price", default=None)
    p.set_defaults(handler=goods_restock)
    p = gs.add_parser("list", parents=[common], help=_("goods on the shelf"))
    p.set_defaults(handler=goods_list)
    p = s.add_parser("redeem", parents=[common], help=_("redeem points for goods"))
    p.add_argument("--person", required=True, help=_("UUID or ID number"))
    p.add_argument("--goods", required=True, metavar="NAME")
    p.add_argument("--qty", required=True)
    p.add_argument("--receipt", metavar="F.pdf", help=_("also print the receipt"))
    p.set_defaults(handler=redeem)
    p = s.add_parser("receipt", parents=[common], help=_("print the receipt of a redemption"))
    p.add_argument("ref", metavar="UUID|NUMBER")
    p.add_argument("--out", required=True, metavar="F.pdf")
    p.set_defaults(handler=receipt)



# -- ledger ---------------------------------------------------------------------------------

def ledger(ctx) -> int:
    from cunwu.services.points_ledger import ledger as entries

    return ctx.run(lambda store, actor: entries(store, person=ctx.args.person,
                                                household=ctx.args.household, limit=ctx.args.limit),
                   lambda data: table([[e["dated"], e["name"], e["kind"], e["points"], e["reason"]]
                                       for e in data],
                                      [_("date"), _("name"), _("kind"), _("points"), _("reason")]),
                   login=True)


def reverse(ctx) -> int:
    from cunwu.services.points_ledger import reverse as do

    return ctx.run(lambda store, actor: do(store, actor, ctx.args.entry, ctx.args.reason),
                   lambda e: e.uuid,
                   data=lambda e: {"uuid": e.uuid, "reverses": e.reverses_uuid, "points": e.points},
                   write=True)


def balances(ctx) -> int:
    from cunwu.services.points_ledger import balances as rows

    def shown(data):
        if ctx.args.household:
            return table([[r.get("number", ""), r["name"], r["balance"]] for r in data],
                         [_("household"), _("head"), _("balance")])
        return table([[r["name"], r["balance"]] for r in data], [_("name"), _("balance")])

    return ctx.run(lambda store, actor: rows(store, household=ctx.args.household), shown, login=True)


def ranking(ctx) -> int:
    from cunwu.services.points_ledger import ranking as rows

    return ctx.run(lambda store, actor: rows(store, ctx.args.period, household=ctx.args.household,
                                             limit=ctx.args.limit),
                   lambda data: table([[r["rank"], r.get("number", ""), r["name"], r["earned"], r["level"]]
                                       for r in data],
                                      [_("rank"), _("household"), _("name"), _("points"), _("level")]),
                   login=True)


def settings(ctx) -> int:
    from cunwu.services.points_settings import settings as current
    from cunwu.services.points_settings import update_settings

    a = ctx.args
    changes = bool(a.scope or a.publish_days is not None or a.levels)

    def work(store, actor=None):  # only a change logs in
        if changes:
            update_settings(store, actor, scope=a.scope, publish_days=a.publish_days,
                            levels=read_json(a.levels, "E_POINTS_INPUT") if a.levels else None)
        row = current(store)
        return {"scope": row.scope, "publish_days": row.publish_days, "levels": row.level_list()}

    return ctx.run(work, lambda data: json.dumps(data, ensure_ascii=False, indent=2), write=changes)


# -- supermarket ---------------------------------------------------------------------------

def _goods(g) -> dict:
    return {"uuid": g.uuid, "name": g.name, "price": g.price, "stock": g.stock, "active": g.active}


def goods_add(ctx) -> int:
    from cunwu.services.points_shop import add_goods

    return ctx.run(lambda store, actor: add_goods(store, actor, name=ctx.args.name, price=ctx.args.price,
                                                  stock=ctx.args.stock),
                   lambda g: g.uuid, data=_goods, write=True)


def goods_restock(ctx) -> int:
    from cunwu.services.points_shop import update_goods

    return ctx.run(lambda store, actor: update_goods(store, actor, ctx.args.name, add_stock=ctx.args.add,
                                                     price=ctx.args.price),
                   lambda g: _("{name}: {stock} in stock at {price} points.").format(
                       name=g.name, stock=g.stock, price=g.price),
                   data=_goods, write=True)


def goods_list(ctx) -> int:
    from cunwu.services.points_shop import goods_list as rows

    return ctx.run(lambda store: [_goods(g) for g in rows(store)],
                   lambda data: table([[g["name"], g["price"], g["stock"]] for g in data],
                                      [_("goods"), _("price"), _("stock")]))


def redeem(ctx) -> int:
    from cunwu.services.points_shop import redeem as do
    from cunwu.services.points_shop import redemption

    def work(store, actor):
        r = do(store, actor, ctx.args.person, [(ctx.args.goods, ctx.args.qty)])
        if ctx.args.receipt:
            from cunwu.services.points_print import receipt as print_receipt

            print_receipt(store, r.uuid, ctx.args.receipt)
        return redemption(store, r.uuid)

    return ctx.run(work, lambda data: _("Receipt {number}: {total} points; balance now {balance}.").format(
        number=data["number"], total=data["total"], balance=data["balance_after"]), write=True)


def receipt(ctx) -> int:
    from cunwu.services.points_print import receipt as print_receipt

    return ctx.run(lambda store: print_receipt(store, ctx.args.ref, ctx.args.out), ctx.args.out,
                   data=lambda _result: {"out": ctx.args.out})

"""`cunwu points …`: the rule catalogue, activities and their approval, 公示 and posting,
the ledger and corrections, balances and rankings, the points supermarket."""

from __future__ import annotations

import json
from pathlib import Path

from cunwu.cli.common import table
from cunwu.errors import CunwuError
from cunwu.i18n import _


def register(sub, common) -> None:
    pts = sub.add_parser("points", parents=[common], help=_("volunteer points and the points supermarket"))
    s = pts.add_subparsers(dest="points_command", metavar=_("ACTION"), required=True)

    rules = s.add_parser("rules", parents=[common], help=_("the rule catalogue"))
    rs = rules.add_subparsers(dest="rules_command", metavar=_("ACTION"), required=True)
    p = rs.add_parser("add", parents=[common], help=_("add rules or new versions from a JSON file"))
    p.add_argument("file", metavar="FILE.json")
    p.set_defaults(handler=rules_add)
    p = rs.add_parser("list", parents=[common], help=_("every version of every rule"))
    p.add_argument("--on", metavar="DATE", help=_("only the versions in force on this day"))
    p.set_defaults(handler=rules_list)
    p = rs.add_parser("retire", parents=[common], help=_("a rule stops applying after a day"))
    p.add_argument("code")
    p.add_argument("--last-day", required=True, metavar="DATE")
    p.set_defaults(handler=rules_retire)

    act = s.add_parser("activity", parents=[common], help=_("activities and their sign-in lists"))
    acs = act.add_subparsers(dest="activity_command", metavar=_("ACTION"), required=True)
    p = acs.add_parser("add", parents=[common], help=_("an activity from a JSON file; prints its UUID"))
    p.add_argument("file", metavar="FILE.json")
    p.set_defaults(handler=activity_add)
    p = acs.add_parser("list", parents=[common], help=_("activities, newest first"))
    p.add_argument("--state", choices=("entered", "approved", "published", "posted"))
    p.set_defaults(handler=activity_list)
    p = acs.add_parser("show", parents=[common], help=_("one activity with its participants"))
    p.add_argument("uuid")
    p.set_defaults(handler=activity_show)

    p = s.add_parser("approve", parents=[common], help=_("approve entered points (not by the user who entered them)"))
    p.add_argument("uuid")
    p.set_defaults(handler=approve)
    p = s.add_parser("publish", parents=[common], help=_("start the public display (积分公示)"))
    p.add_argument("uuid")
    p.add_argument("--days", type=int, help=_("days on display (default: the village setting)"))
    p.add_argument("--out", metavar="F.pdf", help=_("also print the display list"))
    p.set_defaults(handler=publish)
    p = s.add_parser("post", parents=[common], help=_("post approved, displayed points to the ledger"))
    p.add_argument("uuid")
    p.set_defaults(handler=post)
    p = s.add_parser("print-list", parents=[common], help=_("print the 积分公示 list of an activity"))
    p.add_argument("uuid")
    p.add_argument("--out", required=True, metavar="F.pdf")
    p.set_defaults(handler=print_list)
    p = s.add_parser("object", parents=[common], help=_("record an objection to a participant's points"))
    p.add_argument("participant", metavar="PARTICIPANT_UUID")
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=object_)
    p = s.add_parser("resolve", parents=[common], help=_("answer an objection"))
    p.add_argument("participant", metavar="PARTICIPANT_UUID")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--uphold", action="store_true", help=_("the points are not posted"))
    g.add_argument("--dismiss", action="store_true", help=_("the points are posted"))
    p.add_argument("--answer", required=True)
    p.set_defaults(handler=resolve)

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


def _load(path: str):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as e:
        raise CunwuError("E_POINTS_INPUT", detail=f"{path}: {e.strerror}") from e
    except ValueError as e:
        raise CunwuError("E_POINTS_INPUT", detail=f"{path}: {e}") from e


def _object(data, *keys) -> dict:
    if not isinstance(data, dict):
        raise CunwuError("E_POINTS_INPUT", detail=_("a JSON object is expected"))
    missing = [k for k in keys if k not in data]
    if missing:
        raise CunwuError("E_POINTS_INPUT", detail=_("missing {keys}").format(keys=", ".join(missing)))
    return data


# -- rules ------------------------------------------------------------------------------

def rules_add(ctx) -> int:
    from cunwu.services.points_rules import add_rules

    data = _object(_load(ctx.args.file), "rules", "effective_from")
    if not isinstance(data["rules"], list):
        raise CunwuError("E_POINTS_INPUT", detail="rules")
    with ctx.open_store() as store:
        added = add_rules(store, ctx.actor(store), data["rules"], data["effective_from"],
                          approved_by_meeting=data.get("approved_by_meeting"))
    ctx.emit([_rule(r) for r in added],
             [_("Rule {code} version {version} from {start}.").format(
                 code=r.code, version=r.version, start=r.effective_from) for r in added])
    return 0


def _rule(r) -> dict:
    return {"uuid": r.uuid, "code": r.code, "version": r.version, "name": r.name,
            "points": r.points, "unit": r.unit, "effective_from": r.effective_from.isoformat(),
            "effective_to": r.effective_to.isoformat() if r.effective_to else None,
            "approved_by_meeting": r.approved_by_meeting}


def rules_list(ctx) -> int:
    from cunwu.services.points_rules import rules

    with ctx.open_store() as store:
        found = rules(store, on=ctx.args.on)
    data = [_rule(r) for r in found]
    ctx.emit(data, table([[r["code"], r["version"], r["name"], r["points"], r["unit"],
                           r["effective_from"], r["effective_to"] or ""] for r in data],
                         [_("code"), _("version"), _("name"), _("points"), _("unit"), _("from"), _("to")]))
    return 0


def rules_retire(ctx) -> int:
    from cunwu.services.points_rules import retire_rule

    with ctx.open_store() as store:
        rule = retire_rule(store, ctx.actor(store), ctx.args.code, ctx.args.last_day)
    ctx.emit(_rule(rule), _("Rule {code} applies until {day}.").format(code=rule.code, day=rule.effective_to))
    return 0


# -- activities ---------------------------------------------------------------------------

def activity_add(ctx) -> int:
    from cunwu.services.points import add_activity

    data = _object(_load(ctx.args.file), "title", "date", "rule", "participants")
    if not isinstance(data["participants"], list):
        raise CunwuError("E_POINTS_INPUT", detail="participants")
    with ctx.open_store() as store:
        activity = add_activity(store, ctx.actor(store), title=data["title"], held_on=data["date"],
                                rule=data["rule"], participants=data["participants"],
                                place=data.get("place", ""), organiser=data.get("organiser", ""),
                                notes=data.get("notes", ""))
    ctx.emit({"uuid": activity.uuid}, activity.uuid)
    return 0


def activity_list(ctx) -> int:
    from cunwu.services.points import activities

    with ctx.open_store() as store:
        data = activities(store, state=ctx.args.state)
    ctx.emit(data, table([[a["uuid"][:8], a["held_on"], a["title"], a["rule"], a["participants"],
                           a["points"], a["state"]] for a in data],
                         ["uuid", _("date"), _("title"), _("rule"), _("people"), _("points"), _("state")]))
    return 0


def activity_show(ctx) -> int:
    from cunwu.services.points import activity

    with ctx.open_store() as store:
        data = activity(store, ctx.args.uuid)
    from cunwu.domain.idnumbers import mask as mask_id

    for p in data["people"]:
        p["id_number"] = mask_id(p["id_number"]) if p["id_number"] else None
    ctx.emit(data, [f"{data['title']}  {data['held_on']}  {data['rule_name']}  {data['state']}"]
             + table([[p["uuid"][:8], p["name"], p["quantity"], p["points"], p["state"], p["objection"]]
                      for p in data["people"]],
                     ["uuid", _("name"), _("quantity"), _("points"), _("state"), _("objection")]))
    return 0


def approve(ctx) -> int:
    from cunwu.services.points import approve as do

    with ctx.open_store() as store:
        a = do(store, ctx.actor(store), ctx.args.uuid)
    ctx.emit({"uuid": a.uuid, "state": a.state, "approved_by": a.approved_by},
             _("Approved by {user}.").format(user=a.approved_by))
    return 0


def publish(ctx) -> int:
    from cunwu.services.points import publish as do

    with ctx.open_store() as store:
        a = do(store, ctx.actor(store), ctx.args.uuid, days=ctx.args.days)
        if ctx.args.out:
            from cunwu.services.points_print import publicity_list

            publicity_list(store, a.uuid, ctx.args.out)
    ends = a.publicity_ends()
    ctx.emit({"uuid": a.uuid, "state": a.state, "published_on": a.published_on.isoformat(),
              "publicity_ends": ends.isoformat()},
             _("On public display until {day}.").format(day=ends))
    return 0


def post(ctx) -> int:
    from cunwu.services.points import post as do

    with ctx.open_store() as store:
        n = do(store, ctx.actor(store), ctx.args.uuid)
    ctx.emit({"uuid": ctx.args.uuid, "posted": n}, _("{n} entries posted.").format(n=n))
    return 0


def print_list(ctx) -> int:
    from cunwu.services.points_print import publicity_list

    with ctx.open_store() as store:
        publicity_list(store, ctx.args.uuid, ctx.args.out)
    ctx.emit({"out": ctx.args.out}, ctx.args.out)
    return 0


def object_(ctx) -> int:
    from cunwu.services.points import object_to

    with ctx.open_store() as store:
        row = object_to(store, ctx.actor(store), ctx.args.participant, ctx.args.reason)
    ctx.emit({"uuid": row.uuid, "state": row.state}, _("The points are held back."))
    return 0


def resolve(ctx) -> int:
    from cunwu.services.points import resolve as do

    with ctx.open_store() as store:
        row = do(store, ctx.actor(store), ctx.args.participant, uphold=ctx.args.uphold,
                 answer=ctx.args.answer)
    ctx.emit({"uuid": row.uuid, "state": row.state}, row.state)
    return 0


# -- ledger ---------------------------------------------------------------------------------

def ledger(ctx) -> int:
    from cunwu.services.points_ledger import ledger as entries

    with ctx.open_store() as store:
        data = entries(store, person=ctx.args.person, household=ctx.args.household,
                       limit=ctx.args.limit)
    ctx.emit(data, table([[e["dated"], e["name"], e["kind"], e["points"], e["reason"]] for e in data],
                         [_("date"), _("name"), _("kind"), _("points"), _("reason")]))
    return 0


def reverse(ctx) -> int:
    from cunwu.services.points_ledger import reverse as do

    with ctx.open_store() as store:
        e = do(store, ctx.actor(store), ctx.args.entry, ctx.args.reason)
    ctx.emit({"uuid": e.uuid, "reverses": e.reverses_uuid, "points": e.points}, e.uuid)
    return 0


def balances(ctx) -> int:
    from cunwu.services.points_ledger import balances as rows

    with ctx.open_store() as store:
        data = rows(store, household=ctx.args.household)
    ctx.emit(data, table([[r.get("number", ""), r["name"], r["balance"]] for r in data]
                         if ctx.args.household else [[r["name"], r["balance"]] for r in data],
                         [_("household"), _("head"), _("balance")] if ctx.args.household
                         else [_("name"), _("balance")]))
    return 0


def ranking(ctx) -> int:
    from cunwu.services.points_ledger import ranking as rows

    with ctx.open_store() as store:
        data = rows(store, ctx.args.period, household=ctx.args.household, limit=ctx.args.limit)
    ctx.emit(data, table([[r["rank"], r.get("number", ""), r["name"], r["earned"], r["level"]]
                          for r in data],
                         [_("rank"), _("household"), _("name"), _("points"), _("level")]))
    return 0


def settings(ctx) -> int:
    from cunwu.services.points_settings import settings as current
    from cunwu.services.points_settings import update_settings

    with ctx.open_store() as store:
        a = ctx.args
        if a.scope or a.publish_days is not None or a.levels:
            update_settings(store, ctx.actor(store), scope=a.scope, publish_days=a.publish_days,
                            levels=_load(a.levels) if a.levels else None)
        row = current(store)
    data = {"scope": row.scope, "publish_days": row.publish_days, "levels": row.level_list()}
    ctx.emit(data, json.dumps(data, ensure_ascii=False, indent=2))
    return 0


# -- supermarket ---------------------------------------------------------------------------

def _goods(g) -> dict:
    return {"uuid": g.uuid, "name": g.name, "price": g.price, "stock": g.stock, "active": g.active}


def goods_add(ctx) -> int:
    from cunwu.services.points_shop import add_goods

    with ctx.open_store() as store:
        g = add_goods(store, ctx.actor(store), name=ctx.args.name, price=ctx.args.price,
                      stock=ctx.args.stock)
    ctx.emit(_goods(g), g.uuid)
    return 0


def goods_restock(ctx) -> int:
    from cunwu.services.points_shop import update_goods

    with ctx.open_store() as store:
        g = update_goods(store, ctx.actor(store), ctx.args.name, add_stock=ctx.args.add,
                         price=ctx.args.price)
    ctx.emit(_goods(g), _("{name}: {stock} in stock at {price} points.").format(
        name=g.name, stock=g.stock, price=g.price))
    return 0


def goods_list(ctx) -> int:
    from cunwu.services.points_shop import goods_list as rows

    with ctx.open_store() as store:
        data = [_goods(g) for g in rows(store)]
    ctx.emit(data, table([[g["name"], g["price"], g["stock"]] for g in data],
                         [_("goods"), _("price"), _("stock")]))
    return 0


def redeem(ctx) -> int:
    from cunwu.services.points_shop import redeem as do
    from cunwu.services.points_shop import redemption

    with ctx.open_store() as store:
        r = do(store, ctx.actor(store), ctx.args.person, [(ctx.args.goods, ctx.args.qty)])
        if ctx.args.receipt:
            from cunwu.services.points_print import receipt as print_receipt

            print_receipt(store, r.uuid, ctx.args.receipt)
        data = redemption(store, r.uuid)
    ctx.emit(data, _("Receipt {number}: {total} points; balance now {balance}.").format(
        number=r.number, total=r.total, balance=r.balance_after))
    return 0


def receipt(ctx) -> int:
    from cunwu.services.points_print import receipt as print_receipt

    with ctx.open_store() as store:
        print_receipt(store, ctx.args.ref, ctx.args.out)
    ctx.emit({"out": ctx.args.out}, ctx.args.out)
    return 0

"""`cunwu points …`: the rule catalogue, activities and their approval, 公示, posting and
objections; the ledger, balances and the supermarket are in cli/points_ledger."""

from __future__ import annotations

from cunwu.cli import points_ledger
from cunwu.cli.common import read_json, table
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
    p = s.add_parser("reject", parents=[common], help=_(
        "refuse entered points with a reason (驳回); the one who entered them may enter them again"))
    p.add_argument("uuid")
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=reject)
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

    points_ledger.register(s, common)


def _load(path: str):
    return read_json(path, "E_POINTS_INPUT")


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
    return ctx.run(lambda store, actor: add_rules(store, actor, data["rules"], data["effective_from"],
                                                  approved_by_meeting=data.get("approved_by_meeting")),
                   lambda added: [_("Rule {code} version {version} from {start}.").format(
                       code=r.code, version=r.version, start=r.effective_from) for r in added],
                   data=lambda added: [_rule(r) for r in added], write=True)


def _rule(r) -> dict:
    return {"uuid": r.uuid, "code": r.code, "version": r.version, "name": r.name,
            "points": r.points, "unit": r.unit, "effective_from": r.effective_from.isoformat(),
            "effective_to": r.effective_to.isoformat() if r.effective_to else None,
            "approved_by_meeting": r.approved_by_meeting}


def rules_list(ctx) -> int:
    from cunwu.services.points_rules import rules

    def shown(data):
        return table([[r["code"], r["version"], r["name"], r["points"], r["unit"],
                       r["effective_from"], r["effective_to"] or ""] for r in data],
                     [_("code"), _("version"), _("name"), _("points"), _("unit"), _("from"), _("to")])

    return ctx.run(lambda store: [_rule(r) for r in rules(store, on=ctx.args.on)], shown)


def rules_retire(ctx) -> int:
    from cunwu.services.points_rules import retire_rule

    return ctx.run(lambda store, actor: retire_rule(store, actor, ctx.args.code, ctx.args.last_day),
                   lambda rule: _("Rule {code} applies until {day}.").format(code=rule.code,
                                                                              day=rule.effective_to),
                   data=_rule, write=True)


# -- activities ---------------------------------------------------------------------------

def activity_add(ctx) -> int:
    from cunwu.services.points import add_activity

    data = _object(_load(ctx.args.file), "title", "date", "rule", "participants")
    if not isinstance(data["participants"], list):
        raise CunwuError("E_POINTS_INPUT", detail="participants")
    return ctx.run(lambda store, actor: add_activity(
        store, actor, title=data["title"], held_on=data["date"], rule=data["rule"],
        participants=data["participants"], place=data.get("place", ""),
        organiser=data.get("organiser", ""), notes=data.get("notes", "")),
        lambda activity: activity.uuid, data=lambda activity: {"uuid": activity.uuid}, write=True)


def activity_list(ctx) -> int:
    from cunwu.services.points import activities

    def shown(data):
        return table([[a["uuid"][:8], a["held_on"], a["title"], a["rule"], a["participants"],
                       a["points"], a["state"]] for a in data],
                     ["uuid", _("date"), _("title"), _("rule"), _("people"), _("points"), _("state")])

    return ctx.run(lambda store: activities(store, state=ctx.args.state), shown)


def activity_show(ctx) -> int:
    from cunwu.domain.idnumbers import mask as mask_id
    from cunwu.services.points import activity

    def masked(store, actor):
        data = activity(store, ctx.args.uuid)
        for p in data["people"]:
            p["id_number"] = mask_id(p["id_number"]) if p["id_number"] else None
        return data

    def shown(data):
        return ([f"{data['title']}  {data['held_on']}  {data['rule_name']}  {data['state']}"]
                + table([[p["uuid"][:8], p["name"], p["quantity"], p["points"], p["state"],
                          p["objection"]] for p in data["people"]],
                        ["uuid", _("name"), _("quantity"), _("points"), _("state"), _("objection")]))

    return ctx.run(masked, shown, login=True)


def reject(ctx) -> int:
    from cunwu.services.points import reject as do

    return ctx.run(lambda store, actor: do(store, actor, ctx.args.uuid, ctx.args.reason),
                   lambda d: _("Rejected: {title} ({n} participants); it may be entered again.")
                   .format(title=d["title"], n=d["participants"]), write=True)


def approve(ctx) -> int:
    from cunwu.services.points import approve as do

    return ctx.run(lambda store, actor: do(store, actor, ctx.args.uuid),
                   lambda a: _("Approved by {user}.").format(user=a.approved_by),
                   data=lambda a: {"uuid": a.uuid, "state": a.state, "approved_by": a.approved_by},
                   write=True)


def publish(ctx) -> int:
    from cunwu.services.points import publish as do

    def work(store, actor):
        a = do(store, actor, ctx.args.uuid, days=ctx.args.days)
        if ctx.args.out:
            from cunwu.services.points_print import publicity_list

            publicity_list(store, a.uuid, ctx.args.out)
        return a

    return ctx.run(work, lambda a: _("On public display until {day}.").format(day=a.publicity_ends()),
                   data=lambda a: {"uuid": a.uuid, "state": a.state,
                                   "published_on": a.published_on.isoformat(),
                                   "publicity_ends": a.publicity_ends().isoformat()},
                   write=True)


def post(ctx) -> int:
    from cunwu.services.points import post as do

    return ctx.run(lambda store, actor: do(store, actor, ctx.args.uuid),
                   lambda n: _("{n} entries posted.").format(n=n),
                   data=lambda n: {"uuid": ctx.args.uuid, "posted": n}, write=True)


def print_list(ctx) -> int:
    from cunwu.services.points_print import publicity_list

    return ctx.run(lambda store: publicity_list(store, ctx.args.uuid, ctx.args.out), ctx.args.out,
                   data=lambda _result: {"out": ctx.args.out})


def object_(ctx) -> int:
    from cunwu.services.points import object_to

    return ctx.run(lambda store, actor: object_to(store, actor, ctx.args.participant, ctx.args.reason),
                   _("The points are held back."),
                   data=lambda row: {"uuid": row.uuid, "state": row.state}, write=True)


def resolve(ctx) -> int:
    from cunwu.services.points import resolve as do

    return ctx.run(lambda store, actor: do(store, actor, ctx.args.participant, uphold=ctx.args.uphold,
                                           answer=ctx.args.answer),
                   lambda row: row.state, data=lambda row: {"uuid": row.uuid, "state": row.state},
                   write=True)

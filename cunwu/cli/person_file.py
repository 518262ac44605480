"""`cunwu residents show|edit|status|tags|visits`: one person's file (一人一档), through the
same services as the window's person dialog. A person is named by ID number or UUID."""

from __future__ import annotations

import json

from cunwu.cli.common import read_json, table
from cunwu.i18n import _

# option → field of a person, for `residents edit`
EDIT_OPTIONS = (("--name", "name"), ("--id-number", "id_number"), ("--sex", "sex"),
                ("--birth-date", "birth_date"), ("--ethnicity", "ethnicity"), ("--phone", "phone"),
                ("--household", "household_number"), ("--relation", "relation"),
                ("--notes", "notes"))


def register(s, common) -> None:
    """Add these actions to `cunwu residents` (its sub-parsers s)."""
    ref = {"metavar": "ID_OR_UUID", "help": _("the person's ID number or UUID")}
    p = s.add_parser("show", parents=[common], help=_("one person's file: groups, grants, visits, history"))
    p.add_argument("person", **ref)
    p.set_defaults(handler=show)

    p = s.add_parser("edit", parents=[common], help=_("change some of a person's fields"))
    p.add_argument("person", **ref)
    for option, field in EDIT_OPTIONS:
        p.add_argument(option, dest=f"field_{field}", default=None)
    p.add_argument("--party-member", dest="field_party_member", default=None,
                   choices=("yes", "no"), help=_("a member of the Party (党员): yes or no"))
    p.add_argument("--file", metavar="FILE.json",
                   help=_('the fields as a JSON object, e.g. {"phone": "13800000000"}'))
    p.set_defaults(handler=edit)

    p = s.add_parser("status", parents=[common], help=_("record a status change: 迁出, 死亡, 外出务工…"))
    p.add_argument("person", **ref)
    p.add_argument("--status", required=True, help=_("户籍在册, 常住, 外出务工, 迁出 or 死亡"))
    p.add_argument("--date", metavar="YYYY-MM-DD", help=_("since when (default: today)"))
    p.set_defaults(handler=status)

    tags = s.add_parser("tags", parents=[common], help=_("special groups (低保, 残疾 …) with dates"))
    ts = tags.add_subparsers(dest="tags_command", metavar=_("ACTION"), required=True)
    p = ts.add_parser("add", parents=[common], help=_("put a person in a special group"))
    p.add_argument("person", **ref)
    p.add_argument("tag", help=_("e.g. 低保, 特困供养, 残疾, 独居老人"))
    p.add_argument("--since", metavar="YYYY-MM-DD", help=_("from (default: today)"))
    p.add_argument("--until", metavar="YYYY-MM-DD")
    p.add_argument("--review-due", metavar="YYYY-MM-DD", help=_("next review (复核)"))
    p.add_argument("--covered", type=int, help=_("低保: people covered"))
    p.add_argument("--monthly-amount", help=_("低保: yuan a month"))
    p.add_argument("--type", dest="disability_type", help=_("残疾: type, e.g. 肢体"))
    p.add_argument("--level", help=_("残疾: level, e.g. 二级"))
    p.add_argument("--two-subsidies", action="store_true", help=_("残疾: receives 两项补贴"))
    p.add_argument("--notes", default="")
    p.set_defaults(handler=tag_add)
    p = ts.add_parser("end", parents=[common], help=_("end a person's open group record"))
    p.add_argument("person", **ref)
    p.add_argument("tag")
    p.add_argument("--date", metavar="YYYY-MM-DD", help=_("last day (default: today)"))
    p.set_defaults(handler=tag_end)
    p = ts.add_parser("review", parents=[common], help=_("record a review (复核): the next review date"))
    p.add_argument("person", **ref)
    p.add_argument("tag")
    p.add_argument("--next", dest="due", required=True, metavar="YYYY-MM-DD",
                   help=_("when the next review is due"))
    p.set_defaults(handler=tag_review)

    visits = s.add_parser("visits", parents=[common], help=_("visits (走访记录)"))
    vs = visits.add_subparsers(dest="visits_command", metavar=_("ACTION"), required=True)
    p = vs.add_parser("add", parents=[common], help=_("record a visit"))
    p.add_argument("person", **ref)
    p.add_argument("--date", metavar="YYYY-MM-DD", help=_("default: today"))
    p.add_argument("--visitor", default="", help=_("who visited (default: the user)"))
    p.add_argument("--notes", default="")
    p.set_defaults(handler=visit_add)
    p = vs.add_parser("list", parents=[common], help=_("a person's visits, newest first"))
    p.add_argument("person", **ref)
    p.set_defaults(handler=visit_list)


def show(ctx) -> int:
    from cunwu.domain.idnumbers import mask
    from cunwu.services.person_file import show as read

    def text(f):
        p, h = f["person"], f["household"]
        lines = [f"{p['name']}  {mask(p['id_number']) if p['id_number'] else ''}  {p['sex']}  "
                 f"{p['birth_date'] or ''}  {p['status']}",
                 _("household: {h}").format(h=f"{h['number']} {h['group_name']} {h['address']}"
                                            if h else "—")]
        if f["tags"]:
            lines += table([[t["tag"], t["since"], t["until"] or "", t["review_due"] or "",
                             json.dumps(t["data"], ensure_ascii=False) if t["data"] else ""]
                            for t in f["tags"]],
                           [_("group"), _("from"), _("until"), _("review due"), _("details")])
        lines += [_("visits: {n}").format(n=len(f["visits"])),
                  _("history: {n} entries").format(n=len(f["history"]))]
        return lines

    return ctx.run(lambda store, actor: read(store, ctx.args.person), text, login=True)


def edit(ctx) -> int:
    from cunwu.services.person_file import edit as change
    from cunwu.services.person_file import person_json

    a = ctx.args
    fields = dict(read_json(a.file, "E_PERSON_INPUT", object_only=True)) if a.file else {}
    for _option, field in EDIT_OPTIONS:
        value = getattr(a, f"field_{field}")
        if value is not None:
            fields[field] = value
    if a.field_party_member is not None:
        fields["party_member"] = a.field_party_member == "yes"
    if not fields:
        from cunwu.errors import CunwuError

        raise CunwuError("E_USAGE", detail=_("Name at least one field to change."))
    return ctx.run(lambda store, actor: change(store, actor, a.person, fields),
                   lambda p: _("{name}: saved.").format(name=p.name), data=person_json, write=True)


def status(ctx) -> int:
    from cunwu.services.person_file import person_json, set_status

    a = ctx.args
    return ctx.run(lambda store, actor: set_status(store, actor, a.person, a.status, a.date),
                   lambda p: _("{name}: {status} since {date}.").format(
                       name=p.name, status=p.status, date=p.status_since),
                   data=person_json, write=True)


def _tag_done(row) -> list[str]:
    return [_("{tag}: from {since} until {until}, next review {due}.").format(
        tag=row.tag, since=row.since, until=row.until or "—", due=row.review_due or "—"), row.uuid]


def tag_add(ctx) -> int:
    from cunwu.services.monitoring import tag_json
    from cunwu.services.person_file import add_tag

    a = ctx.args
    data = {"covered": a.covered, "monthly_amount": a.monthly_amount} if a.tag == "低保" else {}
    if a.tag == "残疾":
        data = {"type": a.disability_type, "level": a.level, "two_subsidies": a.two_subsidies}
    return ctx.run(lambda store, actor: add_tag(store, actor, a.person, a.tag, since=a.since,
                                                until=a.until, review_due=a.review_due,
                                                data=data, notes=a.notes),
                   _tag_done, data=tag_json, write=True)


def tag_end(ctx) -> int:
    from cunwu.services.monitoring import tag_json
    from cunwu.services.person_file import end_tag

    a = ctx.args
    return ctx.run(lambda store, actor: end_tag(store, actor, a.person, a.tag, a.date),
                   _tag_done, data=tag_json, write=True)


def tag_review(ctx) -> int:
    from cunwu.services.monitoring import tag_json
    from cunwu.services.person_file import review_tag

    a = ctx.args
    return ctx.run(lambda store, actor: review_tag(store, actor, a.person, a.tag, a.due),
                   _tag_done, data=tag_json, write=True)


def visit_add(ctx) -> int:
    from cunwu.services.person_file import add_visit, visit_json

    a = ctx.args
    return ctx.run(lambda store, actor: add_visit(store, actor, a.person, visited_on=a.date,
                                                  visitor=a.visitor, notes=a.notes),
                   lambda v: _("Visit on {date} by {visitor} recorded.").format(
                       date=v.visited_on, visitor=v.visitor), data=visit_json, write=True)


def visit_list(ctx) -> int:
    from cunwu.services.person_file import visits

    return ctx.run(lambda store, actor: visits(store, ctx.args.person),
                   lambda rows: table([[v["visited_on"], v["visitor"], v["notes"]] for v in rows],
                                      [_("date"), _("visitor"), _("notes")])
                   if rows else _("No visits recorded."), login=True)


"""`cunwu residents add|import|export|list|settings`, `cunwu households add|list`,
`cunwu alerts`; one person's file (show, edit, status, tags, visits) is in cli/person_file."""

from __future__ import annotations

import sys

from cunwu.cli import person_file
from cunwu.cli.common import table
from cunwu.i18n import _


def register(sub, common) -> None:
    res = sub.add_parser("residents", parents=[common], help=_("residents (一人一档)"))
    s = res.add_subparsers(dest="residents_command", metavar=_("ACTION"), required=True)
    p = s.add_parser("add", parents=[common], help=_("add one person by hand"))
    p.add_argument("--name", required=True, help=_("full name, e.g. 张伟强"))
    p.add_argument("--id-number", required=True,
                   help=_("公民身份号码; birth date and sex are read from it"))
    p.add_argument("--sex", default="", help=_("男 or 女 (checked against the ID number)"))
    p.add_argument("--birth-date", default="", metavar="YYYY-MM-DD",
                   help=_("checked against the ID number"))
    p.add_argument("--ethnicity", default="", help=_("e.g. 汉族"))
    p.add_argument("--phone", default="")
    p.add_argument("--household", default="", metavar="NUMBER",
                   help=_("the household number (户号) of a recorded household"))
    p.add_argument("--relation", default="", help=_("relation to the head, e.g. 户主, 配偶, 子"))
    p.add_argument("--status", default="", help=_("户籍在册 (default), 常住, 外出务工, 迁出 or 死亡"))
    p.add_argument("--party-member", action="store_true", help=_("a member of the Party (党员)"))
    p.add_argument("--notes", default="")
    p.set_defaults(handler=add)
    p = s.add_parser("import", parents=[common], help=_("import a roster (xlsx, xls, csv)"))
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help=_("check everything, write nothing"))
    p.add_argument("--report", metavar="OUT.xlsx", help=_("write every rejected row with its reason"))
    p.set_defaults(handler=import_)
    for name, helptext in (("export", _("write the roster to xlsx or csv")),
                           ("list", _("list people"))):
        p = s.add_parser(name, parents=[common], help=helptext)
        if name == "export":
            p.add_argument("file")
        p.add_argument("--tag", default="", help=_("only people in this group, e.g. 低保"))
        p.add_argument("--search", default="", help=_("name, pinyin, initials or part of the ID number"))
        p.add_argument("--group", default="", help=_("only this villager group (村民小组)"))
        p.add_argument("--status", default="", help=_("only this status, e.g. 外出务工"))
        p.set_defaults(handler=export if name == "export" else list_)
    p = s.add_parser("settings", parents=[common],
                     help=_("show or change the village's monitoring thresholds"))
    for option, helptext in (("--elderly-age", _("age from which 高龄 counts (default 80)")),
                             ("--visit-days", _("days after which a person living alone needs a visit")),
                             ("--review-notice-days", _("days before a review is due to alert")),
                             ("--child-age", _("age under which a child counts as a child"))):
        p.add_argument(option, type=int, help=helptext)
    p.set_defaults(handler=settings)
    person_file.register(s, common)
    hh = sub.add_parser("households", parents=[common], help=_("households (户)"))
    s = hh.add_subparsers(dest="households_command", metavar=_("ACTION"), required=True)
    p = s.add_parser("add", parents=[common], help=_("add one household by hand"))
    p.add_argument("--number", required=True, help=_("the household number (户号), e.g. 000123"))
    p.add_argument("--address", default="")
    p.add_argument("--group", default="", help=_("villager group (村民小组) or grid"))
    p.add_argument("--notes", default="")
    p.set_defaults(handler=household_add)
    p = s.add_parser("list", parents=[common], help=_("list households"))
    p.add_argument("--group", default="")
    p.set_defaults(handler=households)
    p = sub.add_parser("alerts", parents=[common], help=_("today's monitoring alerts (动态监测)"))
    p.set_defaults(handler=alerts)


def _query(args):
    from cunwu.services.people import PersonQuery

    return PersonQuery(search=args.search, tag=args.tag, group=args.group, status=args.status)


def _progress(ctx):
    if ctx.json or not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        sys.stderr.write(f"\r{done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def add(ctx) -> int:
    from cunwu.domain.limits import number_text
    from cunwu.domain.idnumbers import mask
    from cunwu.errors import MESSAGES
    from cunwu.services.residents import add_person_by_hand

    a = ctx.args
    fields = {"name": a.name, "id_number": a.id_number, "sex": a.sex, "ethnicity": a.ethnicity,
              "phone": a.phone, "relation": a.relation, "status": a.status,
              "party_member": a.party_member, "notes": a.notes}
    if a.birth_date:
        fields["birth_date"] = a.birth_date
    added = ctx.call(lambda store, actor: add_person_by_hand(
        store, actor, household_number=a.household or None, **fields), write=True)
    person, warnings = added.person, added.warnings
    for code in warnings:
        print(f"{code}: {_(MESSAGES[code])}", file=sys.stderr)
    data = {"uuid": person.uuid, "name": person.name, "id_number": person.id_number,
            "sex": person.sex, "birth_date": person.birth_date.isoformat(),
            "household_uuid": person.household_uuid,
            "household_number": number_text(a.household) if person.household_uuid else None,
            "relation": person.relation, "status": person.status, "warnings": warnings}
    text = _("{name} ({id}) added.").format(name=person.name, id=mask(person.id_number))
    if person.household_uuid:
        text = _("{name} ({id}) added to household {number}.").format(
            name=person.name, id=mask(person.id_number), number=data["household_number"])
    ctx.emit(data, [text, person.uuid])
    return 0


def household_add(ctx) -> int:
    from cunwu.services.residents import add_household

    a = ctx.args
    return ctx.run(lambda store, actor: add_household(store, actor, number=a.number, address=a.address,
                                                      group_name=a.group, notes=a.notes),
                   lambda h: [_("Household {number} added.").format(number=h.number), h.uuid],
                   data=lambda h: {"uuid": h.uuid, "number": h.number, "address": h.address,
                                   "group_name": h.group_name, "notes": h.notes},
                   write=True)


def import_(ctx) -> int:
    from pathlib import Path

    from cunwu.io.roster_export import write_report
    from cunwu.services.roster_import import import_roster

    result = ctx.call(lambda store, actor: import_roster(
        store, actor, Path(ctx.args.file), dry_run=ctx.args.dry_run, progress=_progress(ctx)),
        write=True)
    if ctx.args.report:
        write_report(Path(ctx.args.report), result)
    lines = [(_("Dry run, nothing written: ") if result.dry_run else "") + _(
        "{imported} imported, {updated} updated, {unchanged} unchanged, {rejected} rejected.").format(
            imported=result.imported, updated=result.updated, unchanged=result.unchanged,
            rejected=len(result.rejected))]
    if result.tags_added:
        lines.append(_("{n} special-group records (低保 …) opened.").format(n=result.tags_added))
    lines += [_("row {row}: {reason}").format(row=r.row, reason=r.reason) for r in result.rejected[:20]]
    if len(result.rejected) > 20:
        lines.append(_("… and {n} more (see --report).").format(n=len(result.rejected) - 20))
    ctx.emit(result.json(), lines)
    return 0


def export(ctx) -> int:
    from pathlib import Path

    from cunwu.services.roster_export import export_roster as write

    return ctx.run(lambda store, actor: write(store, actor, Path(ctx.args.file), _query(ctx.args)),
                   lambda n: _("{n} people written to {path}.").format(n=n, path=ctx.args.file),
                   data=lambda n: {"path": ctx.args.file, "rows": n}, login=True)


def list_(ctx) -> int:
    from cunwu.domain.idnumbers import mask
    from cunwu.services.people import all_rows

    def shown(rows):
        return table([[r.name, mask(r.id_number) if r.id_number else "", r.sex,
                       r.birth_date.isoformat() if r.birth_date else "", r.group_name, r.status,
                       "、".join(r.tags)] for r in rows],
                     [_("name"), _("ID number"), _("sex"), _("birth date"), _("group"), _("status"),
                      _("groups")])

    return ctx.run(lambda store, actor: all_rows(store, _query(ctx.args)), shown,
                   data=lambda rows: [r.json() for r in rows], login=True)


def households(ctx) -> int:
    from cunwu.services.residents import list_households

    return ctx.run(lambda store, actor: list_households(store, group=ctx.args.group or None),
                   lambda rows: table([[r["number"], r["group_name"], r["head_name"] or "",
                                        r["members"], r["address"]] for r in rows],
                                      [_("household"), _("group"), _("head"), _("members"),
                                       _("address")]), login=True)


def alerts(ctx) -> int:
    from cunwu.services.alerts import alerts as today_alerts

    return ctx.run(lambda store, actor: today_alerts(store),
                   lambda found: [f"{a.due.isoformat()}  {a.message}" for a in found]
                   or [_("No alerts today.")], data=lambda found: [a.json() for a in found], login=True)


def settings(ctx) -> int:
    from cunwu.services.monitoring import change_settings
    from cunwu.services.monitoring import settings as current

    changes = {k: v for k, v in (("elderly_age", ctx.args.elderly_age),
                                 ("visit_days", ctx.args.visit_days),
                                 ("review_notice_days", ctx.args.review_notice_days),
                                 ("child_age", ctx.args.child_age)) if v is not None}
    def work(store, actor=None):  # only a change logs in
        return change_settings(store, actor, **changes) if changes else current(store)

    return ctx.run(work, lambda values: [f"{k} = {v}" for k, v in values.items()], write=bool(changes))

"""`cunwu district export-down | policy … | cases …`: what the district sends down to a village
(district bundles, policy parameters) and its view of the villages' cases (工单).
"""

from __future__ import annotations

from pathlib import Path

from cunwu.cli.common import table
from cunwu.cli.district_access import open_as
from cunwu.i18n import _


def register(s, common) -> None:
    q = s.add_parser("export-down", parents=[common],
                     help=_("write a village's district bundles (policy, cases) into a folder"))
    q.add_argument("--village", required=True, metavar="CODE")
    q.add_argument("--out", type=Path, required=True, metavar="DIR")
    q.set_defaults(handler=export_down)

    p = s.add_parser("policy", parents=[common], help=_("policy parameters sent to the villages"))
    a = p.add_subparsers(dest="policy_command", metavar=_("ACTION"), required=True)
    q = a.add_parser("set", parents=[common], help=_("set a parameter from a day on (admin)"))
    q.add_argument("--param", required=True, metavar="NAME")
    q.add_argument("--value", required=True)
    q.add_argument("--from", dest="effective_from", required=True, metavar="DATE")
    where = q.add_mutually_exclusive_group(required=True)
    where.add_argument("--village", metavar="CODE")
    where.add_argument("--all", action="store_true", help=_("every enrolled village"))
    q.set_defaults(handler=policy_set)
    q = a.add_parser("list", parents=[common], help=_("the parameters set, newest first"))
    q.set_defaults(handler=policy_list)

    p = s.add_parser("cases", parents=[common], help=_("the villages' cases (工单)"))
    a = p.add_subparsers(dest="cases_command", metavar=_("ACTION"), required=True)
    q = a.add_parser("list", parents=[common], help=_("open and overdue cases per village, the escalation queue"))
    q.add_argument("--village", metavar="CODE", help=_("one village's cases"))
    q.set_defaults(handler=cases_list)
    for name, helptext in (("accept", _("accept an escalated case")),
                           ("act", _("record what the township did on an escalated case")),
                           ("return", _("send an escalated case back to the village")),
                           ("close", _("close an escalated case with its result"))):
        q = a.add_parser(name, parents=[common], help=helptext)
        q.add_argument("--village", required=True, metavar="CODE")
        q.add_argument("case", metavar="UUID")
        q.add_argument("--note", default="")
        if name == "close":
            q.add_argument("--result", required=True)
            q.add_argument("--decision", default="")
        q.set_defaults(handler=case_update, action=name)
    q = a.add_parser("dispatch", parents=[common], help=_("dispatch a new case to a village"))
    q.add_argument("--village", required=True, metavar="CODE")
    who = q.add_mutually_exclusive_group(required=True)
    who.add_argument("--person", metavar="ID_OR_UUID")
    who.add_argument("--household", metavar="UUID")
    q.add_argument("--category", required=True)
    q.add_argument("--title", required=True)
    q.add_argument("--description", default="")
    q.add_argument("--severity", default="")
    q.add_argument("--department", default="", help=_("a township department to handle it"))
    q.set_defaults(handler=dispatch)


def export_down(ctx) -> int:
    from cunwu.district.outbox import export_down as do

    def shown(r):
        lines = [_("New district bundle {seq} with {items} items.").format(**r["new"])] if r["new"] else [
            _("Nothing new for village {village}.").format(village=r["village"])]
        return lines + r["files"]

    return ctx.run(lambda d: do(d, ctx.args.district_user, ctx.args.village, ctx.args.out), shown,
                   opener=open_as("import"))


def policy_set(ctx) -> int:
    from cunwu.district.outbox import set_policy

    a = ctx.args
    return ctx.run(lambda d: set_policy(d, a.district_user, a.param, a.value, a.effective_from,
                                        None if a.all else a.village),
                   lambda r: _("{name} = {value} from {effective_from}, for {n} villages; it goes "
                               "with each one's next district bundle.").format(n=len(r["villages"]), **r),
                   opener=open_as("policy"))


def policy_list(ctx) -> int:
    from cunwu.district.outbox import policies

    return ctx.run(policies, lambda rows: table(
        [[r["village"], r["name"], r["value"], r["effective_from"], r["set_by"], str(r["bundle"] or "-")]
         for r in rows], [_("village"), _("parameter"), _("value"), _("from"), _("set by"), _("bundle")]),
        opener=open_as("read"))


def cases_list(ctx) -> int:
    from cunwu.district import cases

    if ctx.args.village:
        return ctx.run(lambda d: cases.village_cases(d, ctx.args.village), lambda rows: table(
            [[r["number"], r["subject_name"], r["category"], r["status"], r["due"] or "", r["uuid"]] for r in rows],
            [_("case"), _("about"), _("category"), _("status"), _("due"), "uuid"]), opener=open_as("read"))

    def shown(data):
        out = table([[v["code"], v["name"], str(v["open"]), str(v["overdue"]), str(v["escalated"])] for v in data["villages"]],
                    [_("village"), _("name"), _("open"), _("overdue"), _("escalated")])
        queue = [[r["village"], r["number"], r["subject_name"], r["title"], r["due"],
                  _("accepted") if any(x["action"] == "accept" for x in r["district"]) else "", r["uuid"]]
                 for r in data["queue"]]
        return out + ["", _("Escalation queue:")] + table(
            queue, [_("village"), _("case"), _("about"), _("title"), _("due"), _("state"), "uuid"])

    return ctx.run(cases.overview, shown, opener=open_as("read"))


def case_update(ctx) -> int:
    from cunwu.district import cases

    a = ctx.args
    return ctx.run(lambda d: cases.update(d, a.district_user, a.village, a.case, a.action, a.note,
                                          getattr(a, "result", ""), getattr(a, "decision", "")),
                   lambda r: _("{action} recorded for case {number}; it goes to village {village} with "
                               "its next district bundle.").format(**r), opener=open_as("cases"))


def dispatch(ctx) -> int:
    from cunwu.district import cases

    a = ctx.args
    data = {k: getattr(a, k) for k in ("person", "household", "category", "title", "description",
                                       "severity", "department")}
    return ctx.run(lambda d: cases.dispatch(d, a.district_user, a.village, data),
                   lambda r: _("Case '{title}' dispatched to village {village}; it goes with its next "
                               "district bundle.").format(**r), opener=open_as("cases"))

"""`cunwu cases add|list|show|assign|act|escalate|return|close|review|print-check|settings`, and an alert
made a case or dismissed (`cases from-alert`, `cases dismiss-alert`)."""

from __future__ import annotations

from cunwu.cli.common import table
from cunwu.i18n import _


def register(sub, common) -> None:
    cs = sub.add_parser("cases", parents=[common], help=_("cases (工单) of social assistance"))
    s = cs.add_subparsers(dest="cases_command", metavar=_("ACTION"), required=True)
    p = s.add_parser("add", parents=[common], help=_("open a case about a person or a household"))
    # neither for a visit or a concern (--source): the case is then about its person
    who = p.add_mutually_exclusive_group()
    who.add_argument("--person", help=_("the person's ID number or UUID"))
    who.add_argument("--household", metavar="NUMBER", help=_("the household number (户号)"))
    p.add_argument("--category", required=True, help="低保 特困 临时救助 残疾 养老 儿童 医疗 住房 就业 其他")
    p.add_argument("--title", required=True, help=_("the matter, in a line"))
    p.add_argument("--description", default="")
    p.add_argument("--severity", default="一般", help="一般 较急 紧急")
    p.add_argument("--source", default="manual", help="alert visit concern district manual")
    p.add_argument("--source-ref", default="", help=_("the visit's or concern's UUID"))
    _handler(p)
    p.set_defaults(handler=add)
    p = s.add_parser("list", parents=[common], help=_("cases, the earliest due first"))
    p.add_argument("--view", default="all", choices=("all", "mine", "overdue", "open"))
    p.add_argument("--status", default="")
    p.add_argument("--category", default="")
    p.add_argument("--search", default="")
    p.set_defaults(handler=list_)
    p = s.add_parser("show", parents=[common], help=_("one case with its timeline"))
    p.add_argument("case", metavar="NUMBER")
    p.set_defaults(handler=show)
    p = s.add_parser("assign", parents=[common], help=_("dispatch a case (派单)"))
    p.add_argument("case", metavar="NUMBER")
    _handler(p)
    p.add_argument("--note", default="")
    p.set_defaults(handler=assign)
    for name, helptext, option in (
            ("act", _("record what was done"), "--note"),
            ("escalate", _("escalate to the township (上报乡镇)"), "--reason"),
            ("return", _("send a case back (退回)"), "--reason")):
        p = s.add_parser(name, parents=[common], help=helptext)
        p.add_argument("case", metavar="NUMBER")
        p.add_argument(option, dest="note", required=True)
        if name == "escalate":
            p.add_argument("--department", default="", help=_("the township department, e.g. 民政办"))
        p.set_defaults(handler=step, step=name)
    p = s.add_parser("close", parents=[common], help=_("close a case (办结) with its result"))
    p.add_argument("case", metavar="NUMBER")
    p.add_argument("--result", required=True)
    p.add_argument("--decision", default="", help=_("for a benefit: 批准 不予批准 维持 调整 停发 转介"))
    p.add_argument("--note", default="")
    p.set_defaults(handler=close)
    p = s.add_parser("review", parents=[common], help=_("follow up a closed case (回访)"))
    p.add_argument("case", metavar="NUMBER")
    p.add_argument("--note", required=True)
    p.add_argument("--not-settled", action="store_true", help=_("the matter is not settled: reopen it"))
    p.set_defaults(handler=review)
    p = s.add_parser("print-check", parents=[common], help=_("print the 入户核查表 for a visit"))
    p.add_argument("case", metavar="NUMBER")
    p.add_argument("--out", required=True, metavar="F.pdf")
    p.set_defaults(handler=print_check)
    p = s.add_parser("from-alert", parents=[common], help=_("make an alert a case (转为工单)"))
    p.add_argument("key", help=_("the alert's key (cunwu alerts --json)"))
    p.add_argument("--category", default="")
    p.add_argument("--severity", default="")
    _handler(p)
    p.set_defaults(handler=from_alert)
    p = s.add_parser("dismiss-alert", parents=[common], help=_("dismiss an alert (忽略) with a reason"))
    p.add_argument("key")
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=dismiss_alert)
    p = s.add_parser("settings", parents=[common],
                     help=_("show or change the time limit (days) of each category"))
    p.add_argument("--limit", action="append", default=[], metavar="CATEGORY=DAYS",
                   help=_("e.g. --limit 临时救助=3; may be repeated"))
    p.set_defaults(handler=settings)


def _handler(p) -> None:
    # not dest "handler": that names each command's function (set_defaults)
    p.add_argument("--handler", dest="account", default="", metavar="USER",
                   help=_("a village account"))
    p.add_argument("--department", default="", help=_("or a named township department"))


def _lines(case: dict) -> list[str]:
    out = [f"{case['number']}  {case['status']}  {case['category']}  {case['subject_name']}",
           f"  {case['title']}",
           "  " + _("due {due}, handler {handler}").format(due=case["due"], handler=case["handler"] or "-")]
    if case["result"]:
        out.append("  " + _("result: {result} {decision}").format(
            result=case["result"], decision=case["decision"]))
    for t in case.get("timeline", []):
        out.append(f"  {t['at']}  {t['actor']}  {t['label']}  {t['note']}".rstrip())
    return out


def add(ctx) -> int:
    from cunwu.services.cases import open_case

    a = ctx.args
    data = {"person": a.person, "household": a.household, "category": a.category,
            "title": a.title, "description": a.description, "severity": a.severity,
            "source": a.source, "source_ref": a.source_ref, "handler": a.account,
            "department": a.department}
    return ctx.run(lambda store, actor: open_case(store, actor, data), _lines, write=True)


def list_(ctx) -> int:
    from cunwu.services.cases_queries import list_cases

    a = ctx.args
    return ctx.run(lambda store, actor: list_cases(store, actor, view=a.view, status=a.status,
                                                   category=a.category, search=a.search),
                   lambda found: table([[x["number"], x["status"], x["category"], x["subject_name"],
                                         x["due"] + (" !" if x["overdue"] else ""), x["handler"]]
                                        for x in found["cases"]],
                                       [_("number"), _("status"), _("category"), _("about"),
                                        _("due on"), _("handler")]), login=True)


def show(ctx) -> int:
    from cunwu.services.cases import show as one

    return ctx.run(lambda store, actor: one(store, ctx.args.case), _lines, login=True)


def assign(ctx) -> int:
    from cunwu.services.cases import assign as dispatch

    a = ctx.args
    return ctx.run(lambda store, actor: dispatch(store, actor, a.case, handler=a.account,
                                                 department=a.department, note=a.note),
                   _lines, write=True)


def step(ctx) -> int:
    from cunwu.services import cases

    a = ctx.args

    def work(store, actor):
        if a.step == "act":
            return cases.act(store, actor, a.case, a.note)
        if a.step == "escalate":
            return cases.escalate(store, actor, a.case, a.note, department=a.department)
        return cases.return_case(store, actor, a.case, a.note)

    return ctx.run(work, _lines, write=True)


def close(ctx) -> int:
    from cunwu.services.cases import close as finish

    a = ctx.args
    return ctx.run(lambda store, actor: finish(store, actor, a.case, result=a.result,
                                               decision=a.decision, note=a.note),
                   _lines, write=True)


def review(ctx) -> int:
    from cunwu.services.cases import review as follow_up

    a = ctx.args
    return ctx.run(lambda store, actor: follow_up(store, actor, a.case, a.note,
                                                  settled=not a.not_settled), _lines, write=True)


def print_check(ctx) -> int:
    from cunwu.services.cases_print import check_sheet

    a = ctx.args
    return ctx.run(lambda store, actor: check_sheet(store, a.case, a.out),
                   lambda printed: _("Written to {path}").format(path=a.out),
                   data=lambda printed: {"path": a.out, "lacking": printed.lacking}, login=True)


def from_alert(ctx) -> int:
    from cunwu.services.alerts import alert_to_case

    a = ctx.args
    data = {k: v for k, v in (("category", a.category), ("severity", a.severity),
                              ("handler", a.account), ("department", a.department)) if v}
    return ctx.run(lambda store, actor: alert_to_case(store, actor, a.key, data), _lines, write=True)


def dismiss_alert(ctx) -> int:
    from cunwu.services.alerts import dismiss_alert as dismiss

    a = ctx.args
    return ctx.run(lambda store, actor: dismiss(store, actor, a.key, a.reason),
                   lambda d: _("Dismissed: {message}").format(message=d["message"]), write=True)


def settings(ctx) -> int:
    from cunwu.errors import CunwuError
    from cunwu.services.cases import change_settings
    from cunwu.services.cases import settings as current

    changes = {}
    for item in ctx.args.limit:
        category, sep, days = item.partition("=")
        if not sep:
            raise CunwuError("E_USAGE", detail=_("--limit takes CATEGORY=DAYS, e.g. 临时救助=3"))
        changes[category.strip()] = days.strip()

    def work(store, actor=None):  # only a change logs in
        return change_settings(store, actor, changes) if changes else current(store)

    return ctx.run(work, lambda values: [f"{k} = {v}" for k, v in values.items()],
                   write=bool(changes))

"""`cunwu meetings …`, `cunwu matters …` and `cunwu concerns …`: meetings and their votes,
memberships and rules, 四议两公开 matters, 民情诉求 (CLI.md)."""

from __future__ import annotations

from pathlib import Path

from cunwu.cli.common import read_json, table
from cunwu.i18n import _

STEP_CHOICES = ("propose", "consult", "review", "resolve", "publish_resolution", "publish_result")


def register(sub, common) -> None:
    _meetings(sub, common)
    _matters(sub, common)
    _concerns(sub, common)


def _meetings(sub, common) -> None:
    p = sub.add_parser("meetings", parents=[common], help=_("meetings, attendance, votes and minutes"))
    s = p.add_subparsers(dest="meetings_command", metavar=_("ACTION"), required=True)
    a = s.add_parser("add", parents=[common], help=_("record a meeting from a JSON file; prints its UUID"))
    a.add_argument("file", type=Path)
    a.set_defaults(handler=add)
    a = s.add_parser("edit", parents=[common], help=_("change a meeting that is not closed (JSON file with the fields to change)"))
    a.add_argument("uuid")
    a.add_argument("file", type=Path)
    a.set_defaults(handler=edit)
    a = s.add_parser("list", parents=[common], help=_("meetings, newest first"))
    a.add_argument("--kind")
    a.add_argument("--year", type=int)
    a.set_defaults(handler=list_)
    a = s.add_parser("show", parents=[common], help=_("one meeting with attendance, quorum, items and votes"))
    a.add_argument("uuid")
    a.set_defaults(handler=show)
    a = s.add_parser("vote", parents=[common], help=_("record the vote on one agenda item"))
    a.add_argument("uuid")
    a.add_argument("--item", required=True, help=_("item number (1, 2, …) or UUID"))
    a.add_argument("--yes", type=int, required=True)
    a.add_argument("--no", type=int, default=0)
    a.add_argument("--abstain", type=int, default=0)
    a.add_argument("--resolution")
    a.set_defaults(handler=vote)
    a = s.add_parser("close", parents=[common], help=_("close a held meeting: no more edits"))
    a.add_argument("uuid")
    a.set_defaults(handler=close)
    a = s.add_parser("correct", parents=[common], help=_("record a correction of a closed meeting as a new entry"))
    a.add_argument("uuid")
    a.add_argument("file", type=Path, help=_("JSON file with the corrected fields"))
    a.add_argument("--reason", required=True)
    a.set_defaults(handler=correct)
    a = s.add_parser("print", parents=[common], help=_("print the sign-in sheet or the minutes"))
    a.add_argument("uuid")
    a.add_argument("--what", choices=("signin", "minutes"), required=True)
    a.add_argument("--out", type=Path, required=True)
    a.set_defaults(handler=print_)

    mem = s.add_parser("members", parents=[common], help=_("who is expected: 村民代表, 两委, 监委会"))
    ms = mem.add_subparsers(dest="members_command", metavar=_("ACTION"), required=True)
    a = ms.add_parser("list", parents=[common], help=_("memberships"))
    a.add_argument("--body")
    a.set_defaults(handler=members_list)
    a = ms.add_parser("add", parents=[common], help=_("give a person a seat in a body"))
    a.add_argument("--body", required=True, help="村民代表 | 两委 | 监委会")
    a.add_argument("--person", required=True, help=_("UUID or ID number"))
    a.add_argument("--role", default="")
    a.add_argument("--since", help=_("first day (default: today)"))
    a.add_argument("--households", default="", help=_("households a 村民代表 represents: numbers or UUIDs, comma-separated"))
    a.set_defaults(handler=members_add)
    a = ms.add_parser("end", parents=[common], help=_("end a membership"))
    a.add_argument("uuid")
    a.add_argument("--until", required=True)
    a.set_defaults(handler=members_end)

    rules = s.add_parser("rules", parents=[common], help=_("quorum and passing rules of this village"))
    rs = rules.add_subparsers(dest="rules_command", metavar=_("ACTION"), required=True)
    a = rs.add_parser("list", parents=[common], help=_("the rules for each kind of meeting"))
    a.set_defaults(handler=rules_list)
    a = rs.add_parser("set", parents=[common], help=_("change a rule, e.g. --quorum '>=2/3'"))
    a.add_argument("kind")
    a.add_argument("--quorum")
    a.add_argument("--households")
    a.add_argument("--passing")
    a.set_defaults(handler=rules_set)


def _matters(sub, common) -> None:
    p = sub.add_parser("matters", parents=[common], help=_("major matters through 四议两公开"))
    s = p.add_subparsers(dest="matters_command", metavar=_("ACTION"), required=True)
    a = s.add_parser("add", parents=[common], help=_("a new matter from a JSON file; prints its UUID"))
    a.add_argument("file", type=Path)
    a.set_defaults(handler=matters_add)
    a = s.add_parser("list", parents=[common], help=_("matters and where each stands"))
    a.set_defaults(handler=matters_list)
    a = s.add_parser("show", parents=[common], help=_("one matter with each step and its state"))
    a.add_argument("uuid")
    a.set_defaults(handler=matters_show)
    a = s.add_parser("advance", parents=[common], help=_("take the next step"))
    a.add_argument("uuid")
    a.add_argument("--step", required=True, choices=STEP_CHOICES)
    a.add_argument("--meeting", help=_("the meeting that took the step"))
    a.add_argument("--item", help=_("its agenda item (number or UUID) when it has several"))
    a.add_argument("--disclosure", help=_("the disclosure, for the last two steps"))
    a.add_argument("--result", choices=("approved", "rejected"))
    a.add_argument("--return-to", choices=STEP_CHOICES, help=_("after a rejection: the step to go back to (else the matter ends)"))
    a.add_argument("--note", default="")
    a.add_argument("--on", help=_("the day of a step taken without a meeting (default: today)"))
    a.set_defaults(handler=matters_advance)
    a = s.add_parser("follow-up", parents=[common], help=_("督办: note progress on a decided matter"))
    a.add_argument("uuid")
    a.add_argument("--note", required=True)
    a.add_argument("--due", help=_("new due date"))
    a.set_defaults(handler=matters_follow_up)


def _concerns(sub, common) -> None:
    p = sub.add_parser("concerns", parents=[common], help=_("villagers' concerns (民情诉求)"))
    s = p.add_subparsers(dest="concerns_command", metavar=_("ACTION"), required=True)
    a = s.add_parser("list", parents=[common], help=_("concerns, oldest first"))
    a.add_argument("--open", action="store_true", help=_("only those still open"))
    a.set_defaults(handler=concerns_list)
    a = s.add_parser("add", parents=[common], help=_("a concern from a JSON file; prints its UUID"))
    a.add_argument("file", type=Path)
    a.add_argument("--meeting", help=_("the meeting where it was raised"))
    a.set_defaults(handler=concerns_add)
    a = s.add_parser("update", parents=[common], help=_("answer, follow up or close a concern"))
    a.add_argument("uuid")
    a.add_argument("--answer")
    a.add_argument("--follow-up")
    a.add_argument("--due")
    a.add_argument("--close", action="store_true")
    a.set_defaults(handler=concerns_update)


def _read(path: Path):
    return read_json(path, "E_MEETING_FILE")


def _date(text):
    from cunwu.domain.dates import parse_date

    return parse_date(text)


def _uuid(row) -> str:
    return row.uuid


def _created(row) -> dict:
    return {"uuid": row.uuid}


# -- meetings ---------------------------------------------------------------------------------

def add(ctx) -> int:
    from cunwu.services.meetings import save_meeting

    data = _read(ctx.args.file)
    return ctx.run(lambda store, actor: save_meeting(store, actor, data), _uuid, data=_created, write=True)


def edit(ctx) -> int:
    from cunwu.services.meetings import save_meeting

    data = _read(ctx.args.file)
    return ctx.run(lambda store, actor: save_meeting(store, actor, data, ctx.args.uuid), _uuid,
                   data=_created, write=True)


def list_(ctx) -> int:
    from cunwu.services.meeting_queries import list_meetings

    def shown(rows):
        return table([[r["held_at"].replace("T", " "), r["kind"], r["title"],
                       f"{r['present_count']}/{r['expected_count']}",
                       _("yes") if r["quorum_met"] else _("NO QUORUM"), r["uuid"]] for r in rows],
                     [_("held"), _("kind"), _("title"), _("present"), _("quorum"), "UUID"])

    return ctx.run(lambda store: list_meetings(store, kind=ctx.args.kind, year=ctx.args.year), shown)


def _meeting_text(d: dict) -> list[str]:
    lines = [f"{d['title']}（{d['kind']}）", f"{d['held_at'].replace('T', ' ')}  {d['place']}",
             _("expected {e}, present {p}, excused {x}, absent {a}").format(
                 e=d["expected_count"], p=d["present_count"], x=d["excused_count"], a=d["absent_count"]),
             d["quorum_rule"]]
    if d["invalid_reason"]:
        lines.append(d["invalid_reason"])
    for i, item in enumerate(d["items"], start=1):
        votes = item["votes"]
        tally = (f"{votes['同意']}/{votes['反对']}/{votes['弃权']} "
                 + (_("passed") if item["passed"] else _("not passed"))) if votes else _("no vote")
        lines.append(f"{i}. {item['title']}  {tally}")
        if item["resolution"]:
            lines.append(f"   {item['resolution']}")
    return lines


def show(ctx) -> int:
    from cunwu.services.meeting_queries import meeting_detail

    return ctx.run(lambda store, actor: meeting_detail(store, ctx.args.uuid), _meeting_text, login=True)


def vote(ctx) -> int:
    from cunwu.services.meeting_votes import record_votes

    a = ctx.args
    return ctx.run(lambda store, actor: record_votes(store, actor, a.uuid, a.item, a.yes, a.no, a.abstain,
                                                     a.resolution),
                   lambda shown: _("passed") if shown["passed"] else _("not passed"), write=True)


def close(ctx) -> int:
    from cunwu.services.meetings import close_meeting

    return ctx.run(lambda store, actor: close_meeting(store, actor, ctx.args.uuid), _("Closed."),
                   data=lambda meeting: {"uuid": meeting.uuid, "status": meeting.status}, write=True)


def correct(ctx) -> int:
    from cunwu.services.meetings import correct_meeting

    data = _read(ctx.args.file)
    return ctx.run(lambda store, actor: correct_meeting(store, actor, ctx.args.uuid, data, ctx.args.reason),
                   _uuid, data=lambda meeting: {"uuid": meeting.uuid, "corrects": ctx.args.uuid},
                   write=True)


def print_(ctx) -> int:
    from cunwu.services.meeting_print import print_meeting

    return ctx.run(lambda store: print_meeting(store, ctx.args.uuid, ctx.args.what, ctx.args.out),
                   _("Written: {path}").format(path=ctx.args.out),
                   data=lambda result: {"out": str(ctx.args.out), "pages": result["pages"],
                                        "lacking": result["lacking"]})


def members_list(ctx) -> int:
    from cunwu.services.memberships import list_members

    return ctx.run(lambda store, actor: list_members(store, ctx.args.body), lambda rows: table(
        [[r["body"], r["name"], r["role"], r["since"], r["until"] or "", r["uuid"]] for r in rows],
        [_("body"), _("name"), _("role"), _("since"), _("until"), "UUID"]), login=True)


def members_add(ctx) -> int:
    from cunwu.services.memberships import add_member

    a = ctx.args
    households = [h.strip() for h in a.households.split(",") if h.strip()]
    return ctx.run(lambda store, actor: add_member(store, actor, a.body, a.person, since=_date(a.since),
                                                   role=a.role, households=households),
                   _uuid, data=_created, write=True)


def members_end(ctx) -> int:
    from cunwu.services.memberships import end_member

    return ctx.run(lambda store, actor: end_member(store, actor, ctx.args.uuid, _date(ctx.args.until)),
                   _uuid, data=lambda row: {"uuid": row.uuid, "until": row.until.isoformat()}, write=True)


def rules_list(ctx) -> int:
    from cunwu.services.memberships import all_rules

    return ctx.run(all_rules, lambda rows: table(
        [[r["kind"], r["quorum"] or "-", r["households"] or "-", r["passing"]] for r in rows],
        [_("kind"), _("quorum"), _("households"), _("passing")]))


def rules_set(ctx) -> int:
    from cunwu.services.memberships import set_rules

    a = ctx.args
    return ctx.run(lambda store, actor: set_rules(store, actor, a.kind, quorum=a.quorum,
                                                  households=a.households, passing=a.passing),
                   lambda row: f"{row['kind']}: {row['quorum'] or '-'} / {row['households'] or '-'} / "
                               f"{row['passing']}",
                   write=True)


# -- matters ----------------------------------------------------------------------------------

def matters_add(ctx) -> int:
    from cunwu.services.matters import add_matter

    data = _read(ctx.args.file)
    return ctx.run(lambda store, actor: add_matter(store, actor, data), _uuid, data=_created, write=True)


def _steps_text(d: dict) -> list[str]:
    marks = {"done": "✔", "rejected": "✘", "current": "→", "pending": "·"}
    lines = [f"{d['title']}  [{d['status_label']}]" + (f"  {_('due date')} {d['due']}" if d["due"] else "")]
    for s in d["steps"]:
        link = s.get("meeting_title") or s.get("disclosure_uuid") or ""
        lines.append(f" {marks[s['state']]} {s['name']}  {s.get('on') or ''} {link}".rstrip())
    return lines


def matters_list(ctx) -> int:
    from cunwu.services.matters import list_matters

    return ctx.run(list_matters, lambda rows: table(
        [[r["title"], r["status_label"], r["next_step_name"] or "", r["due"] or "", r["uuid"]] for r in rows],
        [_("title"), _("status"), _("next step"), _("due date"), "UUID"]))


def matters_show(ctx) -> int:
    from cunwu.services.matters import matter_detail

    return ctx.run(lambda store: matter_detail(store, ctx.args.uuid), _steps_text)


def matters_advance(ctx) -> int:
    from cunwu.services.matters import advance

    a = ctx.args
    return ctx.run(lambda store, actor: advance(store, actor, a.uuid, a.step, meeting=a.meeting, item=a.item,
                                                disclosure=a.disclosure, result=a.result,
                                                return_to=a.return_to or "", note=a.note, on=a.on),
                   _steps_text, write=True)


def matters_follow_up(ctx) -> int:
    from cunwu.services.matters import follow_up, matter_detail

    def work(store, actor):
        follow_up(store, actor, ctx.args.uuid, ctx.args.note, new_due=ctx.args.due)
        return matter_detail(store, ctx.args.uuid)

    return ctx.run(work, _steps_text, write=True)


# -- concerns ---------------------------------------------------------------------------------

def concerns_list(ctx) -> int:
    from cunwu.services.concerns import list_concerns

    return ctx.run(lambda store, actor: list_concerns(store, open_only=ctx.args.open), lambda rows: table(
        [[r["raised_on"], r["raised_by"], r["topic"], r["status"], r["uuid"]] for r in rows],
        [_("date"), _("raised by"), _("topic"), _("status"), "UUID"]), login=True)


def concerns_add(ctx) -> int:
    from cunwu.services.concerns import add_concern

    data = _read(ctx.args.file)
    return ctx.run(lambda store, actor: add_concern(store, actor, data, ctx.args.meeting), _uuid,
                   data=_created, write=True)


def concerns_update(ctx) -> int:
    from cunwu.services.concerns import concern_dict, update_concern

    a = ctx.args
    return ctx.run(lambda store, actor: update_concern(store, actor, a.uuid, answer=a.answer,
                                                       follow_up=a.follow_up, due=a.due, close=a.close),
                   _uuid, data=concern_dict, write=True)

"""`cunwu disclosures …`: notices (村务公开) — list, due, add, generate, edit, sign-off, post,
correct, archive, print, verify, photos and feedback, the village's rules."""

from __future__ import annotations

import sys

from cunwu.cli.common import read_json, table
from cunwu.i18n import _


def register(sub, common) -> None:
    top = sub.add_parser("disclosures", parents=[common], help=_("village-affairs disclosures (村务公开)"))
    s = top.add_subparsers(dest="disclosures_command", metavar=_("ACTION"), required=True)

    def cmd(name, handler, help_text):
        p = s.add_parser(name, parents=[common], help=help_text)
        p.set_defaults(handler=handler)
        return p

    cmd("list", list_, _("notices with their status and period"))
    p = cmd("show", show, _("one notice with its tables, photos and feedback"))
    p.add_argument("uuid")
    cmd("due", due, _("what the schedule says is due or overdue"))
    p = cmd("add", add, _("a new draft notice from a JSON file; prints its UUID"))
    p.add_argument("file", metavar="FILE.json")
    p.add_argument("--xlsx", metavar="FILE.xlsx", help=_("add a table read from this spreadsheet"))
    p = cmd("edit", edit, _("change a draft from a JSON file (only the fields given)"))
    p.add_argument("uuid")
    p.add_argument("file", metavar="FILE.json")
    p = cmd("generate", generate, _("a relief notice from the residents' records; prints its UUID"))
    p.add_argument("kind", choices=("dibao", "tekun", "linshi"))
    p.add_argument("--period", required=True, help=_("2026Q3, 2026-07 or 2026"))
    p = cmd("sign-off", sign_off, _("supervision committee sign-off (supervisor accounts only)"))
    p.add_argument("uuid")
    p.add_argument("--posting-date", metavar="YYYY-MM-DD")
    p = cmd("withdraw", withdraw, _("take a sign-off back (the notice becomes a draft again)"))
    p.add_argument("uuid")
    p = cmd("post", post, _("record that the signed notice is posted"))
    p.add_argument("uuid")
    p = cmd("archive", archive, _("archive a notice whose posting period is over"))
    p.add_argument("uuid")
    p = cmd("correct", correct, _("a correction: a new draft naming the posted notice; prints its UUID"))
    p.add_argument("uuid")
    p.add_argument("file", metavar="FILE.json", nargs="?")
    p = cmd("print", print_, _("the notice as it is posted, as PDF"))
    p.add_argument("uuid")
    p.add_argument("--out", required=True, metavar="F.pdf")
    p = cmd("verify", verify, _("check the code printed on a notice against the records"))
    p.add_argument("code")
    p = cmd("photo", photo, _("add a photo of the posted notice"))
    p.add_argument("uuid")
    p.add_argument("file", metavar="PHOTO")
    p = cmd("feedback", feedback, _("record feedback or an objection received"))
    p.add_argument("uuid")
    p.add_argument("--content", required=True)
    p.add_argument("--kind", default="意见", choices=("意见", "异议", "咨询"))
    p.add_argument("--from", dest="from_name", default="")
    p.add_argument("--received", metavar="YYYY-MM-DD")
    p = cmd("answer", answer, _("record the answer to a feedback"))
    p.add_argument("feedback_uuid")
    p.add_argument("--answer", required=True)
    p = cmd("rules", rules, _("show or change the village's disclosure rules"))
    p.add_argument("--phone")
    p.add_argument("--place")
    p.add_argument("--finance-every", choices=("month", "quarter"))
    p.add_argument("--affairs-every", choices=("month", "quarter"))
    p.add_argument("--schedule-from", metavar="YYYY-MM-DD")


def _status(value: str) -> str:
    from cunwu.domain.disclosures import STATUS_LABELS

    return _(STATUS_LABELS.get(value, value))


def list_(ctx) -> int:
    from cunwu.services import disclosures as svc

    def shown(data):
        return table([[d["uuid"][:8], d["category"], _status(d["status"]),
                       f"{d['period']['from']}~{d['period']['to']}", d["title"]] for d in data],
                     [_("id"), _("category"), _("status"), _("period"), _("title")])

    return ctx.run(lambda store: [svc.as_json(d) for d in svc.list_all(store)], shown)


def show(ctx) -> int:
    from cunwu.services import disclosures as svc
    from cunwu.services.disclosure_print import codes

    def work(store):
        det = svc.detail(store, ctx.args.uuid)
        data = svc.as_json(det.disclosure, full=True)
        data["verification_code"] = codes(det.disclosure, store.village().code).short
        data["photos"] = [{"uuid": p.uuid, "sha256": p.sha256, "file": p.file_name,
                           "intact": svc.photo_intact(store, p)} for p in det.photos]
        data["feedback"] = [svc.feedback_json(f) for f in det.feedback]
        data["corrected_by"] = det.corrected_by
        return data

    def shown(data):
        return ([f"{data['title']}  [{_status(data['status'])}]",
                 f"{data['category']}  {data['period']['from']} ~ {data['period']['to']}",
                 _("verification code: {code}").format(code=data["verification_code"])]
                + [f"- {f['kind']} {f['received_on']}: {f['content']} → {f['answer'] or '…'}"
                   for f in data["feedback"]])

    return ctx.run(work, shown)


def due(ctx) -> int:
    from cunwu.services.disclosure_schedule import due as due_items

    def shown(data):
        return table([[_("overdue") if d["state"] == "overdue" else _("due"), d["due"],
                       d["title"]] for d in data], [_("state"), _("by"), _("title")]) \
            if data else _("Nothing is due.")

    return ctx.run(lambda store: [d.as_dict() for d in due_items(store)], shown)


def _state(d) -> dict:
    return {"uuid": d.uuid, "status": d.status}


def _uuid(d) -> str:
    return d.uuid


def _read(path) -> dict:
    return read_json(path, "E_DISCLOSURE_INPUT", object_only=True)


def add(ctx) -> int:
    from cunwu.io.disclosure_tables import read_xlsx
    from cunwu.services.disclosure_drafts import save_draft

    data = _read(ctx.args.file)
    if ctx.args.xlsx:
        data["tables"] = list(data.get("tables") or []) + [read_xlsx(ctx.args.xlsx)]
    return ctx.run(lambda store, actor: _warn_glyphs(save_draft(store, actor, data)), _uuid,
                   data=_state, write=True)


def edit(ctx) -> int:
    from cunwu.services.disclosure_drafts import save_draft

    data = _read(ctx.args.file)
    return ctx.run(lambda store, actor: _warn_glyphs(save_draft(store, actor, data, uuid=ctx.args.uuid)),
                   _uuid, data=_state, write=True)


def generate(ctx) -> int:
    from cunwu.services.relief_lists import generate as gen

    return ctx.run(lambda store, actor: gen(store, actor, ctx.args.kind, ctx.args.period), _uuid,
                   data=_state, write=True)


def sign_off(ctx) -> int:
    from cunwu.domain.disclosures import parse_date
    from cunwu.services import disclosures as svc

    day = parse_date(ctx.args.posting_date, "--posting-date") if ctx.args.posting_date else None
    return ctx.run(lambda store, actor: svc.sign_off(store, actor, ctx.args.uuid, posting_date=day),
                   lambda d: _("Signed off: {title}").format(title=d.title), data=_state, write=True)


def _simple(ctx, func, message: str) -> int:
    return ctx.run(lambda store, actor: func(store, actor, ctx.args.uuid),
                   lambda d: message.format(title=d.title), data=_state, write=True)


def withdraw(ctx) -> int:
    from cunwu.services.disclosures import withdraw_sign_off

    return _simple(ctx, withdraw_sign_off, _("Back to draft: {title}"))


def post(ctx) -> int:
    from cunwu.services.disclosures import post as do_post

    return _simple(ctx, do_post, _("Posted: {title}"))


def archive(ctx) -> int:
    from cunwu.services.disclosures import archive as do_archive

    return _simple(ctx, do_archive, _("Archived: {title}"))


def correct(ctx) -> int:
    from cunwu.services import disclosures as svc

    data = _read(ctx.args.file) if ctx.args.file else None
    return ctx.run(lambda store, actor: svc.correct(store, actor, ctx.args.uuid, data), _uuid,
                   data=_state, write=True)


def _warn_glyphs(draft):
    """Warn on stderr of characters the font lacks and of health detail; returns the draft's
    disclosure."""
    if draft.lacking:
        _glyph_message(draft.lacking)
    _health_message(draft.health)
    return draft.disclosure


def _health_message(words: list[str]) -> None:
    if words:
        print(_("Warning: the notice mentions {words}. A posted notice must not show health or "
                "disability detail; check it before sign-off.").format(words="、".join(words)),
              file=sys.stderr)


def _glyph_message(lacking: list[str]) -> None:
    shown = " ".join(f"{c} (U+{ord(c):04X})" for c in lacking)
    print(_("Warning: the printing font has no glyph for {chars}; the notice shows their code "
            "instead. Check the spelling or write the character another way.").format(chars=shown),
          file=sys.stderr)


def print_(ctx) -> int:
    from cunwu.services.disclosure_print import print_pdf

    printed = ctx.call(lambda store: print_pdf(store, ctx.args.uuid, ctx.args.out))
    if printed.lacking:
        _glyph_message(printed.lacking)
    _health_message(printed.health)
    ctx.emit({"out": str(ctx.args.out), "bytes": len(printed.pdf), "lacking": printed.lacking,
              "health_words": printed.health},
             _("Written: {path}").format(path=ctx.args.out))
    return 0


def verify(ctx) -> int:
    from cunwu.errors import CunwuError
    from cunwu.services.disclosure_print import verify as check

    verdict = ctx.call(lambda store: check(store, ctx.args.code))
    if ctx.json:
        ctx.emit(verdict.as_dict())
    if verdict.ok:
        if not ctx.json:
            print(verdict.message)
        return 0
    if verdict.uuid:
        raise CunwuError("E_DISCLOSURE_MISMATCH", title=verdict.title)
    raise CunwuError("E_DISCLOSURE_UNKNOWN_CODE", value=ctx.args.code)


def photo(ctx) -> int:
    from cunwu.services import disclosures as svc

    return ctx.run(lambda store, actor: svc.add_photo(store, actor, ctx.args.uuid, ctx.args.file), _uuid,
                   data=lambda p: {"uuid": p.uuid, "sha256": p.sha256, "file": p.file_name}, write=True)


def feedback(ctx) -> int:
    from cunwu.services import disclosures as svc

    a = ctx.args
    return ctx.run(lambda store, actor: svc.add_feedback(
        store, actor, a.uuid, content=a.content, kind=a.kind, from_name=a.from_name,
        received_on=a.received), _uuid, data=svc.feedback_json, write=True)


def answer(ctx) -> int:
    from cunwu.services import disclosures as svc

    return ctx.run(lambda store, actor: svc.answer_feedback(store, actor, ctx.args.feedback_uuid,
                                                            ctx.args.answer),
                   _uuid, data=svc.feedback_json, write=True)


def rules(ctx) -> int:
    import json

    from cunwu.domain.disclosures import DEFAULT_MIN_DAYS
    from cunwu.services import disclosures as svc

    a = ctx.args
    changes = {k: v for k, v in (("phone", a.phone), ("place", a.place),
                                 ("finance_every", a.finance_every),
                                 ("affairs_every", a.affairs_every),
                                 ("schedule_from", a.schedule_from)) if v is not None}

    def work(store, actor=None):  # only a change logs in
        r = svc.change_rules(store, actor, **changes) if changes else svc.rules(store)
        return {"phone": r.phone, "place": r.place, "finance_every": r.finance_every,
                "affairs_every": r.affairs_every, "due_within_days": r.due_within_days,
                "relief_within_days": r.relief_within_days,
                "schedule_from": r.schedule_from.isoformat() if r.schedule_from else None,
                "min_days": {**DEFAULT_MIN_DAYS, **json.loads(r.min_days or "{}")}}

    return ctx.run(work, lambda data: [f"{k}: {v}" for k, v in data.items()], write=bool(changes))

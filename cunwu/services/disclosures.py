"""Use cases for disclosures (村务公开): draft, edit, sign off, post, correct, archive,
photos of the posting, feedback and answers, the village's rules, listing and showing.

Printing and verification codes live in services/disclosure_print.py; the schedule in
services/disclosure_schedule.py; notices built from residents' tags in services/relief_lists.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import select

from cunwu import clock
from cunwu.domain import disclosures as dom
from cunwu.domain import limits
from cunwu.domain.disclosures import (Disclosure, DisclosureFeedback, DisclosurePhoto,
                                      DisclosureRules)
from cunwu.errors import CunwuError
from cunwu.store.canonical import canonical_json

PHOTO_DIR = "disclosure_photos"
PHOTO_TYPES = {b"\xff\xd8\xff": ".jpg", b"\x89PNG\r\n\x1a\n": ".png"}
MAX_PHOTO_BYTES = 30_000_000
EDITABLE = ("kind", "category", "title", "body", "tables", "period", "period_from", "period_to",
            "posting_date", "posting_days", "place", "phone", "matter_uuid", "meeting_uuid")


@dataclass
class Detail:
    """A notice with its photos and feedback, for showing."""

    disclosure: Disclosure
    photos: list[DisclosurePhoto] = field(default_factory=list)
    feedback: list[DisclosureFeedback] = field(default_factory=list)
    corrected_by: list[str] = field(default_factory=list)


# -- rules --------------------------------------------------------------------

def rules(store) -> DisclosureRules:
    """The village's rules: the stored row, or the legal defaults."""
    with store.read() as s:
        row = s.exec(select(DisclosureRules)).first()
    if row is not None:
        return row
    village = store.village()
    start = village.created_at.date().replace(day=1) if village else clock.today().replace(day=1)
    return DisclosureRules(village_code=village.code if village else "", schedule_from=start)


def change_rules(store, actor, **values) -> DisclosureRules:
    allowed = {"phone", "place", "min_days", "finance_every", "affairs_every", "due_within_days",
               "relief_within_days", "schedule_from"}
    values = limits.check(values)
    for name, value in values.items():
        if name not in allowed:
            raise CunwuError("E_DISCLOSURE_RULES", name=name, detail="unknown")
        if name in ("phone", "place"):
            values[name] = str(value or "").strip()
        if name in ("finance_every", "affairs_every") and value not in ("month", "quarter"):
            raise CunwuError("E_DISCLOSURE_RULES", name=name, detail="month or quarter")
        if name in ("due_within_days", "relief_within_days") and not (
                isinstance(value, int) and 0 <= value <= 90):
            raise CunwuError("E_DISCLOSURE_RULES", name=name, detail="0 to 90 days")
        if name == "min_days":
            if not isinstance(value, dict) or any(
                    k not in dom.KINDS or not isinstance(v, int) or not 1 <= v <= 90
                    for k, v in value.items()):
                raise CunwuError("E_DISCLOSURE_RULES", name=name, detail="kind: 1 to 90 days")
            values[name] = canonical_json(value).decode("utf-8")
        if name == "schedule_from" and value is not None:
            values[name] = dom.parse_date(value, name)
    with store.write(actor, "disclosures.rules") as uow:
        row = uow.session.exec(select(DisclosureRules)).first()
        if row is None:
            row = rules(store)
            for k, v in values.items():
                setattr(row, k, v)
            uow.add(row)
        else:
            for k, v in values.items():
                setattr(row, k, v)
            uow.save(row)
        uow.detail = {k: str(v) for k, v in values.items()}
    return row


# -- reading ------------------------------------------------------------------

def get(session, uuid: str) -> Disclosure:
    d = session.get(Disclosure, limits.ref(uuid, "uuid"))
    if d is None:
        raise CunwuError("E_DISCLOSURE_NOT_FOUND", ref=uuid)
    return d


def list_all(store) -> list[Disclosure]:
    with store.read() as s:
        return list(s.exec(select(Disclosure).order_by(Disclosure.period_from.desc(),
                                                       Disclosure.created_at.desc())))


def detail(store, uuid: str) -> Detail:
    with store.read() as s:
        d = get(s, uuid)
        photos = list(s.exec(select(DisclosurePhoto).where(DisclosurePhoto.disclosure_uuid == uuid)
                             .order_by(DisclosurePhoto.added_at)))
        feedback = list(s.exec(select(DisclosureFeedback)
                               .where(DisclosureFeedback.disclosure_uuid == uuid)
                               .order_by(DisclosureFeedback.received_on,
                                         DisclosureFeedback.created_at)))
        later = [x.uuid for x in s.exec(select(Disclosure).where(Disclosure.corrects_uuid == uuid))]
    return Detail(d, photos, feedback, later)


def as_json(d: Disclosure, today: dt.date | None = None, *, full: bool = False) -> dict:
    today = today or clock.today()
    out = {"uuid": d.uuid, "kind": d.kind, "category": d.category, "title": d.title,
           "period": {"from": d.period_from.isoformat(), "to": d.period_to.isoformat()},
           "status": d.state(today),
           "posting_date": d.posting_date.isoformat() if d.posting_date else None,
           "posting_days": d.posting_days,
           "period_end": d.period_end().isoformat() if d.period_end() else None,
           "place": d.place, "phone": d.phone, "signed_by": d.signed_by or None,
           "signed_on": d.signed_on.isoformat() if d.signed_on else None,
           "corrects": d.corrects_uuid, "matter": d.matter_uuid, "meeting": d.meeting_uuid}
    if full:
        out["body"] = d.body
        out["tables"] = d.table_list
    return out


# -- writing ------------------------------------------------------------------

def _values(data: dict, rules_row: DisclosureRules, *, new: bool) -> dict:
    """Checked field values from a notice as typed or read from JSON."""
    unknown = set(data) - set(EDITABLE) - {"corrects"}
    if unknown:
        raise CunwuError("E_DISCLOSURE_INPUT", path="", detail=f"unknown field {sorted(unknown)[0]}")
    out: dict = {}
    if "kind" in data or new:
        out["kind"] = str(data.get("kind") or "free").strip()
    if "category" in data or new:
        kind = out.get("kind", "free")
        default = dom.KINDS.get(kind, (None, "村务"))[1]
        out["category"] = str(data.get("category") or default).strip()
    for name in ("title", "body", "place", "phone"):
        if name in data:
            out[name] = str(data[name] or "").strip()
    if "period" in data:
        period = data["period"]
        if isinstance(period, str):
            out["period_from"], out["period_to"] = dom.parse_period(period)
        elif isinstance(period, dict) and period.get("from") and period.get("to"):
            out["period_from"] = dom.parse_date(period["from"], "period.from")
            out["period_to"] = dom.parse_date(period["to"], "period.to")
        else:
            raise CunwuError("E_DISCLOSURE_PERIOD")
    for name in ("period_from", "period_to", "posting_date"):
        if data.get(name) not in (None, ""):
            out[name] = dom.parse_date(data[name], name)
        elif name in data and name == "posting_date":
            out[name] = None
    if "posting_days" in data:
        try:
            out["posting_days"] = int(data["posting_days"])
        except (TypeError, ValueError):
            raise CunwuError("E_DISCLOSURE_POSTING_DAYS", days=data["posting_days"],
                             minimum=rules_row.minimum_days(out.get("kind", "free")),
                             kind=out.get("kind", "free")) from None
    if "tables" in data:
        out["tables"] = canonical_json(dom.clean_tables(data["tables"])).decode("utf-8")
    for name in ("matter_uuid", "meeting_uuid"):
        if name in data:
            out[name] = (str(data[name]).strip() or None) if data[name] else None
    return out


def add(store, actor, data: dict, *, corrects: str | None = None) -> Disclosure:
    """A new draft notice. Missing 公示期, place and 监督电话 come from the village's rules."""
    data = limits.fields_of(data, "notice")
    if not str(data.get("title") or "").strip():
        raise CunwuError("E_DISCLOSURE_TITLE")  # the first thing to say, before the details
    r = rules(store)
    values = _values(data, r, new=True)
    if "period_from" not in values or "period_to" not in values:
        raise CunwuError("E_DISCLOSURE_PERIOD")
    values.setdefault("posting_days", max(7, r.minimum_days(values["kind"])))
    values.setdefault("place", "")
    values.setdefault("phone", "")
    values["place"] = values["place"] or r.place
    values["phone"] = values["phone"] or r.phone
    corrects = corrects or data.get("corrects")
    d = Disclosure(**values, status="draft", created_at=clock.now_utc(), created_by=actor.username)
    dom.check(d, r)
    with store.write(actor, "disclosures.add") as uow:
        if corrects:
            old = get(uow.session, corrects)
            if old.state(clock.today()) not in ("posted", "period_over", "archived"):
                raise CunwuError("E_DISCLOSURE_CORRECTS", title=old.title,
                                 status=dom.status_label(old.state(clock.today())))
            d.corrects_uuid = old.uuid
            uow.action = "disclosures.correct"
        uow.add(d)
        uow.detail = {"kind": d.kind, "category": d.category, "title": d.title,
                      "corrects": d.corrects_uuid}
    return d


def correct(store, actor, uuid: str, data: dict | None = None) -> Disclosure:
    """A correction: a new draft that starts as a copy of the posted notice and names it."""
    with store.read() as s:
        old = get(s, uuid)
    base = {"kind": old.kind, "category": old.category, "title": f"{old.title}（更正）",
            "body": old.body, "tables": old.table_list,
            "period": {"from": old.period_from.isoformat(), "to": old.period_to.isoformat()},
            "posting_days": old.posting_days, "place": old.place, "phone": old.phone,
            "matter_uuid": old.matter_uuid, "meeting_uuid": old.meeting_uuid}
    base.update(data or {})
    return add(store, actor, base, corrects=uuid)


def update(store, actor, uuid: str, data: dict) -> Disclosure:
    """Edit a draft. A signed-off or posted notice refuses (E_DISCLOSURE_NOT_DRAFT / _POSTED)."""
    data = limits.fields_of(data, "notice")
    r = rules(store)
    values = _values(data, r, new=False)
    with store.write(actor, "disclosures.edit") as uow:
        d = get(uow.session, uuid)
        dom.editable(d)
        changed = sorted(k for k, v in values.items() if getattr(d, k) != v)
        for k, v in values.items():
            setattr(d, k, v)
        dom.check(d, r)
        uow.save(d)
        uow.detail = {"changed": changed}
    return d


def sign_off(store, actor, uuid: str, *, posting_date: dt.date | None = None) -> Disclosure:
    """村务监督委员会 review: only a supervisor account signs. Freezes the content; the
    posting date (default today) is part of what is signed."""
    if actor.role != "supervisor":
        raise CunwuError("E_DISCLOSURE_SIGNOFF_ROLE", user=actor.username, role=actor.role)
    from cunwu.domain.accounts import User

    r = rules(store)
    village = store.village()
    with store.write(actor, "disclosures.sign_off", permission="sign_off") as uow:
        d = get(uow.session, uuid)
        if d.status != "draft":
            raise CunwuError("E_DISCLOSURE_STATE", title=d.title, status=dom.status_label(d.status),
                             action="sign-off")
        if posting_date is not None or d.posting_date is None:
            d.posting_date = posting_date or clock.today()
        dom.check(d, r)
        user = uow.session.exec(select(User).where(User.username == actor.username)).first()
        d.signed_by = actor.username
        d.signed_name = (user.display_name if user else "") or actor.username
        d.signed_on = clock.today()
        d.signed_at = clock.now_utc()
        d.content_sha256 = dom.content_sha256(dom.content(d, village.code))
        d.status = "signed_off"
        uow.save(d)
        uow.detail = {"title": d.title, "content_sha256": d.content_sha256}
    return d


def withdraw_sign_off(store, actor, uuid: str) -> Disclosure:
    """Back to draft before posting (the signature is cleared, to be given again): by the
    supervision committee that signed, or by a clerk who must change the draft."""
    permission = "sign_off" if actor.may("sign_off") else "write"
    with store.write(actor, "disclosures.withdraw", permission=permission) as uow:
        d = get(uow.session, uuid)
        if d.status != "signed_off":
            raise CunwuError("E_DISCLOSURE_STATE", title=d.title, status=dom.status_label(d.status),
                             action="withdraw")
        d.status, d.signed_by, d.signed_name = "draft", "", ""
        d.signed_on, d.signed_at, d.content_sha256 = None, None, ""
        uow.save(d)
    return d


def post(store, actor, uuid: str) -> Disclosure:
    """Record that the signed notice is on the wall; from now on it never changes."""
    with store.write(actor, "disclosures.post") as uow:
        d = get(uow.session, uuid)
        if d.status != "signed_off":
            raise CunwuError("E_DISCLOSURE_STATE", title=d.title, status=dom.status_label(d.status),
                             action="post")
        d.status = "posted"
        d.posted_at = clock.now_utc()
        uow.save(d)
        uow.detail = {"title": d.title, "posting_date": d.posting_date.isoformat()}
    return d


def archive(store, actor, uuid: str) -> Disclosure:
    today = clock.today()
    with store.write(actor, "disclosures.archive") as uow:
        d = get(uow.session, uuid)
        if d.state(today) != "period_over":
            raise CunwuError("E_DISCLOSURE_STATE", title=d.title, status=dom.status_label(d.state(today)),
                             action="archive")
        d.status = "archived"
        d.archived_at = clock.now_utc()
        uow.save(d)
    return d


def add_photo(store, actor, uuid: str, path: Path) -> DisclosurePhoto:
    """A photo of the posted notice, copied into the data folder under its SHA-256."""
    actor.require("write", "disclosures.photo")  # before the copy: a refusal leaves no file
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise CunwuError("E_DISCLOSURE_PHOTO", path=str(path), detail=e.strerror or str(e)) from e
    ext = next((x for magic, x in PHOTO_TYPES.items() if data.startswith(magic)), None)
    if ext is None:
        raise CunwuError("E_DISCLOSURE_PHOTO", path=str(path), detail="not a JPEG or PNG image")
    if len(data) > MAX_PHOTO_BYTES:
        raise CunwuError("E_DISCLOSURE_PHOTO", path=str(path), detail="larger than 30 MB")
    digest = hashlib.sha256(data).hexdigest()
    rel = f"{PHOTO_DIR}/{digest}{ext}"
    target = store.paths.data_dir / rel
    if not target.exists():
        from cunwu.files import write_atomic

        write_atomic(target, data)
    with store.write(actor, "disclosures.photo") as uow:
        d = get(uow.session, uuid)
        if d.status == "draft":
            raise CunwuError("E_DISCLOSURE_STATE", title=d.title, status=dom.status_label(d.status),
                             action="photo")
        photo = DisclosurePhoto(disclosure_uuid=uuid, sha256=digest, file_name=rel,
                                original_name=path.name, size=len(data),
                                added_at=clock.now_utc(), added_by=actor.username)
        uow.add(photo)
        uow.set_target("disclosures", uuid)
        uow.detail = {"sha256": digest}
    return photo


def photo_intact(store, photo: DisclosurePhoto) -> bool:
    """The stored file is still the one recorded (its hash matches)."""
    try:
        data = (store.paths.data_dir / photo.file_name).read_bytes()
    except OSError:
        return False
    return hashlib.sha256(data).hexdigest() == photo.sha256


def add_feedback(store, actor, uuid: str, *, content: str, received_on=None, kind: str = "意见",
                 from_name: str = "") -> DisclosureFeedback:
    """Feedback or an objection received about a posted notice."""
    content, kind, from_name, received_on = limits.fields(
        content=content, kind=kind, from_name=from_name, received_on=received_on).values()
    content = (content or "").strip()
    received = dom.parse_date(received_on, "received_on") if received_on else clock.today()
    if not content:
        raise CunwuError("E_DISCLOSURE_FEEDBACK")
    if kind not in dom.FEEDBACK_KINDS:
        kind = "意见"
    with store.write(actor, "disclosures.feedback") as uow:
        d = get(uow.session, uuid)
        if d.status == "draft":
            raise CunwuError("E_DISCLOSURE_STATE", title=d.title, status=dom.status_label(d.status),
                             action="feedback")
        fb = DisclosureFeedback(disclosure_uuid=uuid, kind=kind, received_on=received,
                                from_name=(from_name or "").strip(), content=content,
                                created_at=clock.now_utc())
        uow.add(fb)
        uow.set_target("disclosures", uuid)
        uow.detail = {"kind": kind}
    return fb


def answer_feedback(store, actor, feedback_uuid: str, answer: str) -> DisclosureFeedback:
    answer = (limits.field("answer", answer) or "").strip()
    if not answer:
        raise CunwuError("E_DISCLOSURE_FEEDBACK")
    feedback_uuid = limits.ref(feedback_uuid, "feedback_uuid")
    with store.write(actor, "disclosures.answer") as uow:
        fb = uow.session.get(DisclosureFeedback, feedback_uuid)
        if fb is None:
            raise CunwuError("E_DISCLOSURE_FEEDBACK_NOT_FOUND", ref=feedback_uuid)
        fb.answer, fb.answered_on, fb.answered_by = answer, clock.today(), actor.username
        uow.save(fb)
    return fb


def feedback_json(fb: DisclosureFeedback) -> dict:
    return {"uuid": fb.uuid, "kind": fb.kind, "received_on": fb.received_on.isoformat(),
            "from": fb.from_name, "content": fb.content, "answer": fb.answer or None,
            "answered_on": fb.answered_on.isoformat() if fb.answered_on else None}

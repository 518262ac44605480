"""Printing a disclosure as the notice that is posted, and checking a printed sheet's
verification code against the store (`cunwu disclosures verify CODE`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlmodel import select

from cunwu import clock
from cunwu.domain import disclosures as dom
from cunwu.domain import limits, verification
from cunwu.domain.disclosures import Disclosure
from cunwu.domain.verification import codes
from cunwu.i18n import _
from cunwu.services.disclosures import get


def notice_for(store, uuid: str):
    """The printable notice for a disclosure, as plain values."""
    from cunwu.printing.notice import Notice, NoticeTable

    village = store.village()
    with store.read() as s:
        d = get(s, uuid)
        corrected = s.get(Disclosure, d.corrects_uuid) if d.corrects_uuid else None
    c = codes(d, village.code)
    corrects = ""
    if corrected is not None:
        corrects = f"《{corrected.title}》（核验码 {codes(corrected, village.code).short}）"
    tables = [NoticeTable(t["title"], t["columns"], t["rows"]) for t in d.table_list]
    return Notice(village=village.name, category=d.category, title=d.title,
                  period_from=d.period_from, period_to=d.period_to, body=d.body, tables=tables,
                  posting_date=d.posting_date, posting_days=d.posting_days, place=d.place,
                  phone=d.phone, signed_by=d.signed_name if d.status != "draft" else "",
                  signed_on=d.signed_on if d.status != "draft" else None, corrects=corrects,
                  code=c.short, qr_payload=c.qr, draft=d.status == "draft")


def print_pdf(store, uuid: str, out: Path | str | None = None):
    """The notice as a PDF: masked personal data, the bundled font embedded. Returns the
    printing result; its `lacking` lists characters the font could not draw."""
    from cunwu.printing.notice import render

    return render(notice_for(store, uuid), out)


@dataclass
class Verdict:
    ok: bool
    message: str
    uuid: str | None = None
    title: str | None = None
    status: str | None = None

    def as_dict(self) -> dict:
        return {"ok": self.ok, "message": self.message, "uuid": self.uuid, "title": self.title,
                "status": self.status}


def verify(store, code: str) -> Verdict:
    """Does a printed sheet (its short code or scanned QR text) match the record?"""
    # a scanned QR payload is longer than a name
    form, a, b = verification.parse(limits.ref(code, "code", limits.TITLE))
    village = store.village()
    today = clock.today()
    with store.read() as s:
        if form == "qr":
            candidates = [x for x in [s.get(Disclosure, a)] if x is not None]
        else:
            candidates = [x for x in s.exec(select(Disclosure))
                          if verification.uuid_part(x.uuid) == a]
    if not candidates:
        return Verdict(False, _("No notice with this code is recorded in this village."))
    for d in candidates:
        c = codes(d, village.code)
        if (form == "qr" and c.sha256 == b) or (form == "short" and c.short.replace("-", "")[4:] == b):
            return Verdict(True, _("The sheet matches the record: '{title}', {status}.").format(
                title=d.title, status=_(dom.STATUS_LABELS[d.state(today)])),
                d.uuid, d.title, d.state(today))
    d = candidates[0]
    return Verdict(False, _("The sheet does NOT match the record of '{title}': its content "
                            "differs from what is stored.").format(title=d.title),
                   d.uuid, d.title, d.state(today))

"""Printing a meeting: its stored record turned into the sign-in sheet or the minutes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from cunwu.domain import meetings as m
from cunwu.errors import CunwuError
from cunwu.services.meeting_queries import meeting_detail

WHAT = ("signin", "minutes")


def sheet_of(store, uuid: str):
    """The printable values of a meeting (no store objects leave this function)."""
    from cunwu.printing.meeting_sheets import Concern, Item, MeetingSheet

    d = meeting_detail(store, uuid)
    corrects = ""
    if d["corrects"]:
        old = meeting_detail(store, d["corrects"])
        held = dt.datetime.fromisoformat(old["held_at"])
        corrects = f"{held.year}年{held.month}月{held.day}日《{old['title']}》的记录"
    by_status = {s: [a["name"] for a in d["attendance"] if a["status"] == s] for s in m.ATTENDANCE}
    return MeetingSheet(
        village=store.village().name, kind=d["kind"], title=d["title"],
        held_at=dt.datetime.fromisoformat(d["held_at"]), place=d["place"], chair=d["chair"],
        recorder=d["recorder"], expected=[a["name"] for a in d["attendance"]],
        present=by_status[m.PRESENT], excused=by_status[m.EXCUSED], absent=by_status[m.ABSENT],
        quorum_met=d["quorum_met"], quorum=d["rules"]["quorum"],
        households=d["rules"]["households"], passing=d["rules"]["passing"],
        households_expected=d["households_expected"], households_present=d["households_present"],
        items=[Item(i["title"], tuple(i["votes"][k] for k in (m.YES, m.NO, m.ABSTAIN)) if i["votes"] else None,
                    i["passed"], i["resolution"]) for i in d["items"]],
        minutes=d["minutes"],
        concerns=[Concern(c["raised_by"], c["topic"], c["answer"], c["follow_up"]) for c in d["concerns"]],
        corrects=corrects, correction_reason=d["correction_reason"])


def print_meeting(store, uuid: str, what: str, out: str | Path | None = None) -> dict:
    """Returns {"pdf": bytes, "pages": n, "lacking": [characters the font lacks]}."""
    from cunwu.printing.meeting_sheets import render

    if what not in WHAT:
        raise CunwuError("E_MEETING_INPUT", detail=what)
    sheet = sheet_of(store, uuid)
    printed = render(sheet, what, out)  # a file that cannot be written is E_EXPORT_WRITE
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", printed.pdf))
    return {"pdf": printed.pdf, "pages": pages, "lacking": printed.lacking}

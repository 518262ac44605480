"""Votes on agenda items (表决) as the services take them: with a meeting's items (the JSON
file, the window's editor) or one item at a time (`meetings vote`); all go through
`checked_votes`, which asks the meeting's verdict (domain/votes.py)."""

from __future__ import annotations

from sqlmodel import select

from cunwu.domain import limits
from cunwu.domain import meetings as m
from cunwu.domain.votes import MeetingVerdict
from cunwu.errors import CunwuError
from cunwu.i18n import _
from cunwu.services.meeting_queries import find_item, item_dict, open_meeting, verdict_in

# The names a vote may go by in the JSON, for each of 同意 / 反对 / 弃权.
VOTE_NAMES = {m.YES: ("同意", "yes"), m.NO: ("反对", "no"), m.ABSTAIN: ("弃权", "abstain")}


def parse_votes(raw) -> tuple | None:
    """{"同意": 16, "反对": 3, "弃权": 1} (or yes/no/abstain) as (yes, no, abstain) unchecked;
    None when no vote was taken."""
    if raw in (None, {}):
        return None
    if not isinstance(raw, dict):
        raise CunwuError("E_MEETING_INPUT", detail="votes")
    unknown = set(raw) - {a for names in VOTE_NAMES.values() for a in names}
    if unknown:
        raise CunwuError("E_MEETING_INPUT", detail=_("unknown vote '{v}'").format(v=sorted(unknown)[0]))
    return tuple(next((raw[a] for a in VOTE_NAMES[k] if a in raw), 0) for k in (m.YES, m.NO, m.ABSTAIN))


def checked_votes(verdict: MeetingVerdict, held: bool, title: str, votes) -> tuple[int, int, int]:
    """The votes to record, or why they cannot be: the meeting is not held, it has no
    quorum, or the numbers are not whole or add up to more than those present."""
    if not held:
        raise CunwuError("E_MEETING_NOT_HELD", title=title)
    return verdict.checked(*votes)


def check_items(data_items, verdict: MeetingVerdict, held: bool) -> list[dict]:
    """A meeting's agenda items as given, each vote checked; rows for `_replace_items`."""
    if data_items is None:
        return []
    if not isinstance(data_items, list):
        raise CunwuError("E_MEETING_INPUT", detail=_("'{field}' must be a list").format(field="items"))
    out = []
    for i, raw in enumerate(data_items):
        if not isinstance(raw, dict) or not str(raw.get("title") or "").strip():
            raise CunwuError("E_MEETING_INPUT", detail=_("agenda item {n} needs a title").format(n=i + 1))
        votes = parse_votes(raw.get("votes"))
        if votes is not None:
            votes = checked_votes(verdict, held, str(raw["title"]), votes)
        out.append({"uuid": raw.get("uuid"), "title": str(raw["title"]).strip(), "votes": votes,
                    "resolution": str(raw.get("resolution") or "").strip(), "position": i})
    return out


def check_recorded(session, meeting_uuid: str, verdict: MeetingVerdict) -> None:
    """Votes already recorded must still stand after the attendance changed."""
    for item in session.exec(select(m.AgendaItem).where(m.AgendaItem.meeting_uuid == meeting_uuid)):
        if item.voted:
            verdict.checked(item.votes_yes, item.votes_no, item.votes_abstain)


def record_votes(store, actor, meeting_uuid: str, item_ref, yes, no, abstain,
                 resolution: str | None = None) -> dict:
    """One item's vote, the item named by its number (1, 2, …) or UUID; returns the item as
    `meeting_detail` shows it, with its result."""
    resolution = limits.field("resolution", resolution)
    with store.write(actor, "meetings.vote") as uow:
        s = uow.session
        meeting = open_meeting(s, meeting_uuid)
        item = find_item(s, meeting, item_ref)
        verdict = verdict_in(s, meeting)
        item.votes_yes, item.votes_no, item.votes_abstain = checked_votes(
            verdict, meeting.status != m.PLANNED, meeting.title, (yes, no, abstain))
        if resolution is not None:
            item.resolution = resolution.strip()
        uow.save(item)
        uow.set_target("meeting_items", item.uuid)
        uow.detail = {"yes": item.votes_yes, "no": item.votes_no, "abstain": item.votes_abstain}
        shown = item_dict(item, verdict)
    return shown

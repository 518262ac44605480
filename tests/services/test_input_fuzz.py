"""Every service that takes what a user types is fed random text and types (control and bidi
characters, lone surrogates, huge strings and numbers, NaN, lists, objects), and a third of the
calls name their record by a random UUID-ish value: each call ends in success or a coded
refusal, never E_INTERNAL or another exception, and never hangs.

About 200 examples by default; CUNWU_FUZZ=long runs 10,000 (CUNWU_FUZZ_CASES sets any number).
"""

from __future__ import annotations

import datetime as dt
import os
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cunwu.domain.idnumbers import make
from cunwu.errors import CunwuError
from cunwu.services import (accounts, concerns, disclosures, matters, meeting_votes, meetings,
                            memberships, monitoring, points, points_ledger, points_rules,
                            points_settings, points_shop, residents)

CASES = int(os.environ.get("CUNWU_FUZZ_CASES")
            or (10_000 if os.environ.get("CUNWU_FUZZ") == "long" else 200))
SLOWEST = 5.0  # seconds for one call

_ODD = "\x00\x07\x1b\x7f\x85\u202a\u202e\u2066\u2069\ud800\udfff\ufeff\u0301\n\t\r 　·"
chars = st.one_of(st.characters(codec=None, exclude_categories=()), st.sampled_from(_ODD),
                  st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF))
texts = st.one_of(st.text(chars, max_size=40), st.text(chars, min_size=150, max_size=400),
                  st.sampled_from(["", " ", "户主", "男", "2026-07-01", "13800138000", "0012",
                                   "../../x", "seven", "7", "1e309", "x" * 25_000, "字" * 5_000_000]))
scalars = st.one_of(st.none(), st.booleans(), texts,
                    st.integers(), st.sampled_from([0, -1, 7, 2 ** 63, -(10 ** 30)]),
                    st.integers(4000, 5000).map(lambda n: 10 ** n),  # past int's str() limit
                    st.floats(allow_nan=True, allow_infinity=True), st.dates(), st.datetimes())
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12)
deep = st.integers(10, 3000).map(lambda n: _nest(n))


def _nest(n: int):
    out: object = "x"
    for _ in range(n):
        out = [out]
    return out


anything = st.one_of(texts, scalars, values, deep)
# what a caller may pass where a UUID belongs: another UUID, one cut short by a lone
# surrogate (as a damaged command line decodes), or anything at all
uuidish = st.one_of(st.uuids().map(str), st.uuids().map(lambda u: str(u)[:35] + "\udc80"),
                    texts, scalars, st.lists(texts, max_size=2), st.dictionaries(texts, texts, max_size=1))


def fields_of(keys) -> st.SearchStrategy[dict]:
    return st.dictionaries(st.sampled_from(list(keys)), anything, max_size=len(keys))


DISCLOSURE_KEYS = disclosures.EDITABLE
MEETING_KEYS = meetings.FIELDS
PERSON_KEYS = [k for k in residents.EDITABLE if k != "household_uuid"]


def _setup(store, admin, clerk) -> dict:
    """A person, a household, a notice and a meeting for the calls that change one."""
    hh = residents.add_household(store, clerk, number="0001")
    p = residents.add_person(store, clerk, name="张三", id_number=make("330106", dt.date(1980, 1, 1), 11),
                             household_uuid=hh.uuid)
    d = disclosures.add(store, clerk, {"title": "公开", "period": "2026-07", "body": "正文"})
    m = meetings.save_meeting(store, clerk, {"kind": "村民会议", "title": "会议",
                                             "held_at": "2026-07-01T09:00", "items": [{"title": "议题"}],
                                             "expected": [p.uuid]})
    mt = matters.add_matter(store, clerk, {"title": "事项"})
    return {"person": p.uuid, "household": hh.uuid, "notice": d.uuid, "meeting": m.uuid,
            "matter": mt.uuid}


# name -> (strategy of keyword arguments, call(store, admin, clerk, known, kwargs))
CALLS = {
    "add_person": (fields_of(PERSON_KEYS + ["household_number"]),
                   lambda s, a, c, k, kw: residents.add_person(s, c, **kw)),
    "add_person_by_hand": (fields_of(PERSON_KEYS + ["household_number"]),
                           lambda s, a, c, k, kw: residents.add_person_by_hand(s, c, **kw)),
    "update_person": (fields_of(PERSON_KEYS),
                      lambda s, a, c, k, kw: residents.update_person(s, c, k["person"], **kw)),
    "set_status": (fields_of(["status", "since"]),
                   lambda s, a, c, k, kw: residents.set_status(s, c, k["person"], kw.get("status"),
                                                               kw.get("since"))),
    "add_household": (fields_of(["number", "address", "group_name", "notes"]),
                      lambda s, a, c, k, kw: residents.add_household(s, c, **{"number": None, **kw})),
    "update_household": (fields_of(["address", "group_name", "notes"]),
                         lambda s, a, c, k, kw: residents.update_household(s, c, k["household"], **kw)),
    "add_tag": (fields_of(["tag", "since", "until", "review_due", "data", "notes"]),
                lambda s, a, c, k, kw: monitoring.add_tag(s, c, k["person"], **{"tag": "低保", **kw})),
    "add_visit": (fields_of(["visited_on", "visitor", "notes"]),
                  lambda s, a, c, k, kw: monitoring.add_visit(
                      s, c, k["person"], **{"visited_on": None, "visitor": "", **kw})),
    "add_grant": (fields_of(["granted_on", "amount", "reason"]),
                  lambda s, a, c, k, kw: monitoring.add_grant(
                      s, c, k["person"], **{"granted_on": None, "amount": 0, "reason": "", **kw})),
    "monitoring_settings": (fields_of(["elderly_age", "visit_days", "child_age"]),
                            lambda s, a, c, k, kw: monitoring.change_settings(s, c, **kw)),
    "add_notice": (fields_of(DISCLOSURE_KEYS),
                   lambda s, a, c, k, kw: disclosures.add(s, c, kw)),
    "update_notice": (fields_of(DISCLOSURE_KEYS),
                      lambda s, a, c, k, kw: disclosures.update(s, c, k["notice"], kw)),
    "notice_as_anything": (st.fixed_dictionaries({"data": anything}),
                           lambda s, a, c, k, kw: disclosures.add(s, c, kw["data"])),
    "disclosure_rules": (fields_of(["phone", "place", "min_days", "finance_every",
                                    "due_within_days", "schedule_from"]),
                         lambda s, a, c, k, kw: disclosures.change_rules(s, a, **kw)),
    "feedback": (fields_of(["content", "received_on", "kind", "from_name"]),
                 lambda s, a, c, k, kw: disclosures.add_feedback(s, c, k["notice"],
                                                                 **{"content": "", **kw})),
    "save_meeting": (fields_of(MEETING_KEYS),
                     lambda s, a, c, k, kw: meetings.save_meeting(s, c, kw)),
    "edit_meeting": (fields_of(MEETING_KEYS),
                     lambda s, a, c, k, kw: meetings.save_meeting(s, c, kw, k["meeting"])),
    "record_votes": (fields_of(["yes", "no", "abstain", "resolution"]),
                     lambda s, a, c, k, kw: meeting_votes.record_votes(
                         s, c, k["meeting"], 1, kw.get("yes"), kw.get("no"), kw.get("abstain"),
                         kw.get("resolution"))),
    "add_concern": (fields_of(["raised_by", "topic", "answer", "follow_up", "due", "raised_on",
                               "closed"]),
                    lambda s, a, c, k, kw: concerns.add_concern(s, c, kw)),
    "add_matter": (fields_of(["title", "description", "due", "responsible"]),
                   lambda s, a, c, k, kw: matters.add_matter(s, c, kw)),
    "advance_matter": (fields_of(["step", "result", "return_to", "note", "on"]),
                       lambda s, a, c, k, kw: matters.advance(
                           s, c, k["matter"], **{"step": "propose", **kw})),
    "add_member": (fields_of(["body", "person", "role", "households", "notes"]),
                   lambda s, a, c, k, kw: memberships.add_member(
                       s, c, **{"body": "村民委员会", "person": k["person"], **kw})),
    "points_rules": (st.fixed_dictionaries({"rules": anything, "effective_from": anything}),
                     lambda s, a, c, k, kw: points_rules.add_rules(s, a, kw["rules"],
                                                                   kw["effective_from"])),
    "points_activity": (fields_of(["title", "held_on", "rule", "participants", "place",
                                   "organiser", "notes"]),
                        lambda s, a, c, k, kw: points.add_activity(
                            s, c, **{"title": "", "held_on": None, "rule": "", "participants": [],
                                     **kw})),
    "add_goods": (fields_of(["name", "price", "stock"]),
                  lambda s, a, c, k, kw: points_shop.add_goods(
                      s, c, **{"name": "", "price": 1, "stock": 0, **kw})),
    "points_settings": (fields_of(["scope", "publish_days", "levels"]),
                        lambda s, a, c, k, kw: points_settings.update_settings(s, a, **kw)),
    "reverse_points": (fields_of(["entry_uuid", "reason"]),
                       lambda s, a, c, k, kw: points_ledger.reverse(
                           s, c, kw.get("entry_uuid"), kw.get("reason"))),
    "add_user": (fields_of(["username", "role", "display_name", "password"]),
                 lambda s, a, c, k, kw: accounts.add_user(
                     s, a, **{"username": "", "role": "clerk", "password": "x" * 12, **kw})),
    "reject_points": (fields_of(["reason"]),
                      lambda s, a, c, k, kw: points.reject(s, a, k["person"], kw.get("reason"))),
    "login": (fields_of(["username", "password"]), lambda s, a, c, k, kw: accounts.login(
        s, kw.get("username", "clerk"), kw.get("password", "wrong password"))),
    "object_to_points": (fields_of(["objection"]),
                         lambda s, a, c, k, kw: points.object_to(s, c, k["person"],
                                                                 kw.get("objection", "异议"))),
    "follow_up_matter": (fields_of(["note"]),
                         lambda s, a, c, k, kw: matters.follow_up(s, c, k["matter"],
                                                                  kw.get("note", "督办"))),
    "close_meeting": (st.just({}), lambda s, a, c, k, kw: meetings.close_meeting(s, c, k["meeting"])),
    "post_notice": (st.just({}), lambda s, a, c, k, kw: disclosures.post(s, c, k["notice"])),
    "person_file": (st.just({}), lambda s, a, c, k, kw: residents.person_file(s, k["person"])),
    "person_history": (st.just({}), lambda s, a, c, k, kw: residents.history(s, k["person"])),
    "members": (st.just({}), lambda s, a, c, k, kw: residents.household_members(s, k["household"])),
    "balance": (st.just({}), lambda s, a, c, k, kw: points_ledger.balance(s, k["person"])),
    "ledger": (st.just({}), lambda s, a, c, k, kw: points_ledger.ledger(
        s, person=k["person"], household=k["household"])),
}


def test_random_input_to_every_service_is_done_or_refused_with_a_code(store, admin, clerk):
    known = _setup(store, admin, clerk)
    seen: dict[str, int] = {}
    slowest = [0.0, ""]

    @settings(max_examples=CASES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.data())
    def one(data):
        name = data.draw(st.sampled_from(sorted(CALLS)))
        strategy, call = CALLS[name]
        kwargs = data.draw(strategy)
        # a third of the calls name their person, notice, meeting … by something else
        refs = data.draw(st.one_of(st.just(known), st.just(known),
                                   st.fixed_dictionaries({key: uuidish for key in known})))
        started = time.perf_counter()
        try:
            call(store, admin, clerk, refs, kwargs)
            outcome = "done"
        except CunwuError as e:
            outcome = e.code
        took = time.perf_counter() - started
        assert outcome not in ("E_INTERNAL", "E_STORE_UNLOGGED_WRITE"), (name, kwargs)
        assert took < SLOWEST, f"{name} took {took:.1f} s"
        if took > slowest[0]:
            slowest[:] = [took, name]
        seen[outcome] = seen.get(outcome, 0) + 1

    one()
    assert any(code.startswith("E_INPUT_") for code in seen), seen
    print(f"service fuzz: {CASES} cases, slowest {slowest[0] * 1000:.0f} ms ({slowest[1]}), {seen}")

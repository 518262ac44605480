"""Printing for cases: gathers a case's person or household and its members from the store
and hands plain values to cunwu/printing/case_sheet.py (入户核查表)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import text

from cunwu import clock
from cunwu.domain.households import Household
from cunwu.services.cases_queries import find_case


def _age(birth, today: dt.date) -> str:
    if not birth:
        return ""
    birth = birth if isinstance(birth, dt.date) else dt.date.fromisoformat(str(birth)[:10])
    return str(today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day)))


def check_sheet(store, ref: str, out: str | Path | None = None):
    """入户核查表 for a visit about the case ref names (its number or UUID)."""
    from cunwu.printing.case_sheet import CheckSheet
    from cunwu.printing.case_sheet import check_sheet as render

    today = clock.today()
    with store.read() as s:
        case = find_case(s, ref)
        household = s.get(Household, case.household_uuid) if case.household_uuid else None
        members = []
        if household is not None:
            members = [[name, relation, _age(birth, today), status, tags or ""]
                       for name, relation, birth, status, tags in s.execute(text(
                           "SELECT p.name, p.relation, p.birth_date, p.status, (SELECT "
                           "group_concat(t.tag, '、') FROM person_tags t WHERE t.person_uuid = p.uuid "
                           "AND (t.until IS NULL OR t.until >= :day)) FROM persons p "
                           "WHERE p.household_uuid = :hh AND p.status NOT IN ('迁出', '死亡') "
                           "ORDER BY p.relation != '户主', p.birth_date"),
                           {"hh": household.uuid, "day": today.isoformat()})]
        doc = CheckSheet(
            village=store.village().name, number=case.number, category=case.category,
            title=case.title, name=case.subject_name,
            household=f"户号 {household.number}　{household.group_name}" if household else "",
            address=household.address if household else "", due=case.due,
            handler=case.handler, members=members, printed_on=today)
    return render(doc, out)

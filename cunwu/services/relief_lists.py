"""Relief notices built from the residents' records: 低保 and 特困供养 from the tags active in
the period, 临时救助 from the grants made in it. Masked as DOMAIN.md says before they are
stored: ID numbers 110105********002X, no phone, no health or disability detail, no
reasons for a grant (they often name an illness), minors' names hidden and no ID.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from sqlalchemy import text

from cunwu import clock
from cunwu.domain.disclosures import parse_period, period_label
from cunwu.errors import CunwuError
from cunwu.domain.idnumbers import mask as mask_id
from cunwu.domain.relief import add_member, covered as covered_people, money, new_household, totals
from cunwu.domain.policy import amount as grouped
from cunwu.printing.masking import mask_name
from cunwu.printing.notice import cn_date
from cunwu.services import disclosures as svc, policy

KINDS = {"dibao": "低保", "tekun": "特困供养", "linshi": "临时救助"}
ADULT = 18

TITLES = {"dibao": "{period}城乡居民最低生活保障对象公示",
          "tekun": "{period}特困供养人员公示",
          "linshi": "{period}临时救助情况公示"}
BODIES = {
    "dibao": ("根据《社会救助暂行办法》和最低生活保障工作有关规定，经本人申请、入户调查、"
              "民主评议和乡镇（街道）审核，现将本村{period}享受城乡居民最低生活保障的对象"
              "公示如下（共{households}户{people}人，月保障金额合计{total}元）。"),
    "tekun": ("根据《社会救助暂行办法》和特困人员救助供养有关规定，现将本村{period}特困供养"
              "人员公示如下（共{people}人）。"),
    "linshi": ("根据《社会救助暂行办法》，现将本村{period}临时救助情况公示如下"
               "（共{people}人次，救助金额合计{total}元）。"),
}
# When the district has set one: the parameter and how the notice names it, by kind.
STANDARDS = {"dibao": ("dibao_standard", "保障标准"), "tekun": ("tekun_standard", "供养标准")}
STANDARD = "\n\n{label}：每人每月 {value} 元（自 {since}起）。"
ENDING = "\n\n公示期内如有异议，请向村务监督委员会或乡镇（街道）民政部门反映。"


def _age(birth, day: dt.date) -> int | None:
    if not birth:
        return None
    b = dt.date.fromisoformat(str(birth)[:10])
    return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


def _who(name: str, id_number: str | None, birth, day: dt.date) -> tuple[str, str]:
    """Name and masked ID as printed; a minor's name is hidden and the ID left out."""
    age = _age(birth, day)
    if age is not None and age < ADULT:
        return mask_name(name), "—"
    return name, mask_id(id_number) if id_number else "—"


def _tag_rows(conn, tag: str, a: dt.date, b: dt.date):
    return conn.execute(text(
        "SELECT t.since, t.data, p.uuid, p.name, p.id_number, p.birth_date, p.household_uuid, "
        "h.group_name, h.head_uuid, h.number, hp.name, hp.id_number, hp.birth_date "
        "FROM person_tags t JOIN persons p ON p.uuid = t.person_uuid "
        "LEFT JOIN households h ON h.uuid = p.household_uuid "
        "LEFT JOIN persons hp ON hp.uuid = h.head_uuid "
        "WHERE t.tag = :tag AND t.since <= :b AND (t.until IS NULL OR t.until >= :a) "
        "AND p.status NOT IN ('迁出', '死亡') ORDER BY h.group_name, h.number, p.name"),
        {"tag": tag, "a": a.isoformat(), "b": b.isoformat()}).all()


def _dibao(conn, a, b, day):
    households: dict[str, dict] = {}
    for since, data, p_uuid, name, idn, birth, hh, group, head, number, h_name, h_id, h_birth \
            in _tag_rows(conn, "低保", a, b):
        key = hh or p_uuid
        row = households.get(key)
        if row is None:
            shown = (h_name, h_id, h_birth) if head and h_name else (name, idn, birth)
            row = households[key] = new_household(who=_who(*shown, day), group=group or "",
                                                  since=since)
        add_member(row, json.loads(data or "{}"))
        row["since"] = min(row["since"], since)
    rows = [[str(i), r["who"][0], r["who"][1], r["group"], str(covered_people(r)),
             f"{r['amount']:.2f}", str(r["since"])[:7]]
            for i, r in enumerate(households.values(), start=1)]
    columns = ["序号", "户主姓名", "身份证号", "村民小组", "保障人数", "月保障金额（元）", "纳入年月"]
    return columns, rows, totals(households.values())


def _tekun(conn, a, b, day):
    rows = []
    for i, (since, _data, _p, name, idn, birth, _hh, group, *_rest) in enumerate(
            _tag_rows(conn, "特困供养", a, b), start=1):
        shown_name, shown_id = _who(name, idn, birth, day)
        rows.append([str(i), shown_name, shown_id, group or "", str(since)[:7]])
    columns = ["序号", "姓名", "身份证号", "村民小组", "纳入年月"]
    return columns, rows, {"people": len(rows)}


def _linshi(conn, a, b, day):
    found = conn.execute(text(
        "SELECT g.granted_on, g.amount, p.name, p.id_number, p.birth_date, h.group_name "
        "FROM relief_grants g JOIN persons p ON p.uuid = g.person_uuid "
        "LEFT JOIN households h ON h.uuid = p.household_uuid "
        "WHERE g.granted_on BETWEEN :a AND :b ORDER BY g.granted_on, p.name"),
        {"a": a.isoformat(), "b": b.isoformat()}).all()
    rows, total = [], Decimal(0)
    for i, (granted, amount, name, idn, birth, group) in enumerate(found, start=1):
        shown_name, shown_id = _who(name, idn, birth, day)
        total += money(amount)
        # The reason is left out on purpose: it often names an illness.
        rows.append([str(i), shown_name, shown_id, group or "", str(granted)[:10],
                     f"{money(amount):.2f}"])
    columns = ["序号", "姓名", "身份证号", "村民小组", "救助日期", "救助金额（元）"]
    return columns, rows, {"people": len(rows), "total": f"{total:.2f}"}


BUILDERS = {"dibao": _dibao, "tekun": _tekun, "linshi": _linshi}


def generate(store, actor, kind: str, period: str):
    """A draft relief notice for the period (2026Q3, 2026-07, 2026), masked; returns it."""
    if kind not in BUILDERS:
        raise CunwuError("E_DISCLOSURE_GENERATE", kind=kind, allowed=", ".join(BUILDERS))
    a, b = parse_period(period)
    day = min(b, clock.today())
    with store.engine.connect() as conn:
        columns, rows, counts = BUILDERS[kind](conn, a, b, day)
    label = period_label(a, b)
    body = BODIES[kind].format(period=label, **counts) + _standard(store, kind, b) + ENDING
    table = {"title": f"{KINDS[kind]}名单", "columns": columns, "rows": rows}
    return svc.add(store, actor, {"kind": kind, "category": "村务",
                                  "title": TITLES[kind].format(period=label), "body": body,
                                  "period": {"from": a.isoformat(), "to": b.isoformat()},
                                  "tables": [table]})


def _standard(store, kind: str, day: dt.date) -> str:
    """The 低保 or 特困 standard in force at the period's end, as the district set it; else
    nothing (the notice reads as it did before the district sent one)."""
    param, label = STANDARDS.get(kind, (None, None))
    found = policy.district_since(store, param, day) if param else None
    if found is None:
        return ""
    value, since = found
    return STANDARD.format(label=label, value=grouped(value), since=cn_date(since))


def dibao_counts(store, day: dt.date) -> dict:
    """低保 on one day as a notice for that day states it: {"households", "people", "total"}."""
    with store.engine.connect() as conn:
        return _dibao(conn, day, day, day)[2]

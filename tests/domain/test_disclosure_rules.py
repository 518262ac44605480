"""Rules a disclosure must meet: title, period, 公示期 minimum, tables, editability."""

from __future__ import annotations

import datetime as dt

import pytest

from cunwu.domain import disclosures as dom
from cunwu.errors import CunwuError


def _d(**kw) -> dom.Disclosure:
    base = dict(kind="free", category="村务", title="公告", period_from=dt.date(2026, 7, 1),
                period_to=dt.date(2026, 9, 30), posting_days=7,
                created_at=dt.datetime.now(dt.timezone.utc))
    base.update(kw)
    return dom.Disclosure(**base)


RULES = dom.DisclosureRules(village_code="330106001001")


def test_a_good_notice_passes():
    dom.check(_d(), RULES)


@pytest.mark.parametrize("kw, code", [
    ({"title": "  "}, "E_DISCLOSURE_TITLE"),
    ({"category": "党建"}, "E_DISCLOSURE_CATEGORY"),
    ({"kind": "poster"}, "E_DISCLOSURE_KIND"),
    ({"period_to": dt.date(2026, 6, 30)}, "E_DISCLOSURE_PERIOD_ORDER"),
    ({"kind": "dibao", "posting_days": 5}, "E_DISCLOSURE_POSTING_DAYS"),
    ({"posting_days": 400}, "E_DISCLOSURE_POSTING_DAYS_LONG"),
    ({"posting_date": dt.date(2026, 6, 1)}, "E_DISCLOSURE_POSTING_DATE"),
])
def test_bad_notices_are_refused_with_a_code(kw, code):
    with pytest.raises(CunwuError) as e:
        dom.check(_d(**kw), RULES)
    assert e.value.code == code


def test_village_minimum_applies_per_kind():
    strict = dom.DisclosureRules(village_code="330106001001", min_days='{"free": 10}')
    with pytest.raises(CunwuError) as e:
        dom.check(_d(posting_days=7), strict)
    assert e.value.code == "E_DISCLOSURE_POSTING_DAYS"
    assert "10" in e.value.message


def test_table_row_wider_than_columns_is_refused():
    with pytest.raises(CunwuError) as e:
        dom.clean_tables([{"title": "t", "columns": ["a", "b"], "rows": [["1", "2", "3"]]}])
    assert e.value.code == "E_DISCLOSURE_TABLE_ROW"
    assert e.value.params == {"table": 1, "row": 1, "cells": 3, "columns": 2}


def test_short_rows_are_padded_and_numbers_kept():
    t = dom.clean_tables([{"title": "t", "columns": ["a", "b"], "rows": [[1.5], [2, None]]}])
    assert t[0]["rows"] == [["1.50", ""], ["2", ""]]


def test_periods():
    assert dom.parse_period("2026Q3") == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert dom.parse_period("2026-02") == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert dom.parse_period("2026") == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    with pytest.raises(CunwuError):
        dom.parse_period("Q3")
    assert dom.period_label(*dom.parse_period("2026Q3")) == "2026年第三季度"
    assert dom.period_label(*dom.parse_period("2026-07")) == "2026年7月"


def test_only_drafts_are_edited():
    dom.editable(_d(status="draft"))
    with pytest.raises(CunwuError) as e:
        dom.editable(_d(status="posted"))
    assert e.value.code == "E_DISCLOSURE_POSTED"
    with pytest.raises(CunwuError) as e:
        dom.editable(_d(status="signed_off"))
    assert e.value.code == "E_DISCLOSURE_NOT_DRAFT"


def test_period_over_is_derived_from_the_date():
    d = _d(status="posted", posting_date=dt.date(2026, 10, 8), posting_days=7)
    assert d.period_end() == dt.date(2026, 10, 14)
    assert d.state(dt.date(2026, 10, 14)) == "posted"
    assert d.state(dt.date(2026, 10, 15)) == "period_over"


def test_content_hash_changes_with_one_character():
    d = _d()
    h1 = dom.content_sha256(dom.content(d, "330106001001"))
    d.title = "公吿"
    assert dom.content_sha256(dom.content(d, "330106001001")) != h1

"""A roster's special groups: a township's 低保 roster (yes/no columns, a listing column, the
amount and since when) loads its people into their groups, all or nothing with the rest."""

import datetime as dt

import pytest
from sqlalchemy import text

from cunwu.domain.idnumbers import make
from cunwu.errors import CunwuError
from cunwu.io.columns import cell_flag, cell_tags, field_for
from cunwu.services import monitoring, people, roster_import
from roster_files import write_xlsx

DIBAO_HEADER = ["序号", "户主姓名", "姓名", "身份证号码", "与户主关系", "是否低保", "保障人数",
                "月保障金额", "纳入时间", "人员类别", "家庭住址"]


def dibao_row(i, name, *, dibao="是", kinds="", born=dt.date(1950, 3, 3), amount="650",
              since="2025-07-01"):
    return [i + 1, name, name, make("330106", born, 11 + 2 * i), "户主", dibao, 2, amount, since,
            kinds, "青山村3组"]


def tags_of(store):
    with store.read() as s:
        return sorted((r[0], r[1], r[2], r[3]) for r in s.execute(text(
            "SELECT p.name, t.tag, t.since, t.data FROM person_tags t "
            "JOIN persons p ON p.uuid = t.person_uuid")))


def test_headers_and_cells():
    assert field_for("是否低保") == "tag:低保" and field_for("五保户") == "tag:特困供养"
    assert field_for("人员类别") == "tags" and field_for("月保障金额（元）") == "tag_amount"
    assert [cell_flag(v, "低保") for v in ("是", "✓", "√", 1, "1", "低保", "否", "", 0, None)] == \
        [True] * 6 + [False] * 4
    with pytest.raises(CunwuError) as e:
        cell_flag("也许", "低保")
    assert e.value.code == "E_TAG_DATA"
    assert cell_tags("低保、残疾人,五保 高龄") == ["低保", "残疾", "特困供养", "高龄"]
    assert cell_tags("无") == []


def test_a_township_dibao_roster_loads_its_groups(store, clerk, tmp_path):
    rows = [dibao_row(0, "张伟强", kinds="残疾"), dibao_row(1, "李娜", amount="", since=""),
            dibao_row(2, "王五", dibao="否", kinds="特困、高龄")]
    path = write_xlsx(tmp_path / "dibao.xlsx", rows, title="青山镇2026年农村低保花名册",
                      header=DIBAO_HEADER)
    dry = roster_import.import_roster(store, clerk, path, dry_run=True)
    assert (dry.imported, dry.tags_added, len(dry.rejected)) == (3, 4, 0)
    assert tags_of(store) == []
    result = roster_import.import_roster(store, clerk, path)
    assert (result.imported, result.tags_added, len(result.rejected)) == (3, 4, 0)
    assert result.json()["tags_added"] == 4
    today = dt.date.today().isoformat()
    assert tags_of(store) == [
        ("张伟强", "低保", "2025-07-01", '{"covered":2,"monthly_amount":"650.00"}'),
        ("张伟强", "残疾", "2025-07-01", '{"two_subsidies":false}'),
        ("李娜", "低保", today, '{"covered":2}'),
        ("王五", "特困供养", "2025-07-01", "{}")]
    dibao = people.all_rows(store, people.PersonQuery(tag="低保"))
    assert sorted(p.name for p in dibao) == ["张伟强", "李娜"]
    with store.read() as s:
        zwq = next(p for p in dibao if p.name == "张伟强")
        history = [e.action for e in s.execute(text(
            "SELECT action FROM person_events WHERE person_uuid = :u"), {"u": zwq.uuid})]
        assert history.count("tags.add") == 2
    # loaded again: nobody gets a second 低保 record
    again = roster_import.import_roster(store, clerk, path)
    assert (again.imported, again.tags_added) == (0, 0)
    assert len(tags_of(store)) == 4


def test_known_people_join_their_group_and_a_bad_cell_rejects_only_its_row(store, clerk, tmp_path):
    first = write_xlsx(tmp_path / "a.xlsx", [dibao_row(0, "张伟强", dibao="否")], header=DIBAO_HEADER)
    assert roster_import.import_roster(store, clerk, first).tags_added == 0
    rows = [dibao_row(0, "张伟强"), dibao_row(1, "李娜", dibao="也许"),
            dibao_row(2, "王五", kinds="富户"), dibao_row(3, "赵六", amount="很多")]
    path = write_xlsx(tmp_path / "b.xlsx", rows, header=DIBAO_HEADER)
    result = roster_import.import_roster(store, clerk, path)
    assert (result.imported, result.updated, result.tags_added) == (0, 0, 1)
    assert [r.name for r in result.rejected] == ["李娜", "王五", "赵六"]
    assert [t[:2] for t in tags_of(store)] == [("张伟强", "低保")]


def test_groups_are_all_or_nothing_with_the_people(store, clerk, tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "c.xlsx", [dibao_row(0, "张伟强"), dibao_row(1, "李娜")],
                      header=DIBAO_HEADER)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("cunwu.services.roster_tags.add_tag_row", broken)
    with pytest.raises(OSError):
        roster_import.import_roster(store, clerk, path)
    with store.read() as s:
        assert s.execute(text("SELECT count(*) FROM persons")).scalar() == 0
    assert tags_of(store) == []


def test_the_same_rule_as_the_dialog(store, clerk, tmp_path):
    """A group added by the roster is the record the person dialog adds: it can be ended."""
    path = write_xlsx(tmp_path / "d.xlsx", [dibao_row(0, "张伟强")], header=DIBAO_HEADER)
    roster_import.import_roster(store, clerk, path)
    with store.read() as s:
        uuid = s.execute(text("SELECT uuid FROM person_tags")).scalar()
    ended = monitoring.end_tag(store, clerk, uuid, "2026-01-31")
    assert ended.until == dt.date(2026, 1, 31)

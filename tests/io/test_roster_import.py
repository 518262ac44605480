"""Roster import: header finding, mapping, dates, updates, duplicates, all-or-nothing."""

import datetime as dt

import pytest
from sqlalchemy import text

from cunwu.domain.idnumbers import make
from cunwu.errors import CunwuError
from cunwu.services import roster_import
from cunwu.io.columns import cell_date
from cunwu.services import people
from roster_files import person_row, write_csv, write_xlsx


def count(store, table="persons"):
    with store.read() as s:
        return s.execute(text(f"SELECT count(*) FROM {table}")).scalar()


@pytest.mark.parametrize("value", [32874, 32874.0, "1990-01-01", "1990.1.1", "19900101",
                                   "1990年1月1日", "1990/01/01", 19900101, dt.date(1990, 1, 1)])
def test_dates(value):
    assert cell_date(value) == dt.date(1990, 1, 1)


def test_import_under_a_title_row(store, clerk, tmp_path):
    rows = [person_row(i, n) for i, n in enumerate(["张伟强", "阿依古丽·买买提", "王 芳", "李四"])]
    path = write_xlsx(tmp_path / "r.xlsx", rows)
    result = roster_import.import_roster(store, clerk, path)
    assert (result.imported, result.updated, len(result.rejected)) == (4, 0, 0)
    assert result.households_added == 2
    with store.read() as s:
        names = {r.name for r in people.page(s, people.PersonQuery())}
        heads = s.execute(text("SELECT count(*) FROM households WHERE head_uuid IS NOT NULL")).scalar()
    assert names == {"张伟强", "阿依古丽·买买提", "王芳", "李四"}
    assert heads == 2
    with store.read() as s:
        assert [r.name for r in people.page(s, people.PersonQuery(search="ayg"))] == ["阿依古丽·买买提"]


def test_known_person_updates_and_duplicates_are_rejected(store, clerk, tmp_path):
    write_xlsx(tmp_path / "a.xlsx", [person_row(0, "张伟强"), person_row(1, "李四")])
    roster_import.import_roster(store, clerk, tmp_path / "a.xlsx")
    rows = [person_row(0, "张伟强", 联系电话="13911112222"), person_row(1, "李四"),
            person_row(2, "王五"), person_row(2, "王五二")]
    result = roster_import.import_roster(store, clerk, write_xlsx(tmp_path / "b.xlsx", rows))
    assert (result.imported, result.updated, result.unchanged) == (1, 1, 1)
    assert [(r.row, r.name) for r in result.rejected] == [(6, "王五二")]
    assert "row 5" in result.rejected[0].reason
    assert count(store) == 3


def test_rejections_name_the_source_row(store, clerk, tmp_path):
    rows = [person_row(0, "张伟强"),
            person_row(1, "李娜", 性别="男", sex_seq=12),  # ID says female
            person_row(2, "赵六", 公民身份号码=3.30106199001011E+17),
            person_row(3, "钱七", 出生日期="1981-01-01"),
            person_row(4, "孙八", 公民身份号码="330106198001010019")]
    path = write_xlsx(tmp_path / "r.xlsx", rows)
    result = roster_import.import_roster(store, clerk, path)
    reasons = {r.row: r.reason for r in result.rejected}
    assert set(reasons) == {4, 5, 6, 7}
    assert "does not match the ID number" in reasons[4] and "男" in reasons[4]
    assert "digits are lost" in reasons[5]
    assert "1981-01-01" in reasons[6]
    assert "check character" in reasons[7]
    assert result.imported == 1


def test_dry_run_writes_nothing(store, clerk, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [person_row(i, f"王{c}") for i, c in enumerate("一二三")])
    before = count(store, "change_log")
    result = roster_import.import_roster(store, clerk, path, dry_run=True)
    assert result.imported == 3 and count(store) == 0 and count(store, "change_log") == before


def test_cancel_leaves_nothing(store, clerk, tmp_path, monkeypatch):
    monkeypatch.setattr(roster_import, "CHUNK", 2)
    path = write_xlsx(tmp_path / "r.xlsx", [person_row(i, f"王{c}") for i, c in enumerate("一二三四五")])
    calls = []
    with pytest.raises(CunwuError) as e:
        roster_import.import_roster(store, clerk, path, progress=lambda d, t: calls.append(d),
                                    cancelled=lambda: len(calls) >= 2)
    assert e.value.code == "E_ROSTER_CANCELLED"
    assert count(store) == 0 and count(store, "households") == 0 and count(store, "person_search") == 0


def test_crash_mid_import_leaves_nothing(store, clerk, tmp_path, monkeypatch):
    from cunwu.services import search

    path = write_xlsx(tmp_path / "r.xlsx", [person_row(i, f"王{c}") for i, c in enumerate("一二三")])

    def boom(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(search, "index_new", boom)
    with pytest.raises(RuntimeError):
        roster_import.import_roster(store, clerk, path)
    assert count(store) == 0 and count(store, "households") == 0


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk", "gb18030"])
def test_csv_encodings(store, clerk, tmp_path, encoding):
    path = write_csv(tmp_path / "r.csv", [person_row(0, "张伟强"), person_row(1, "李娜")], encoding=encoding)
    result = roster_import.import_roster(store, clerk, path)
    assert result.imported == 2 and not result.rejected
    with store.read() as s:
        assert {r.name for r in people.page(s, people.PersonQuery())} == {"张伟强", "李娜"}


def test_saved_mapping_for_odd_headers(store, clerk, tmp_path):
    header = ["人名", "身份证号", "手机号码"]
    path = write_xlsx(tmp_path / "r.xlsx", [["张三", make("330106", dt.date(1980, 1, 1), 11), "138"]],
                      header=header, title=None)
    with pytest.raises(CunwuError) as e:
        roster_import.preview(path)
    assert e.value.code == "E_ROSTER_NO_HEADER"
    prepared = roster_import.preview(path, saved={"人名": "name"})
    assert prepared.mapping == {0: "name", 1: "id_number", 2: "phone"}
    assert roster_import.import_roster(store, clerk, path, prepared=prepared).imported == 1


def test_export_imports_back_unchanged(store, clerk, tmp_path):
    from cunwu.services.roster_export import export_roster as export

    rows = [person_row(i, n) for i, n in enumerate(["张伟强", "阿依古丽·买买提", "王芳", "李四"])]
    roster_import.import_roster(store, clerk, write_xlsx(tmp_path / "r.xlsx", rows))
    log_before = count(store, "change_log")
    assert export(store, clerk, tmp_path / "out.xlsx", people.PersonQuery()) == 4
    result = roster_import.import_roster(store, clerk, tmp_path / "out.xlsx")
    assert (result.imported, result.updated, result.unchanged, result.rejected) == (0, 0, 4, [])
    assert count(store, "change_log") == log_before


def test_csv_export_neutralises_formulas(store, clerk, tmp_path):
    from cunwu.io.roster_export import neutralise
    from cunwu.services.roster_export import export_roster as export
    from cunwu.services import residents

    residents.add_person(store, clerk, name="张三", notes="=HYPERLINK(\"http://x\")",
                         id_number=make("330106", dt.date(1980, 1, 1), 11))
    export(store, clerk, tmp_path / "out.csv", people.PersonQuery())
    content = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in content and ",=HYPERLINK" not in content
    assert neutralise("+1") == "'+1" and neutralise("-1") == "'-1" and neutralise("@x") == "'@x"
    result = roster_import.import_roster(store, clerk, tmp_path / "out.csv")
    assert result.unchanged == 1


def test_report_lists_rejected_rows(store, clerk, tmp_path):
    from openpyxl import load_workbook

    from cunwu.io.roster_export import write_report

    rows = [person_row(0, "张伟强"), person_row(1, "李娜", 性别="男", sex_seq=12)]
    result = roster_import.import_roster(store, clerk, write_xlsx(tmp_path / "r.xlsx", rows))
    write_report(tmp_path / "report.xlsx", result)
    ws = load_workbook(tmp_path / "report.xlsx").worksheets[0]
    values = list(ws.values)
    assert values[1][0] == 4 and values[1][1] == "李娜" and "does not match" in values[1][3]


def test_old_xls_workbook(store, clerk):
    """A real .xls (BIFF8, written by xlwt): title row merged above the header, dates as dates."""
    from pathlib import Path

    path = Path(__file__).parent / "fixtures" / "roster.xls"
    result = roster_import.import_roster(store, clerk, path)
    assert result.imported == 2
    assert [(r.row, r.name) for r in result.rejected] == [(5, "李娜")]
    with store.read() as s:
        assert {r.name for r in people.page(s, people.PersonQuery())} == {"张伟强", "阿依古丽·买买提"}


def test_bulk_rows_are_stored_and_logged_as_single_writes_are(store, clerk, tmp_path):
    """A big import goes through the staged bulk path (store/unit.py); what it stores and
    logs must be what the one-row path stores and logs, and the chain must stay whole."""
    from cunwu.services.residents import add_person
    from cunwu.store.models import synced_models
    from cunwu.store.unit import STAGE_FROM
    from cunwu.store.verify import first_broken_log, rows_not_matching_log

    rows = [person_row(i, "张伟强", born=dt.date(1950, 1, 1) + dt.timedelta(days=i // 400))
            for i in range(STAGE_FROM * 3)]
    result = roster_import.import_roster(store, clerk, write_xlsx(tmp_path / "big.xlsx", rows))
    assert result.imported == len(rows) and not result.rejected
    single = add_person(store, clerk, name="李四", id_number=make("330106", dt.date(1990, 1, 1), 15),
                        birth_date=dt.date(1990, 1, 1), sex="男")
    with store.read() as s:
        assert first_broken_log(s) is None
        assert rows_not_matching_log(s, synced_models()) == []
        shapes = s.execute(text(
            "SELECT uuid = :u, typeof(created_at), length(created_at), typeof(birth_date), "
            "typeof(party_member), typeof(row_version) FROM persons"), {"u": single.uuid}).all()
    by_path = {bool(r[0]): tuple(r[1:]) for r in shapes}
    assert by_path[True] == by_path[False]
    assert len(set(shapes)) == 2


def test_a_reimport_that_moves_households_writes_each_with_its_log_entry(store, clerk, tmp_path):
    names = ["张三", "李四", "王五", "赵六", "孙七", "周八"]
    roster_import.import_roster(store, clerk, write_csv(tmp_path / "a.csv", [
        person_row(i, n) for i, n in enumerate(names)]))
    # two households change group in one file: the first one's save used to flush the second
    # before it was logged (E_STORE_UNLOGGED_WRITE)
    result = roster_import.import_roster(store, clerk, write_csv(tmp_path / "b.csv", [
        person_row(i, n, 组别="2组", 家庭住址="青山村新区") for i, n in enumerate(names)]))
    assert result.unchanged == 6
    with store.engine.connect() as c:
        rows = c.execute(text("SELECT group_name, address, row_version FROM households")).all()
        logged = c.execute(text("SELECT count(*) FROM change_log WHERE entity = 'households'")).scalar()
    assert sorted(rows) == [("2组", "青山村新区", 2)] * 2 and logged == 4

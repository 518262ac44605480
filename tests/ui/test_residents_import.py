"""The import wizard through the real window: file → mapping → dry run → import → report."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from roster_files import person_row, write_xlsx


def count(store):
    with store.read() as s:
        return s.execute(text("SELECT count(*) FROM persons")).scalar()


def _wizard(qtbot, window):
    page = window.show_page("residents")
    wizard = page.open_import()
    qtbot.addWidget(wizard)
    return page, wizard


def test_import_wizard_end_to_end(qtbot, window, store, tmp_path):
    rows = [person_row(0, "张伟强"), person_row(1, "李娜", 性别="男", sex_seq=12), person_row(2, "王五")]
    path = write_xlsx(tmp_path / "roster.xlsx", rows)
    page, wizard = _wizard(qtbot, window)
    wizard.path_edit.setText(str(path))
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.step == 1, timeout=10_000)
    assert wizard.prepared.header_row == 1  # below the title row
    assert wizard.mapping()[1] == "name" and wizard.mapping()[2] == "id_number"
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.step == 2, timeout=10_000)
    assert "2 new people" in wizard.summary_label.text() and "1 rejected" in wizard.summary_label.text()
    assert wizard.rejected_table.item(0, 0).text() == "4"
    assert count(store) == 0  # the dry run wrote nothing
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.step == 3, timeout=20_000)
    assert "2 new people" in wizard.done_label.text()
    assert count(store) == 2
    wizard.write_report(str(tmp_path / "report.xlsx"))
    assert (tmp_path / "report.xlsx").exists()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5_000)


def test_wizard_mapping_can_be_adjusted_and_is_remembered(qtbot, window, store, tmp_path):
    from cunwu.domain.idnumbers import make

    path = write_xlsx(tmp_path / "odd.xlsx",
                      [["张三", make("330106", dt.date(1980, 1, 1), 11), "老党员"]],
                      header=["名字", "身份证号", "说明"], title=None)
    _page, wizard = _wizard(qtbot, window)
    wizard.path_edit.setText(str(path))
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.step == 1, timeout=10_000)
    wizard.set_field(2, "")
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.step == 2, timeout=10_000)
    from cunwu.services.roster_mappings import load_mapping

    assert load_mapping(store) == {"名字": "name", "身份证号": "id_number"}


def test_wizard_explains_a_bad_file(qtbot, window, tmp_path):
    bad = tmp_path / "photo.xlsx"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    _page, wizard = _wizard(qtbot, window)
    wizard.path_edit.setText(str(bad))
    wizard.next_button.click()
    qtbot.waitUntil(lambda: bool(wizard.error_label.text()), timeout=10_000)
    assert "not a spreadsheet" in wizard.error_label.text() and wizard.step == 0


def test_wizard_cancel_during_import_writes_nothing(qtbot, window, store, tmp_path, monkeypatch):
    from cunwu.services import roster_import

    monkeypatch.setattr(roster_import, "CHUNK", 1)
    rows = [person_row(i, f"王{c}") for i, c in enumerate("一二三四五六")]
    path = write_xlsx(tmp_path / "roster.xlsx", rows)
    _page, wizard = _wizard(qtbot, window)
    wizard.path_edit.setText(str(path))
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.step == 1, timeout=10_000)
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.step == 2, timeout=10_000)
    real_step = roster_import._step

    def slow_step(progress, cancelled, done, total):
        if done == 2:
            wizard.task.cancel()  # the Cancel button of the progress dialog does this
        real_step(progress, cancelled, done, total)

    monkeypatch.setattr(roster_import, "_step", slow_step)
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.task is None, timeout=20_000)
    assert wizard.step == 2 and wizard.result is None
    assert count(store) == 0

"""The disclosures page on the real window: editor with tables, sign-off by a supervisor,
print preview and printing, feedback."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem

from cunwu.services import disclosures as svc

PASSWORD = "village-pass-1"
NOTICE = {"category": "财务", "title": "2026年7月财务收支公开",
          "period": {"from": "2026-07-01", "to": "2026-07-31"}, "body": "收支如下。",
          "tables": [{"title": "收支", "columns": ["项目", "金额（元）"], "rows": [["办公费", "120.00"]]}]}


def _window(qtbot, launcher, user: str):
    dialog = launcher.login_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.user_edit.setText(user)
    dialog.password_edit.setText(PASSWORD)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10_000)
    assert dialog.actor is not None, dialog.error
    win = launcher.main_window(dialog.actor)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    page = win.show_page("disclosures")
    qtbot.waitUntil(lambda: page.loaded and page.task is None, timeout=10_000)
    return win, page


def _row_of(page, uuid: str) -> int:
    return [d.uuid for d in page.items].index(uuid)


def _select(qtbot, page, uuid: str) -> None:
    page.table.selectRow(_row_of(page, uuid))
    assert page.selected().uuid == uuid


@pytest.fixture
def clerk_page(qtbot, launcher):
    win, page = _window(qtbot, launcher, "clerk")
    yield page
    win.close()


def test_editor_saves_a_notice_with_its_table(qtbot, clerk_page):
    page = clerk_page
    qtbot.mouseClick(page.buttons["new"], Qt.MouseButton.LeftButton)
    editor = page.dialog
    assert editor.isVisible()
    editor.kind.setCurrentIndex(editor.kind.findData("finance"))
    assert editor.category.currentText() == "财务"
    assert editor.tables.tables()[0]["columns"][:2] == ["日期", "摘要"]  # the kind's template
    editor.title_edit.setText("2026年7月财务收支公开")
    editor.body.setPlainText("本月收支情况如下。")
    editor.tables.set_tables([{"title": "收支明细", "columns": ["项目", "收入"], "rows": []}])
    table = editor.tables.editor(0)
    qtbot.mouseClick(table.add_row_button, Qt.MouseButton.LeftButton)
    table.grid.setItem(0, 0, QTableWidgetItem("租金"))
    table.grid.setItem(0, 1, QTableWidgetItem("3000"))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: len(page.items) == 1 and page.task is None, timeout=10_000)
    d = page.items[0]
    assert d.kind == "finance" and d.title == "2026年7月财务收支公开"
    assert d.table_list == [{"title": "收支明细", "columns": ["项目", "收入"], "rows": [["租金", "3000"]]}]
    assert page.table.item(0, 0).text() == "2026年7月财务收支公开"


def test_editor_keeps_everything_typed_when_refused(qtbot, clerk_page):
    page = clerk_page
    page.new()
    editor = page.dialog
    editor.body.setPlainText("一段很长的正文。")
    table = editor.tables.add_table({"title": "t", "columns": ["a"], "rows": [["1", "2"]]})
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.task is None, timeout=10_000)
    assert editor.isVisible() and "title" in editor.error_box.text()
    editor.error_box.close()
    editor.title_edit.setText("有标题")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.task is None, timeout=10_000)
    # The second cell came without a column name: refused, not dropped.
    assert editor.isVisible() and "columns need names" in editor.error_box.text()
    assert editor.body.toPlainText() == "一段很长的正文。"
    assert table.table()["rows"] == [["1", "2"]]
    assert svc.list_all(page.ctx.store) == []


def test_supervisor_signs_off_clerk_cannot(qtbot, launcher, store, clerk):
    d = svc.add(store, clerk, NOTICE)
    win, page = _window(qtbot, launcher, "clerk")
    _select(qtbot, page, d.uuid)
    assert not page.buttons["sign_off"].isEnabled()
    assert page.buttons["edit"].isEnabled()
    win.close()
    win, page = _window(qtbot, launcher, "supervisor")
    _select(qtbot, page, d.uuid)
    assert page.buttons["sign_off"].isEnabled()
    assert not page.buttons["edit"].isEnabled() and not page.buttons["new"].isEnabled()
    page.sign_off(confirm=False)
    qtbot.waitUntil(lambda: page.task is None and page.items[0].status == "signed_off",
                    timeout=10_000)
    assert page.table.item(0, 2).text() == "signed off"
    assert svc.detail(store, d.uuid).disclosure.signed_by == "supervisor"
    win.close()


def test_posted_notice_cannot_be_edited_only_corrected(qtbot, launcher, store, clerk, supervisor):
    d = svc.add(store, clerk, NOTICE)
    svc.sign_off(store, supervisor, d.uuid)
    svc.post(store, clerk, d.uuid)
    win, page = _window(qtbot, launcher, "clerk")
    _select(qtbot, page, d.uuid)
    assert not page.buttons["edit"].isEnabled()
    assert page.buttons["correct"].isEnabled()
    page.correct()
    editor = page.dialog
    assert "correction" in editor.title_edit.text()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: len(page.items) == 2 and page.task is None, timeout=10_000)
    fix = [x for x in page.items if x.corrects_uuid == d.uuid]
    assert len(fix) == 1 and fix[0].status == "draft"
    win.close()


def test_print_preview_shows_and_prints(qtbot, clerk_page, tmp_path, clerk, supervisor):
    from PySide6.QtPrintSupport import QPrinter
    from pypdf import PdfReader

    page = clerk_page
    store = page.ctx.store
    rows = [[f"项目{i}", f"{i}.00"] for i in range(120)]
    d = svc.add(store, clerk, dict(NOTICE, tables=[{"title": "收支", "columns": ["项目", "金额"],
                                                    "rows": rows}]))
    svc.sign_off(store, supervisor, d.uuid)
    page.refresh()
    qtbot.waitUntil(lambda: page.task is None and len(page.items) == 1, timeout=10_000)
    _select(qtbot, page, d.uuid)
    qtbot.mouseClick(page.buttons["preview"], Qt.MouseButton.LeftButton)
    preview = page.dialog
    qtbot.waitUntil(lambda: preview.loaded, timeout=20_000)
    pages = preview.document.pageCount()
    assert pages >= 2 and preview.print_button.isEnabled()
    assert "masked" in preview.info.text()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert preview.print_to(printer) == pages
    assert len(PdfReader(out).pages) == pages
    preview.save_to(str(tmp_path / "saved.pdf"))
    assert (tmp_path / "saved.pdf").read_bytes() == preview.pdf
    preview.close()


def test_feedback_is_recorded_and_answered(qtbot, clerk_page, clerk, supervisor):
    page = clerk_page
    store = page.ctx.store
    d = svc.add(store, clerk, NOTICE)
    svc.sign_off(store, supervisor, d.uuid)
    svc.post(store, clerk, d.uuid)
    page.refresh()
    qtbot.waitUntil(lambda: page.task is None and len(page.items) == 1, timeout=10_000)
    _select(qtbot, page, d.uuid)
    qtbot.mouseClick(page.buttons["feedback"], Qt.MouseButton.LeftButton)
    dialog = page.dialog
    dialog.kind.setCurrentText("异议")
    dialog.from_name.setText("王五")
    dialog.content.setPlainText("办公费偏高。")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None and dialog.table.rowCount() == 1, timeout=10_000)
    dialog.table.selectRow(0)
    dialog.answer.setPlainText("已附购买清单。")
    qtbot.mouseClick(dialog.answer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None and bool(dialog.table.item(0, 4).text()),
                    timeout=10_000)
    fb = svc.detail(store, d.uuid).feedback[0]
    assert (fb.kind, fb.from_name, fb.answer) == ("异议", "王五", "已附购买清单。")
    dialog.close()


def test_schedule_tab_lists_overdue(qtbot, launcher, store, admin, monkeypatch):
    monkeypatch.setenv("CUNWU_TODAY", "2026-11-22")
    svc.change_rules(store, admin, schedule_from="2026-09-01")
    win, page = _window(qtbot, launcher, "clerk")
    assert page.schedule.rowCount() >= 2
    assert page.schedule.item(0, 0).text() == "Overdue"
    assert "overdue" in page.tabs.tabText(1)
    win.close()


def test_photo_of_the_posted_notice(qtbot, clerk_page, clerk, supervisor, tmp_path):
    page = clerk_page
    store = page.ctx.store
    d = svc.add(store, clerk, NOTICE)
    svc.sign_off(store, supervisor, d.uuid)
    svc.post(store, clerk, d.uuid)
    page.refresh()
    qtbot.waitUntil(lambda: page.task is None and len(page.items) == 1, timeout=10_000)
    _select(qtbot, page, d.uuid)
    assert page.buttons["photo"].isEnabled()
    photo = tmp_path / "wall.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 64)
    page.add_photo(str(photo))
    qtbot.waitUntil(lambda: page.task is None and bool(svc.detail(store, d.uuid).photos),
                    timeout=10_000)
    assert svc.photo_intact(store, svc.detail(store, d.uuid).photos[0])


def test_decision_notice_starts_from_its_template_and_links_a_matter(qtbot, clerk_page, store,
                                                                      clerk):
    from cunwu.services import matters

    road = matters.add_matter(store, clerk, {"title": "村道硬化"})
    page = clerk_page
    page.new()
    editor = page.dialog
    assert not editor.matter.isEnabled()
    editor.kind.setCurrentIndex(editor.kind.findData("decision"))
    assert editor.matter.isEnabled() and "表决通过" in editor.body.toPlainText()
    editor.title_edit.setText("关于村道硬化的决议公开")
    # the matter is picked by its date and title, never typed as a UUID
    assert editor.matter.itemText(1).endswith("村道硬化") and editor.matter.currentData() is None
    editor.matter.setCurrentIndex(1)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: len(page.items) == 1 and page.task is None, timeout=10_000)
    assert page.items[0].matter_uuid == road.uuid


def test_marking_posted_asks_and_names_the_dates(qtbot, clerk_page, store, clerk, supervisor,
                                                 monkeypatch):
    from cunwu.ui import dialogs

    page = clerk_page
    d = svc.add(store, clerk, NOTICE)
    svc.sign_off(store, supervisor, d.uuid, posting_date=svc.detail(store, d.uuid)
                 .disclosure.period_from)
    page.refresh_then_select(d.uuid)
    qtbot.waitUntil(lambda: page.task is None and page.selected() is not None, timeout=10_000)
    asked = []
    monkeypatch.setattr(dialogs, "ask", lambda _w, text, _yes: asked.append(text) or False)
    qtbot.mouseClick(page.buttons["post"], Qt.MouseButton.LeftButton)
    assert "from 2026-07-01 to 2026-07-07" in asked[0]
    assert svc.detail(store, d.uuid).disclosure.status == "signed_off"
    monkeypatch.setattr(dialogs, "ask", lambda _w, text, _yes: True)
    qtbot.mouseClick(page.buttons["post"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: svc.detail(store, d.uuid).disclosure.status == "posted",
                    timeout=10_000)


def test_a_relief_list_asks_for_its_period_in_words(qtbot, clerk_page, monkeypatch):
    from cunwu.services import relief_lists

    monkeypatch.setenv("CUNWU_TODAY", "2026-11-22")
    asked = []
    monkeypatch.setattr(relief_lists, "generate",
                        lambda _s, _a, kind, period: asked.append((kind, period)) or
                        svc.add(_s, _a, dict(NOTICE, title=f"{period}低保公示")))
    page = clerk_page
    page.generate("dibao")
    dialog = page.dialog
    assert dialog.isVisible()
    assert (dialog.year.value(), dialog.part.currentText(), dialog.period()) \
        == (2026, "Quarter 4", "2026Q4")
    dialog.part.setCurrentIndex(dialog.part.findText("Month 11"))
    assert dialog.period() == "2026-11"
    dialog.part.setCurrentIndex(0)
    dialog.year.setValue(2025)
    assert dialog.period() == "2025"
    dialog.part.setCurrentIndex(dialog.part.findText("Month 3"))
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert asked == [("dibao", "2025-03")]
    qtbot.waitUntil(lambda: page.task is None and len(page.items) == 1, timeout=10_000)

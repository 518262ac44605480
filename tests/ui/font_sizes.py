"""Every page and dialog at every font size on a 1366×768 screen, measured: run as a program
(test_font_sizes.py starts it with that screen) on a data folder, it prints one JSON list of
what a clerk could not read — a line edit lower than its text, a header section or a button
narrower than its text, a dialog larger than the screen.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHeaderView, QLineEdit,
                               QPushButton, QWidget)


def _shown(widget: QWidget) -> bool:
    return widget.isVisibleTo(widget.window()) and widget.isVisible()


def problems(where: str, top: QWidget) -> list[str]:
    found = []
    for edit in top.findChildren(QLineEdit):
        # a combo box's or spin box's inner edit is sized by its box
        if not _shown(edit) or not isinstance(edit.parentWidget(), QWidget) \
                or type(edit.parentWidget()).__name__ in ("QComboBox", "QSpinBox", "QDoubleSpinBox",
                                                          "QDateEdit", "QAbstractSpinBox"):
            continue
        need = edit.fontMetrics().height() + 4  # the text and the frame above and below it
        if edit.height() < need:
            found.append(f"{where}: line edit {edit.objectName() or edit.placeholderText()!r} "
                         f"{edit.height()}px high, its text needs {need}")
    for button in top.findChildren(QPushButton):
        text = button.text().replace("&", "")
        if not _shown(button) or not text or button.isFlat():
            continue
        need = button.fontMetrics().horizontalAdvance(text)
        if button.width() < need:
            found.append(f"{where}: button {text!r} {button.width()}px wide, its text needs {need}")
    for view in top.findChildren(QAbstractItemView):
        header = getattr(view, "horizontalHeader", lambda: None)()
        if header is None or not _shown(view) or not header.isVisible() or view.model() is None:
            continue
        bold = QFont(header.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        last = header.count() - 1
        for section in range(header.count()):
            text = str(view.model().headerData(section, header.orientation()) or "")
            if header.isSectionHidden(section) or not text:
                continue
            stretched = header.sectionResizeMode(section) == QHeaderView.ResizeMode.Stretch or (
                section == last and header.stretchLastSection())
            need = metrics.horizontalAdvance(text)
            if header.sectionSize(section) < need and not stretched:
                found.append(f"{where}: column {text!r} {header.sectionSize(section)}px wide, "
                             f"its header needs {need}")
    if isinstance(top, QDialog):
        room = top.screen().availableGeometry()
        frame = top.frameGeometry()
        if frame.width() > room.width() or frame.height() > room.height():
            found.append(f"{where}: {frame.width()}×{frame.height()} on a "
                         f"{room.width()}×{room.height()} screen")
    return found


def dialogs(ctx, parent) -> list:
    """A constructor for each dialog a clerk opens, on the store's records."""
    from cunwu.services import cases, cases_queries, disclosures, points
    from cunwu.services.people import PersonQuery, read_page
    from cunwu.ui.cases.dialogs import AlertDialog, CaseDialog, StepDialog
    from cunwu.ui.cases.preview import CheckSheetPreview
    from cunwu.ui.cases.settings_dialog import CaseLimitsDialog
    from cunwu.ui.cases.view import CaseView
    from cunwu.ui.disclosures.preview import PrintPreview
    from cunwu.ui.points.activity_dialog import ActivityDialog
    from cunwu.ui.points.goods_dialog import GoodsDialog
    from cunwu.ui.points.rule_dialog import RuleDialog
    from cunwu.ui.points.settings_dialog import SettingsDialog
    from cunwu.ui.residents.households_dialog import HouseholdsDialog
    from cunwu.ui.residents.import_wizard import ImportWizard
    from cunwu.ui.residents.monitoring_dialog import MonitoringSettingsDialog
    from cunwu.ui.residents.new_household_dialog import NewHouseholdDialog
    from cunwu.ui.residents.new_person_dialog import NewPersonDialog
    from cunwu.ui.residents.person_dialog import PersonDialog

    person = read_page(ctx.store, PersonQuery(), limit=1)[0].uuid
    notice = disclosures.list_all(ctx.store)[0].uuid
    case = cases_queries.list_cases(ctx.store, ctx.actor)["cases"][0]
    alert = {"key": "0" * 32, "title": "欧阳慧慧为独居老人，上次走访是 2026-09-01；应于 2026-10-01 前走访。"}
    steps = [(f"StepDialog {action}", lambda a=action: StepDialog(ctx, case, a, parent))
             for action in ("assign", "act", "escalate", "return", "close", "review")]
    return [*steps,
            ("CaseDialog", lambda: CaseDialog(ctx, parent)),
            ("CaseDialog from a visit", lambda: CaseDialog(
                ctx, parent, source="visit", source_ref=case["uuid"], title="屋顶漏雨，需要修缮",
                origin="欧阳慧慧：2026-11-20 李主任走访\n屋顶漏雨，需要修缮")),
            ("CaseView", lambda: CaseView(cases.show(ctx.store, case["uuid"]), parent)),
            ("CaseLimitsDialog", lambda: CaseLimitsDialog(ctx, parent)),
            ("AlertDialog case", lambda: AlertDialog(ctx, alert, False, parent)),
            ("AlertDialog dismiss", lambda: AlertDialog(ctx, alert, True, parent)),
            ("CheckSheetPreview", lambda: CheckSheetPreview(ctx, case["uuid"], parent)),
            ("GoodsDialog", lambda: GoodsDialog(ctx, parent)),
            ("RuleDialog", lambda: RuleDialog(ctx, parent)),
            ("ActivityDialog", lambda: ActivityDialog(ctx, [], parent)),
            ("SettingsDialog", lambda: SettingsDialog(ctx, points.settings(ctx.store), parent)),
            ("NewHouseholdDialog", lambda: NewHouseholdDialog(ctx, parent)),
            ("NewPersonDialog", lambda: NewPersonDialog(ctx, parent)),
            ("MonitoringSettingsDialog", lambda: MonitoringSettingsDialog(ctx, parent)),
            ("PersonDialog", lambda: PersonDialog(ctx, person, parent)),
            ("HouseholdsDialog", lambda: HouseholdsDialog(ctx, parent)),
            ("ImportWizard", lambda: ImportWizard(ctx, parent)),
            ("PrintPreview", lambda: PrintPreview(ctx, notice, parent))]


def main(data_dir: str) -> int:
    from cunwu.config import FONT_SIZES
    from cunwu.services.village import admin_actor
    from cunwu.ui.app import Launcher, application
    from cunwu.ui.collector import GuiThreadCollector

    app = application()
    collector = GuiThreadCollector()
    launcher = Launcher(app, Path(data_dir))
    launcher.prefs.apply_language("zh_CN")
    launcher.open()
    found: list[str] = []
    try:
        for size in FONT_SIZES:
            launcher.prefs.apply_font_size(size)
            login = launcher.login_dialog()
            login.show()
            QTest.qWait(50)
            found += problems(f"{size} login", login)
            login.close()
            window = launcher.main_window(admin_actor(launcher.store, "admin"))
            window.show()
            QTest.qWait(300)
            for key in window.pages:
                window.show_page(key)
                QTest.qWait(300)
                found += problems(f"{size} page {key}", window)
            page = window.pages["residents"]
            for name, make in dialogs(window.ctx, page):
                dialog = make()
                dialog.show()
                QTest.qWait(200)
                for tab in getattr(dialog, "tabs", None) and range(dialog.tabs.count()) or [0]:
                    if getattr(dialog, "tabs", None) is not None:
                        dialog.tabs.setCurrentIndex(tab)
                        QTest.qWait(50)
                    found += problems(f"{size} {name}", dialog)
                dialog.close()
            window.ctx.tasks.shutdown()
            window.close()
            collector.check()
    finally:
        launcher.close()
        collector.stop()
    print(json.dumps(sorted(set(found)), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

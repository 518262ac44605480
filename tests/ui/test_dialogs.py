"""The saving dialogs' base: fields are read on the GUI thread, the worker gets plain data only.

A Qt widget may only be touched on the GUI thread; a dialog whose `work` read one on the
worker would crash now and then, never in a test run on purpose. So each dialog's `work` is
run here with every widget of the dialog already destroyed: one widget read fails at once.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from decimal import Decimal

import pytest
import shiboken6
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QWidget

import cunwu.ui
from cunwu.errors import CunwuError
from cunwu.ui.dialogs import SavingDialog

PLAIN = (str, int, float, bool, type(None), dt.date, Decimal)


def _plain(value) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    return isinstance(value, PLAIN)


def _subclasses(cls) -> set:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_subclasses(sub)}
    return found


def test_values_are_read_on_the_gui_thread_and_work_runs_off_it(qtbot, window, qapp):
    seen = {}

    class Probe(SavingDialog):
        def values(self):
            seen["values_thread"] = QThread.currentThread()
            return {"name": "x"}

        def work(self, values):
            seen["work_thread"] = QThread.currentThread()
            seen["work_values"] = values
            return "done"

    dialog = Probe(window.ctx, window)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        dialog.save()
    assert saved.args == ["done"]
    assert seen["values_thread"] is qapp.thread()
    assert seen["work_thread"] is not qapp.thread()
    assert seen["work_values"] == {"name": "x"}


def test_every_saving_dialog_takes_its_values_in_work():
    for info in pkgutil.walk_packages(cunwu.ui.__path__, "cunwu.ui."):
        importlib.import_module(info.name)
    dialogs = _subclasses(SavingDialog)
    assert len(dialogs) >= 7
    for cls in dialogs:
        assert list(inspect.signature(cls.work).parameters) == ["self", "values"], cls


def _dialogs(ctx):
    from cunwu.services import points
    from cunwu.ui.points.activity_dialog import ActivityDialog
    from cunwu.ui.points.goods_dialog import GoodsDialog
    from cunwu.ui.points.rule_dialog import RuleDialog
    from cunwu.ui.points.settings_dialog import SettingsDialog
    from cunwu.ui.residents.monitoring_dialog import MonitoringSettingsDialog
    from cunwu.ui.residents.new_household_dialog import NewHouseholdDialog
    from cunwu.ui.residents.new_person_dialog import NewPersonDialog

    return [GoodsDialog(ctx), RuleDialog(ctx), ActivityDialog(ctx, []),
            SettingsDialog(ctx, points.settings(ctx.store)), NewHouseholdDialog(ctx),
            NewPersonDialog(ctx), MonitoringSettingsDialog(ctx)]


@pytest.mark.parametrize("index", range(7))
def test_a_dialogs_work_reads_no_widget(qtbot, window, index):
    dialog = _dialogs(window.ctx)[index]
    qtbot.addWidget(dialog)
    values = dialog.values()
    assert _plain(values), (type(dialog).__name__, values)
    for child in dialog.findChildren(QWidget):
        if shiboken6.isValid(child):
            shiboken6.delete(child)
    try:
        dialog.work(values)  # a widget read raises RuntimeError: the C++ object is gone
    except CunwuError:
        pass  # the service refusing empty fields is fine: it got as far as the service


def test_enter_in_the_activity_name_search_searches_and_saves_nothing(qtbot, window):
    from PySide6.QtCore import Qt

    from cunwu.ui.points.activity_dialog import ActivityDialog

    dialog = ActivityDialog(window.ctx, [])
    qtbot.addWidget(dialog)
    dialog.show()
    pressed = []
    dialog.buttons.accepted.connect(lambda: pressed.append("OK"))
    dialog.search.setFocus()
    qtbot.keyClicks(dialog.search, "zh")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    qtbot.wait(200)
    assert pressed == [] and dialog.isVisible()

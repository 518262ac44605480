"""The background-task helper: work off the GUI thread, progress, cancel, failures shown."""

from __future__ import annotations

import logging
import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from cunwu.errors import CunwuError
from cunwu.ui.tasks import SHOW_PROGRESS_AFTER_MS, Cancelled, TaskRunner


@pytest.fixture
def runner(qtbot):
    runner = TaskRunner()
    yield runner
    runner.shutdown()


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()]


def close_boxes() -> None:
    for box in boxes():
        box.close()


def test_runs_off_the_gui_thread_and_reports_back_on_it(qtbot, runner, parent):
    seen = {}
    reports = []

    def work(progress):
        seen["worker"] = threading.get_ident()
        for i in range(1, 4):
            progress(i, 3)
        return "done"

    task = runner.run(work, parent=parent, title="work",
                      on_success=lambda r: seen.setdefault("callback", threading.get_ident()))
    task.progress.connect(lambda d, t: reports.append((d, t)))
    with qtbot.waitSignal(task.done, timeout=5_000):
        pass
    assert task.result == "done" and task.error is None
    assert seen["worker"] != threading.get_ident()
    assert seen["callback"] == threading.get_ident()
    assert reports[-1] == (3, 3)
    assert not runner.busy


def test_window_stays_responsive_and_cancel_stops_the_task(qtbot, runner, parent):
    steps = []

    def slow(progress):
        for i in range(500):
            progress(i, 500)
            steps.append(i)
            time.sleep(0.01)
        return "never"

    task = runner.run(slow, parent=parent, title="slow work")
    # The progress dialog appears once the work takes a while; its Cancel stops it.
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(),
                    timeout=SHOW_PROGRESS_AFTER_MS + 3_000)
    cancel = task.dialog.findChild(QPushButton)
    assert cancel.text() == "Cancel"
    with qtbot.waitSignal(task.done, timeout=5_000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert isinstance(task.error, Cancelled)
    assert len(steps) < 500
    assert boxes() == []  # cancelling is not an error


def test_cunwu_error_message_is_shown_plainly(qtbot, runner, parent):
    def refuse(progress):
        raise CunwuError("E_STORE_BUSY")

    task = runner.run(refuse, parent=parent, title="busy")
    with qtbot.waitSignal(task.done, timeout=5_000):
        pass
    shown = boxes()
    assert len(shown) == 1
    assert shown[0].text() == CunwuError("E_STORE_BUSY").message
    assert shown[0].informativeText() == "Error code: E_STORE_BUSY"
    close_boxes()


def test_a_bug_shows_e_internal_and_logs_the_traceback(qtbot, runner, parent, caplog):
    def buggy(progress):
        return {}["missing"]

    with caplog.at_level(logging.ERROR, logger="cunwu.ui"):
        task = runner.run(buggy, parent=parent, title="buggy")
        with qtbot.waitSignal(task.done, timeout=5_000):
            pass
    shown = boxes()
    assert len(shown) == 1
    assert "Something went wrong inside cunwu: KeyError" in shown[0].text()
    assert shown[0].informativeText() == "Error code: E_INTERNAL"
    record = next(r for r in caplog.records if r.name == "cunwu.ui")
    assert record.exc_info and record.exc_info[0] is KeyError
    assert "buggy" in caplog.text or "KeyError" in caplog.text
    close_boxes()


def test_tasks_run_one_at_a_time(qtbot, runner):
    active, overlap = [0], []

    def work(progress):
        active[0] += 1
        overlap.append(active[0])
        time.sleep(0.02)
        active[0] -= 1

    tasks = [runner.run(work, parent=None, title="t", show_progress=False) for _ in range(4)]
    qtbot.waitUntil(lambda: all(t.finished for t in tasks), timeout=5_000)
    assert max(overlap) == 1


def test_progress_dialog_appears_even_without_progress_reports(qtbot, runner, parent):
    release = threading.Event()
    task = runner.run(lambda progress: release.wait(5), parent=parent, title="quiet work")
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(),
                    timeout=SHOW_PROGRESS_AFTER_MS + 3_000)
    with qtbot.waitSignal(task.done, timeout=5_000):
        release.set()
    assert task.result is True and task.dialog is None


def test_cycles_are_collected_on_the_gui_thread_only():
    import gc
    import weakref

    from cunwu.ui.collector import GuiThreadCollector

    gc.enable()
    collector = GuiThreadCollector()
    try:
        assert not gc.isenabled()

        class Node:
            pass

        a, b = Node(), Node()
        a.other, b.other = b, a
        ref = weakref.ref(a)
        del a, b
        gc.set_threshold(1, 1, 1)
        for _ in range(5):
            [Node() for _ in range(3)]
        collector.check()
        collector.check()
        collector.check()
        assert ref() is None
    finally:
        gc.set_threshold(700, 10, 10)
        collector.stop()
    assert gc.isenabled()
    gc.disable()  # as the window tests run (conftest)


def test_settled_objects_are_not_walked_again_and_are_released_at_stop():
    import gc

    from cunwu.ui.collector import GuiThreadCollector

    collector = GuiThreadCollector()
    try:
        collector.settle()
        assert gc.get_freeze_count() > 0
    finally:
        collector.stop()
    assert gc.get_freeze_count() == 0
    gc.disable()  # as the window tests run (conftest)

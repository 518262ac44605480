"""Python's cycle collector runs on whichever thread happens to allocate; a Qt object it frees
on a worker thread crashes the program. While the window runs, automatic collection is off
and this collects on the GUI thread instead (Anki does the same)."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_EVERY_MS = 1000


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(CHECK_EVERY_MS)

    def check(self) -> None:
        """Collect the oldest generation whose count passed its threshold, as gc would."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return

    def settle(self) -> None:
        """Once the window is built: the libraries' and pages' long-lived objects move to the
        permanent generation, so a full pass walks only what came later (~50 ms → ~0)."""
        gc.collect()
        gc.freeze()

    def stop(self) -> None:
        self._timer.stop()
        gc.unfreeze()
        gc.collect()
        if self._was_enabled:
            gc.enable()

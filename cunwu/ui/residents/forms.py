"""What the residents' small dialogs share: the points dialogs' saving (off the GUI thread,
a refusal shown inside the dialog), with the fields read on the GUI thread first, since a
widget may only be read there."""

from __future__ import annotations

from cunwu.ui.points.forms import SavingDialog


class FormDialog(SavingDialog):
    """Subclasses give `collect()` (GUI thread: the widgets' values) and `submit(values)`
    (worker thread: the service call, returning what `saved` carries)."""

    def collect(self) -> dict:
        raise NotImplementedError

    def submit(self, values: dict):
        raise NotImplementedError

    def save(self) -> None:
        if self.task is None:
            self.values = self.collect()
        super().save()

    def work(self):
        return self.submit(self.values)

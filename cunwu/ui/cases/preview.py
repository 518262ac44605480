"""Print preview of a case's 入户核查表: the shared preview dialog, fed by the cases' printing
service."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from cunwu.ui.disclosures.preview import PrintPreview
from cunwu.ui.widgets import file_name


class CheckSheetPreview(PrintPreview):
    def __init__(self, ctx, uuid: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, uuid, parent)
        self.setObjectName("caseCheckSheetPreview")
        self.setWindowTitle(self.tr("Home visit check sheet"))

    def file_name(self) -> str:
        return file_name(self.windowTitle(), "pdf")

    def render(self) -> None:
        from cunwu.services.cases_print import check_sheet

        store, uuid = self.ctx.store, self.uuid
        self.info.setText(self.tr("Making the sheet…"))
        self.task = self.ctx.tasks.run(lambda _p: check_sheet(store, uuid), parent=self,
                                       title=self.tr("Making the sheet…"), on_success=self._show,
                                       on_failure=self._failed, on_done=self._done)

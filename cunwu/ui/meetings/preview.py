"""Print preview of a meeting's sign-in sheet or minutes: the shared preview dialog, fed by
the meeting's own printing service."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from cunwu.ui.disclosures.preview import PrintPreview
from cunwu.ui.widgets import file_name


class MeetingPreview(PrintPreview):
    def __init__(self, ctx, uuid: str, what: str, parent: QWidget | None = None) -> None:
        self.what = what
        super().__init__(ctx, uuid, parent)
        self.setObjectName("meetingPreview")
        self.setWindowTitle(self.tr("Sign-in sheet") if what == "signin" else self.tr("Minutes"))

    def file_name(self) -> str:
        return file_name(self.windowTitle(), "pdf")

    def render(self) -> None:
        from cunwu.printing.notice import Printed
        from cunwu.services.meeting_print import print_meeting

        store, uuid, what = self.ctx.store, self.uuid, self.what

        def work(_progress):
            result = print_meeting(store, uuid, what)
            return Printed(result["pdf"], result["lacking"])

        self.info.setText(self.tr("Making the sheet…"))
        self.task = self.ctx.tasks.run(work, parent=self, title=self.tr("Making the sheet…"),
                                       on_success=self._show, on_failure=self._failed,
                                       on_done=self._done)

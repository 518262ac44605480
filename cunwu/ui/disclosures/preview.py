"""Print preview of a notice (QtPdf): the PDF exactly as it will be posted, printing through
the system's print dialog, or saving the PDF. The PDF is made off the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton,
                               QVBoxLayout, QWidget)

from cunwu.errors import CunwuError
from cunwu.ui.errors import show_error
from cunwu.ui.widgets import file_name
from cunwu.ui.sizing import size_dialog

PRINT_DPI = 300


class PrintPreview(QDialog):
    """Shows a disclosure's notice; `loaded` is True once the PDF is on screen."""

    def __init__(self, ctx, uuid: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.uuid = ctx, uuid
        self.pdf = b""
        self.loaded = False
        self.task = None
        self.setObjectName("disclosurePreview")
        self.setWindowTitle(self.tr("Print preview"))
        size_dialog(self, 40, 36)  # an A4 page's width, never taller than the screen
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.info = QLabel(self.tr("Making the notice…"))
        self.info.setWordWrap(True)
        self.print_button = QPushButton(self.tr("Print…"))
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.close_button = QPushButton(self.tr("Close"))
        for b in (self.print_button, self.save_button):
            b.setEnabled(False)
        self.print_button.clicked.connect(self.choose_printer)
        self.save_button.clicked.connect(self.choose_file)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.info, 1)
        for b in (self.print_button, self.save_button, self.close_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._buffer: QBuffer | None = None
        self.render()

    def render(self) -> None:
        from cunwu.services.disclosure_print import print_pdf

        store, uuid = self.ctx.store, self.uuid
        self.task = self.ctx.tasks.run(lambda _p: print_pdf(store, uuid), parent=self,
                                       title=self.tr("Making the notice…"),
                                       on_success=self._show, on_failure=self._failed,
                                       on_done=self._done)

    def _show(self, printed) -> None:
        self.pdf = printed.pdf
        # The buffer must outlive the document's use of it.
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(self.pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        pages = self.document.pageCount()
        text = self.tr("{n} page(s), A4. Personal data is masked.").format(n=pages)
        if printed.lacking:
            chars = " ".join(f"{c} (U+{ord(c):04X})" for c in printed.lacking)
            text += " " + self.tr("The font has no glyph for {chars}: the notice shows their "
                                  "code instead.").format(chars=chars)
        if printed.health:
            text += " " + self.tr("It mentions {words}: a posted notice must not show health or "
                                  "disability detail.").format(words="、".join(printed.health))
        self.info.setText(text)
        for b in (self.print_button, self.save_button):
            b.setEnabled(pages > 0)
        self.loaded = True

    def _failed(self, exc: BaseException) -> None:
        self.info.setText(self.tr("The notice could not be made."))
        self.error_box = show_error(self, exc)

    def _done(self) -> None:
        self.task = None

    def choose_printer(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Each page rendered at print resolution onto the printer; returns pages printed."""
        from PySide6.QtGui import QPageLayout, QPageSize

        printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                          QPageLayout.Orientation.Portrait,
                                          printer.pageLayout().margins()))
        printer.setFullPage(True)
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        count = self.document.pageCount()
        try:
            for i in range(count):
                if i:
                    printer.newPage()
                points = self.document.pagePointSize(i)
                size = QSize(int(points.width() / 72 * PRINT_DPI),
                             int(points.height() / 72 * PRINT_DPI))
                image = self.document.render(i, size)
                target = painter.viewport()
                painter.drawImage(QRect(0, 0, target.width(), target.height()), image)
        finally:
            painter.end()
        return count

    def choose_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), self.file_name(),
                                              self.tr("PDF (*.pdf)"))
        if path:
            self.save_to(path)

    def file_name(self) -> str:
        """What the save dialog suggests: what this document is, and today's date."""
        return file_name(self.tr("Notice"), "pdf")

    def save_to(self, path: str) -> None:
        from cunwu.files import write_atomic
        from pathlib import Path

        try:
            write_atomic(Path(path), self.pdf)
        except CunwuError as e:
            self.error_box = show_error(self, e)

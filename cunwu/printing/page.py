"""The A4 sheet every printed document shares: margins, header (village, heading),
footer (verification code, 第 X 页 共 Y 页, QR code), a 草稿 mark on drafts.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from cunwu.printing import fonts

PAGE_W, PAGE_H = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 30 * mm
QR_SIZE = 22 * mm
FRAME_W = PAGE_W - 2 * MARGIN_X


@dataclass
class SheetInfo:
    """What the header and footer of every page show."""

    village: str
    heading: str = ""
    title: str = ""  # the PDF's metadata title
    code: str = ""  # short verification code, printed in the footer
    qr_payload: str = ""  # what the QR code in the footer encodes
    draft: bool = False


def page_label(page: int, total: int) -> str:
    return f"第 {page} 页 共 {total} 页"


def _numbered_canvas(info: SheetInfo):
    """A canvas that holds its pages back until the end, to print 共 Y 页 on each."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            # Otherwise every page names Helvetica, a font the file does not carry.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or fonts.FONT
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont(fonts.FONT, 9)
                self.setFillGray(0.2)
                self.drawCentredString(PAGE_W / 2, MARGIN_BOTTOM - 12 * mm,
                                       page_label(number, total))
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def qr_modules(payload: str) -> list[list[bool]]:
    """The QR code's dark modules, row by row (ReportLab's encoder)."""
    from reportlab.graphics.barcode.qr import QrCodeWidget

    widget = QrCodeWidget(payload, barLevel="M")
    widget.qr.make()
    return [[bool(v) for v in row] for row in widget.qr.modules]


def _draw_qr_form(canvas: Canvas, payload: str) -> None:
    """The QR code drawn once as a PDF form and reused on every page (cheap for long
    lists). Drawn as plain rectangles: ReportLab's graphics renderer would name Helvetica."""
    modules = qr_modules(payload)
    quiet = 2
    box = QR_SIZE / (len(modules) + 2 * quiet)
    canvas.beginForm("cunwu_qr")
    canvas.setFillGray(0)
    for r, row in enumerate(modules):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                canvas.rect((start + quiet) * box, QR_SIZE - (r + quiet + 1) * box,
                            (c - start) * box, box, stroke=0, fill=1)
            else:
                c += 1
    canvas.endForm()


def _decorate(info: SheetInfo):
    state = {"qr": False}

    def on_page(canvas: Canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(fonts.FONT, 9)
        canvas.setFillGray(0.25)
        top = PAGE_H - MARGIN_TOP + 8 * mm
        canvas.drawString(MARGIN_X, top, fonts.drawable(info.village))
        if info.heading:
            canvas.drawRightString(PAGE_W - MARGIN_X, top, fonts.drawable(info.heading))
        canvas.setStrokeGray(0.5)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, top - 2 * mm, PAGE_W - MARGIN_X, top - 2 * mm)
        bottom = MARGIN_BOTTOM - 4 * mm
        canvas.line(MARGIN_X, bottom, PAGE_W - MARGIN_X, bottom)
        if info.code:
            canvas.drawString(MARGIN_X, bottom - 8 * mm, f"核验码 {info.code}")
            canvas.setFont(fonts.FONT, 7)
            canvas.drawString(MARGIN_X, bottom - 12 * mm, "扫码或在村务系统中输入核验码，可核对本公告与存档是否一致")
        if info.qr_payload:
            if not state["qr"]:
                _draw_qr_form(canvas, info.qr_payload)
                state["qr"] = True
            canvas.translate(PAGE_W - MARGIN_X - QR_SIZE, bottom - QR_SIZE - 2 * mm)
            canvas.doForm("cunwu_qr")
        canvas.restoreState()
        if info.draft:
            canvas.saveState()
            canvas.setFont(fonts.FONT, 80)
            canvas.setFillGray(0.88)
            canvas.translate(PAGE_W / 2, PAGE_H / 2)
            canvas.rotate(35)
            canvas.drawCentredString(0, 0, "草稿 未经审核")
            canvas.restoreState()

    return on_page


def build(story: list, info: SheetInfo, out: str | Path | io.BytesIO | None = None) -> bytes:
    """Lay out `story` on A4 sheets; write to `out` when given; return the PDF bytes."""
    fonts.register()
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                          topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
                          title=info.title or info.heading, author=info.village,
                          creator="cunwu", invariant=1)
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    doc.addPageTemplates([PageTemplate(id="sheet", frames=[frame], onPage=_decorate(info))])
    doc.build(story, canvasmaker=_numbered_canvas(info))
    data = buf.getvalue()
    if isinstance(out, io.BytesIO):
        out.write(data)
    elif out is not None:
        from cunwu.files import write_atomic

        write_atomic(Path(out), data)
    return data

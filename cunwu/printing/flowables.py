"""Building blocks for printed sheets: text styles, data tables that split across pages
with the header row repeated, and the signature and seal area.

Every piece of text passes through `Text.clean`: personal numbers masked (masking.scrub)
and characters the font lacks shown as their code point and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from cunwu.printing import fonts, masking
from cunwu.printing.page import FRAME_W

TABLE_SIZE = 9.5
CELL_PAD = 3
PAD_TOP, PAD_BOTTOM = 2, 2.5
_NUMBER = re.compile(r"^[-+]?[\d,]*\.?\d+%?$")


@dataclass
class Text:
    """Cleans every string that goes on paper; remembers characters the font lacked."""

    mask: bool = True
    lacking: set[str] = field(default_factory=set)

    def clean(self, value) -> str:
        s = "" if value is None else str(value)
        if self.mask:
            s = masking.scrub(s)
        return fonts.drawable(s, self.lacking)

    def public(self, value) -> str:
        """Text meant to be public as it is (the 监督电话): never masked."""
        return fonts.drawable("" if value is None else str(value), self.lacking)


def styles() -> dict[str, ParagraphStyle]:
    f = fonts.register()
    base = ParagraphStyle("body", fontName=f, fontSize=11, leading=18, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=18, leading=26,
                                alignment=TA_CENTER, spaceAfter=3 * mm),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=10, leading=15,
                                   alignment=TA_CENTER, textColor=colors.HexColor("#333333"),
                                   spaceAfter=4 * mm),
        "body": ParagraphStyle("body2", parent=base, firstLineIndent=22, spaceAfter=2 * mm),
        "plain": ParagraphStyle("plain", parent=base, spaceAfter=1 * mm),
        "caption": ParagraphStyle("caption", parent=base, fontSize=11, leading=16,
                                  spaceBefore=3 * mm, spaceAfter=2 * mm),
        "cell": ParagraphStyle("cell", parent=base, fontSize=TABLE_SIZE, leading=12,
                               alignment=TA_LEFT),
        "small": ParagraphStyle("small", parent=base, fontSize=9, leading=13),
    }


def para(text: str, style: ParagraphStyle, clean: Text) -> Paragraph:
    """A paragraph of plain text (no markup): escaped, line breaks kept."""
    return Paragraph(escape(clean.clean(text)).replace("\n", "<br/>"), style)


def body(text: str, st: dict, clean: Text) -> list:
    """Free text: one paragraph per blank-line-separated block."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text or "") if b.strip()]
    return [para(b, st["body"], clean) for b in blocks]


def _widths(columns: list[str], rows: list[list[str]], width: float) -> list[float]:
    """Column widths from the header and a sample of rows, scaled to the frame width."""
    f = fonts.FONT
    sample = rows[:300]
    natural = []
    for i, head in enumerate(columns):
        w = stringWidth(head, f, TABLE_SIZE)
        for r in sample:
            if i < len(r) and r[i]:
                w = max(w, stringWidth(r[i], f, TABLE_SIZE))
        natural.append(min(w, width * 0.6) + 2 * CELL_PAD + 2)
    total = sum(natural)
    return [w * width / total for w in natural]


def _numeric(rows: list[list[str]], i: int) -> bool:
    seen = False
    for r in rows[:300]:
        v = r[i] if i < len(r) else ""
        if v:
            if not _NUMBER.match(v.replace(" ", "")):
                return False
            seen = True
    return seen


def data_table(columns: list[str], rows: list[list], clean: Text,
               width: float = FRAME_W, col_widths: list[float] | None = None) -> Table:
    """A table that splits across pages with its header row repeated on each."""
    st = styles()
    head = [clean.clean(c) for c in columns]
    body_rows = [[clean.clean(v) for v in r] for r in rows]
    widths = col_widths or _widths(head, body_rows, width)
    f = fonts.FONT
    cell_style = st["cell"]
    # Plain strings are fast; only a cell too wide for its column becomes a wrapping
    # paragraph. A row of one-line strings gets a fixed height, so splitting a long table
    # across pages never measures it again.
    one_line = TABLE_SIZE * 1.2 + PAD_TOP + PAD_BOTTOM
    heights: list[float | None] = [None]
    for r in body_rows:
        fixed = True
        for i, v in enumerate(r):
            room = widths[i] - 2 * CELL_PAD
            if len(v) * TABLE_SIZE > room and stringWidth(v, f, TABLE_SIZE) > room:
                r[i] = Paragraph(escape(v).replace("\n", "<br/>"), cell_style)
                fixed = False
            elif "\n" in v:
                fixed = False
        heights.append(one_line if fixed else None)
    header = [Paragraph(escape(h), cell_style) if stringWidth(h, f, TABLE_SIZE) > widths[i] - 2 * CELL_PAD
              else h for i, h in enumerate(head)]
    commands = [
        ("FONT", (0, 0), (-1, -1), f, TABLE_SIZE),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#555555")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_TOP),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_BOTTOM),
    ]
    if None in heights[1:]:
        commands.append(("VALIGN", (0, 0), (-1, -1), "MIDDLE"))
    for i in range(len(head)):
        if _numeric(body_rows, i):
            commands.append(("ALIGN", (i, 1), (i, -1), "RIGHT"))
    table = Table([header] + body_rows, colWidths=widths, rowHeights=heights, repeatRows=1,
                  hAlign="CENTER")
    table.setStyle(TableStyle(commands))
    return table


class SealArea(Flowable):
    """The signature and seal area: who reviewed on the left; the issuing body, the date
    and a dashed circle where the seal goes on the right."""

    def __init__(self, left: list[str], right: list[str], clean: Text, height: float = 42 * mm):
        super().__init__()
        self.left = [clean.clean(s) for s in left]
        self.right = [clean.clean(s) for s in right]
        self.height = height

    def wrap(self, avail_w, avail_h):
        self.width = avail_w
        return avail_w, self.height

    def draw(self):
        c = self.canv
        c.setFont(fonts.FONT, 11)
        y = self.height - 8 * mm
        for line in self.left:
            c.drawString(0, y, line)
            y -= 8 * mm
        cx, cy, r = self.width - 32 * mm, self.height / 2, 19 * mm
        c.saveState()
        c.setDash(2, 2)
        c.setStrokeGray(0.6)
        c.circle(cx, cy, r)
        c.restoreState()
        c.setFont(fonts.FONT, 8)
        c.setFillGray(0.55)
        c.drawCentredString(cx, cy - 1.5 * mm, "（盖章处）")
        c.setFillGray(0)
        c.setFont(fonts.FONT, 11)
        y = self.height - 12 * mm
        for line in self.right:
            c.drawRightString(self.width, y, line)
            y -= 8 * mm


def gap(h_mm: float) -> Spacer:
    return Spacer(1, h_mm * mm)

"""A horizontal bar chart drawn with QPainter (QtCharts is not part of PySide6-Essentials):
one bar per name, longest first, the value at the end of each bar."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR = 22
GAP = 6


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[tuple[str, int]] = []
        self.setObjectName("pointsChart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_bars(self, bars: list[tuple[str, int]]) -> None:
        self.bars = list(bars)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, max(len(self.bars), 1) * (BAR + GAP) + GAP)

    def paintEvent(self, _event) -> None:
        if not self.bars:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = p.fontMetrics()
        label_w = max(metrics.horizontalAdvance(name) for name, _ in self.bars) + 12
        value_w = metrics.horizontalAdvance("0000000") + 8
        room = max(self.width() - label_w - value_w, 10)
        top = max(max(v for _, v in self.bars), 1)
        bar_color = QColor("#c0392b")
        for i, (name, value) in enumerate(self.bars):
            y = GAP + i * (BAR + GAP)
            p.setPen(self.palette().text().color())
            p.drawText(QRectF(0, y, label_w - 8, BAR),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, name)
            width = room * max(value, 0) / top
            p.fillRect(QRectF(label_w, y + 2, width, BAR - 4), bar_color)
            p.drawText(QRectF(label_w + width + 6, y, value_w, BAR),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, str(value))
        p.end()

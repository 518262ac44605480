"""The meeting editor's agenda items: title, the votes 同意 / 反对 / 弃权 as typed, the result
the meeting's verdict gives them (domain/votes.py) after every change, and the resolution."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from cunwu.domain import meetings as m
from cunwu.domain import votes
from cunwu.domain.votes import MeetingVerdict

VOTE_COLS = (1, 2, 3)  # 同意, 反对, 弃权
RESULT_COL, RESOLUTION_COL = 4, 5


class ItemsTable(QTableWidget):
    """Rows as `meeting_detail` gives items; `data()` gives them back as `save_meeting` takes them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self.setObjectName("items")
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(RESOLUTION_COL, QHeaderView.ResizeMode.Stretch)
        for col in (*VOTE_COLS, RESULT_COL):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.verdict: MeetingVerdict | None = None  # the editor's, after every tick
        self._quiet = False
        self.itemChanged.connect(self._changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([self.tr("Agenda item"), m.YES, m.NO, m.ABSTAIN,
                                        self.tr("Result"), self.tr("Resolution")])
        self.show_results(self.verdict)

    def append(self, item: dict) -> None:
        was, self._quiet = self._quiet, True
        row = self.rowCount()
        self.insertRow(row)
        title = QTableWidgetItem(item.get("title", ""))
        title.setData(Qt.ItemDataRole.UserRole, item.get("uuid"))
        self.setItem(row, 0, title)
        given = item.get("votes") or {}
        for col, key in zip(VOTE_COLS, (m.YES, m.NO, m.ABSTAIN)):
            value = given.get(key)
            cell = QTableWidgetItem("" if value is None else str(value))
            cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.setItem(row, col, cell)
        result = QTableWidgetItem()
        result.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.setItem(row, RESULT_COL, result)
        self.setItem(row, RESOLUTION_COL, QTableWidgetItem(item.get("resolution", "")))
        self._quiet = was
        self.show_results(self.verdict)

    def remove_current(self) -> None:
        row = self.currentRow()
        if row >= 0:
            self.removeRow(row)

    def set_votes(self, row: int, yes: int | None, no: int = 0, abstain: int = 0) -> None:
        for col, value in zip(VOTE_COLS, (yes, no, abstain)):
            self.item(row, col).setText("" if yes is None else str(value))

    def _changed(self, item: QTableWidgetItem) -> None:
        if not self._quiet and item.column() in VOTE_COLS:
            self.show_results(self.verdict)

    def _typed(self, row: int) -> list[str] | None:
        """The three vote cells as typed; None when no vote was entered."""
        texts = [self.item(row, c).text().strip() for c in VOTE_COLS]
        return texts if any(texts) else None

    def show_results(self, verdict: MeetingVerdict | None) -> None:
        self.verdict = verdict
        if verdict is None:
            return
        texts = {votes.NOT_A_NUMBER: self.tr("not a number"),
                 votes.TOO_MANY: self.tr("more votes than present"),
                 votes.NO_QUORUM: self.tr("invalid: no quorum"),
                 votes.PASSED: self.tr("passed"), votes.NOT_PASSED: self.tr("not passed")}
        was, self._quiet = self._quiet, True
        for row in range(self.rowCount()):
            typed = self._typed(row)
            text = self.tr("no vote") if typed is None else texts[verdict.vote(*typed)]
            self.item(row, RESULT_COL).setText(text)
        self._quiet = was

    def data(self) -> list[dict]:
        """The items as `save_meeting` takes them (votes as typed: the service checks them)."""
        out = []
        for row in range(self.rowCount()):
            item = {"uuid": self.item(row, 0).data(Qt.ItemDataRole.UserRole),
                    "title": self.item(row, 0).text().strip(),
                    "resolution": self.item(row, RESOLUTION_COL).text().strip()}
            typed = self._typed(row)
            if typed is not None:
                item["votes"] = dict(zip((m.YES, m.NO, m.ABSTAIN), typed))
            out.append(item)
        return out

"""The attendance list of the meeting editor: one row per expected person, with check boxes
big enough for clerks who rarely use a mouse, for 实到 and 请假 (neither: 缺席)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView,
                               QTableWidget, QTableWidgetItem, QWidget)

from cunwu.domain import meetings as m
from cunwu.domain.votes import counts_of

CHECK_STYLE = "QCheckBox::indicator { width: 28px; height: 28px; }"
PRESENT_COL, EXCUSED_COL = 1, 2
ROW_HEIGHT = 40


class AttendanceTable(QTableWidget):
    """`changed` fires after every tick a person makes (not while the list is being filled)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setObjectName("attendance")
        self.setStyleSheet(CHECK_STYLE)
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (PRESENT_COL, EXCUSED_COL):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self._quiet = False
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Present"), self.tr("Excused")])

    # -- filling --------------------------------------------------------------------------
    def fill(self, rows: list[dict]) -> None:
        """rows: {"person_uuid", "name", "household_uuid", "status"}."""
        self._quiet = True
        self.setRowCount(0)
        for r in rows:
            self.append(r["person_uuid"], r["name"], r.get("household_uuid"), r["status"])
        self._quiet = False

    def append(self, uuid: str, name: str, household: str | None, status: str) -> None:
        row = self.rowCount()
        self.insertRow(row)
        cell = QTableWidgetItem(name)
        cell.setData(Qt.ItemDataRole.UserRole, uuid)
        cell.setData(Qt.ItemDataRole.UserRole + 1, household)
        self.setItem(row, 0, cell)
        for col, on in ((PRESENT_COL, status == m.PRESENT), (EXCUSED_COL, status == m.EXCUSED)):
            holder = QWidget()
            box = QCheckBox()
            box.setChecked(on)
            box.toggled.connect(lambda checked, b=box, c=col: self._toggled(b, c, checked))
            lay = QHBoxLayout(holder)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.addWidget(box, 0, Qt.AlignmentFlag.AlignCenter)
            self.setCellWidget(row, col, holder)
        self.setRowHeight(row, ROW_HEIGHT)

    # -- reading and ticking ----------------------------------------------------------------
    def person_uuids(self) -> list[str]:
        return [self.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(self.rowCount())]

    def box(self, row: int, col: int = PRESENT_COL) -> QCheckBox:
        return self.cellWidget(row, col).findChild(QCheckBox)

    def checked(self, row: int, col: int) -> bool:
        return self.box(row, col).isChecked()

    def set_present(self, row: int, present: bool = True) -> None:
        self.box(row, PRESENT_COL).setChecked(present)

    def set_excused(self, row: int, excused: bool = True) -> None:
        self.box(row, EXCUSED_COL).setChecked(excused)

    def set_all(self, present: bool) -> None:
        self._quiet = True
        for r in range(self.rowCount()):
            self.set_present(r, present)
            if present:
                self.set_excused(r, False)
        self._quiet = False
        self.changed.emit()

    def statuses(self) -> list[tuple[str | None, str]]:
        """(household, 实到/请假/缺席) for each row, in order."""
        out = []
        for r in range(self.rowCount()):
            household = self.item(r, 0).data(Qt.ItemDataRole.UserRole + 1)
            status = m.PRESENT if self.checked(r, PRESENT_COL) else \
                m.EXCUSED if self.checked(r, EXCUSED_COL) else m.ABSENT
            out.append((household, status))
        return out

    def counts(self) -> m.Counts:
        return counts_of(self.statuses())

    def _toggled(self, box: QCheckBox, col: int, checked: bool) -> None:
        if self._quiet:
            return
        if checked:  # present and excused exclude each other
            other = EXCUSED_COL if col == PRESENT_COL else PRESENT_COL
            for r in range(self.rowCount()):
                if self.box(r, col) is box:
                    self._quiet = True
                    self.box(r, other).setChecked(False)
                    self._quiet = False
                    break
        self.changed.emit()

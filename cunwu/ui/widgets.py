"""The small building blocks every part of the window uses: labels styled by role, plain
read-only tables keyed by the record each row shows and sorted by a click on a header, and
date fields."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QAbstractItemView, QDateEdit, QHBoxLayout, QHeaderView, QLabel,
                               QTableWidget)

from cunwu import clock
from cunwu.ui.sorting import SortItem


def label(role: str = "", text: str = "", *, wrap: bool = False) -> QLabel:
    """A label styled by its role: title, subtitle, hint, error, ok, empty (style.py)."""
    widget = QLabel(text)
    if role:
        widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    return widget


def table(columns: int | list[str], *, single: bool = True, fit: bool = False,
          stretch: int = -1) -> QTableWidget:
    """A read-only table of whole rows; `columns` is a count or the header texts. `single`
    allows one selected row; `fit` keeps every column as wide as its contents; column
    `stretch` (the last if -1) takes the room that is left. A click on a header sorts."""
    headers = columns if isinstance(columns, list) else None
    t = QTableWidget(0, len(headers) if headers is not None else columns)
    if headers is not None:
        t.setHorizontalHeaderLabels(headers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.verticalHeader().setVisible(False)
    if fit:
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch < 0:
        t.horizontalHeader().setStretchLastSection(True)
    else:
        t.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    sortable(t)
    return t


def sortable(t: QTableWidget) -> None:
    """A click on a header sorts the rows; until then they stay in the order they came."""
    t.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    t.setSortingEnabled(True)


@contextmanager
def filling(t: QTableWidget):
    """Rows stay where they are put while the table is filled; then they are sorted again
    by the column the user chose, and the record that was selected is selected again (or
    none, when it is gone: the next record must not inherit the selection)."""
    sorting, chosen = t.isSortingEnabled(), selected_key(t)
    t.setSortingEnabled(False)
    try:
        yield
    finally:
        t.setSortingEnabled(sorting)
        if chosen is not None and not select_key(t, chosen):
            t.clearSelection()


def fill(t: QTableWidget, rows: list[list], keys: list | None = None,
         foreground: list | None = None) -> None:
    """Show `rows` (None as empty); `keys[r]` is kept on each cell of row r for selected_key;
    `foreground[r]`, when not None, colours row r."""
    with filling(t):
        t.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, v in enumerate(values):
                item = SortItem("" if v is None else str(v))
                if keys is not None:
                    item.setData(Qt.ItemDataRole.UserRole, keys[r])
                if foreground is not None and foreground[r] is not None:
                    item.setForeground(foreground[r])
                t.setItem(r, c, item)
    # Wider for longer contents, never narrower: a refresh must not shrink what was readable.
    # No column grows past about 20 characters, so one long text cannot push the others
    # (a deadline, a handler) off a 1366-pixel screen; it is elided and its tooltip-free
    # full text is one click away in the record itself.
    before = [t.columnWidth(c) for c in range(t.columnCount())]
    t.resizeColumnsToContents()
    header = t.horizontalHeader()
    widest = t.fontMetrics().horizontalAdvance("中") * 20
    for c, width in enumerate(before):
        if header.sectionResizeMode(c) == QHeaderView.ResizeMode.Interactive:
            t.setColumnWidth(c, max(width, min(t.columnWidth(c), widest)))


def key_at(t: QTableWidget, row: int):
    """The key of the record shown in `row` (as the table is sorted now), or None."""
    item = t.item(row, 0) if row >= 0 else None
    return item.data(Qt.ItemDataRole.UserRole) if item is not None else None


def selected_key(t: QTableWidget):
    """The key of the (first) selected record: never its row number, which sorting changes."""
    items = t.selectedItems()
    return key_at(t, items[0].row()) if items else None


def select_key(t: QTableWidget, key) -> bool:
    """Select the row of the record `key`, wherever sorting put it; False if not shown."""
    for r in range(t.rowCount()):
        if key_at(t, r) == key:
            t.selectRow(r)
            return True
    return False


def row(*widgets) -> QHBoxLayout:
    """The widgets side by side, left-aligned."""
    layout = QHBoxLayout()
    for w in widgets:
        layout.addWidget(w)
    layout.addStretch(1)
    return layout


def qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


def file_name(stem: str, ext: str) -> str:
    """The name a save dialog suggests: what the file is, in the user's language, and
    today's date ("青山村花名册-20261122.xlsx"), without characters Windows refuses."""
    safe = "".join("_" if c in '<>:"/\\|?*' else c for c in stem).strip() or "cunwu"
    return f"{safe}-{clock.today():%Y%m%d}.{ext}"


def date_edit(day: dt.date | None = None) -> QDateEdit:
    """A date field with a calendar, showing `day` (today if not given) as yyyy-MM-dd."""
    edit = QDateEdit(qdate(day or clock.today()))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit

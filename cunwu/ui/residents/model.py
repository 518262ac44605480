"""The people table as Qt sees it: pages of rows read from the store as the view scrolls
(canFetchMore/fetchMore), never the whole register at once, sorted by the store (ORDER BY).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from cunwu.services.people import ORDERS, PAGE, PersonQuery, PersonRow, by_offset, read_page


_KEY, _UUID = PersonRow._fields.index("key"), PersonRow._fields.index("uuid")


class PeopleModel(QAbstractTableModel):
    COLUMNS = ("name", "sex", "birth_date", "id_number", "group_name", "household_number",
               "relation", "status", "tags")

    def __init__(self, store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.query = PersonQuery()
        # plain tuples, not PersonRow: CPython stops tracking exact tuples of plain values, so
        # 100,000 loaded rows add nothing to the garbage collector's full passes
        self.rows: list[tuple] = []
        self._more = True
        self.elderly_age = 80

    # -- loading ----------------------------------------------------------------------
    def set_query(self, query: PersonQuery) -> None:
        """Start again from the first page of a new search or filter."""
        from cunwu.services.monitoring import settings

        self.beginResetModel()
        self.query = query
        self.elderly_age = settings(self.store)["elderly_age"]
        self.rows, self._more = [], True
        self.endResetModel()
        self.fetchMore()

    def refresh(self) -> None:
        self.set_query(self.query)

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:
        if parent.isValid() or not self._more:
            return
        if by_offset(self.query):
            chunk = read_page(self.store, self.query, offset=len(self.rows), limit=PAGE,
                              elderly_age=self.elderly_age)
        else:
            after = self.rows[-1][_KEY] if self.rows else 0
            chunk = read_page(self.store, self.query, after=after, limit=PAGE,
                              elderly_age=self.elderly_age)
        self._more = len(chunk) == PAGE
        if chunk:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(chunk) - 1)
            self.rows.extend(tuple(r) for r in chunk)
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A click on a header: the store reads the list again in that order, from its first
        page (-1, as before any click, is the register's own order)."""
        name = self.COLUMNS[column] if 0 <= column < len(self.COLUMNS) else ""
        key = name if name in ORDERS else ""
        wanted = (key, bool(key) and order == Qt.SortOrder.DescendingOrder)
        if wanted != (self.query.order, self.query.descending):
            self.set_query(replace(self.query, order=wanted[0], descending=wanted[1]))

    # -- Qt ---------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.header_labels()[section]
        return None

    def header_labels(self) -> list[str]:
        return [self.tr("Name"), self.tr("Sex"), self.tr("Born"), self.tr("ID number"),
                self.tr("Group"), self.tr("Household"), self.tr("Relation"), self.tr("Status"),
                self.tr("Special groups")]

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.person(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            name = self.COLUMNS[index.column()]
            value = getattr(row, name)
            if name == "tags":
                return "、".join(value)
            if name == "birth_date":
                return value.isoformat() if value else ""
            return value or ""
        if role == Qt.ItemDataRole.UserRole:
            return row.uuid
        return None

    def uuid_at(self, row: int) -> str:
        return self.rows[row][_UUID]

    def person(self, row: int) -> PersonRow:
        return PersonRow._make(self.rows[row])

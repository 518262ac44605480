"""Editing a notice's tables: named columns, rows of cells, rows and columns added or
removed, a table read from an .xlsx sheet. Several tables sit in tabs.
"""

from __future__ import annotations

from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QInputDialog, QLineEdit, QPushButton,
                               QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)


class TableEditor(QWidget):
    """One table: a title, column names in the header (double-click to rename), cells."""

    def __init__(self, table: dict | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("Table title, e.g. 收支明细"))
        self.grid = QTableWidget(0, 0)
        self.grid.horizontalHeader().sectionDoubleClicked.connect(self.rename_column)
        buttons = QHBoxLayout()
        self.add_row_button = QPushButton(self.tr("Add row"))
        self.remove_row_button = QPushButton(self.tr("Remove row"))
        self.add_column_button = QPushButton(self.tr("Add column"))
        self.remove_column_button = QPushButton(self.tr("Remove column"))
        for b in (self.add_row_button, self.remove_row_button, self.add_column_button,
                  self.remove_column_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.add_row_button.clicked.connect(self.add_row)
        self.remove_row_button.clicked.connect(self.remove_row)
        self.add_column_button.clicked.connect(lambda: self.add_column())
        self.remove_column_button.clicked.connect(self.remove_column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title_edit)
        layout.addWidget(self.grid, 1)
        layout.addLayout(buttons)
        self.set_table(table or {"title": "", "columns": [self.tr("Item"), self.tr("Amount (yuan)")],
                                 "rows": []})

    def set_table(self, table: dict) -> None:
        columns = list(table.get("columns") or [])
        rows = table.get("rows") or []
        self.title_edit.setText(table.get("title") or "")
        self.grid.clear()
        self.grid.setColumnCount(len(columns))
        self.grid.setHorizontalHeaderLabels(columns)
        self.grid.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                # Wider rows are kept as they are: saving reports them instead of cutting.
                if c >= self.grid.columnCount():
                    self.grid.setColumnCount(c + 1)
                    self.grid.setHorizontalHeaderItem(c, QTableWidgetItem(""))
                self.grid.setItem(r, c, QTableWidgetItem(str(value)))

    def columns(self) -> list[str]:
        out = []
        for c in range(self.grid.columnCount()):
            item = self.grid.horizontalHeaderItem(c)
            out.append(item.text().strip() if item else "")
        return out

    def table(self) -> dict:
        rows = []
        for r in range(self.grid.rowCount()):
            cells = [(self.grid.item(r, c).text() if self.grid.item(r, c) else "")
                     for c in range(self.grid.columnCount())]
            if any(x.strip() for x in cells):
                rows.append(cells)
        return {"title": self.title_edit.text().strip(), "columns": self.columns(), "rows": rows}

    def add_row(self) -> None:
        self.grid.insertRow(self.grid.rowCount())

    def remove_row(self) -> None:
        row = self.grid.currentRow()
        if row >= 0:
            self.grid.removeRow(row)

    def add_column(self, name: str = "") -> None:
        c = self.grid.columnCount()
        self.grid.insertColumn(c)
        self.grid.setHorizontalHeaderItem(c, QTableWidgetItem(name or self.tr("Column {n}").format(n=c + 1)))

    def remove_column(self) -> None:
        col = self.grid.currentColumn()
        if col >= 0:
            self.grid.removeColumn(col)

    def rename_column(self, col: int) -> None:
        old = self.columns()[col]
        name, ok = QInputDialog.getText(self, self.tr("Column name"), self.tr("Name:"), text=old)
        if ok and name.strip():
            self.grid.setHorizontalHeaderItem(col, QTableWidgetItem(name.strip()))


class TablesEditor(QWidget):
    """All the tables of a notice, one tab each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.add_button = QPushButton(self.tr("Add table"))
        self.remove_button = QPushButton(self.tr("Remove table"))
        self.import_button = QPushButton(self.tr("Import from Excel (.xlsx)…"))
        self.add_button.clicked.connect(lambda: self.add_table())
        self.remove_button.clicked.connect(self.remove_table)
        self.import_button.clicked.connect(self.choose_xlsx)
        row = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.import_button):
            row.addWidget(b)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.tabs, 1)

    def add_table(self, table: dict | None = None) -> TableEditor:
        editor = TableEditor(table)
        self.tabs.addTab(editor, self.tr("Table {n}").format(n=self.tabs.count() + 1))
        self.tabs.setCurrentWidget(editor)
        return editor

    def remove_table(self) -> None:
        i = self.tabs.currentIndex()
        if i >= 0:
            self.tabs.removeTab(i)

    def set_tables(self, tables: list[dict]) -> None:
        while self.tabs.count():
            self.tabs.removeTab(0)
        for t in tables:
            self.add_table(t)

    def tables(self) -> list[dict]:
        return [self.tabs.widget(i).table() for i in range(self.tabs.count())]

    def editor(self, i: int) -> TableEditor:
        return self.tabs.widget(i)

    def choose_xlsx(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a table"), "",
                                              self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.import_xlsx(path)

    def import_xlsx(self, path: str) -> None:
        from cunwu.io.disclosure_tables import read_xlsx
        from cunwu.ui.errors import show_error
        from cunwu.errors import CunwuError

        try:
            self.add_table(read_xlsx(path))
        except CunwuError as e:
            show_error(self, e)

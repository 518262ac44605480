"""The roster import wizard: choose a file → check the column mapping → dry-run summary →
import (off the GUI thread, with progress and cancel) → result and report of rejected rows.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFileDialog, QHBoxLayout, QLineEdit,
                               QPushButton, QStackedWidget, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from cunwu.i18n import _ as core_
from cunwu.io.columns import FIELD_LABELS, FIELDS
from cunwu.ui.widgets import file_name, fill, label, table
from cunwu.ui.sizing import size_dialog

CHOOSE, MAPPING, SUMMARY, DONE = range(4)


class ImportWizard(QDialog):
    imported = Signal()

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.prepared = None
        self.dry = None
        self.result = None
        self.task = None
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("Import a roster"))
        size_dialog(self, 44, 24)
        layout = QVBoxLayout(self)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.stack.addWidget(self._choose_page())
        self.stack.addWidget(self._mapping_page())
        self.stack.addWidget(self._summary_page())
        self.stack.addWidget(self._done_page())
        self.error_label = label("error", wrap=True)
        layout.addWidget(self.error_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton(self.tr("Next"))
        self.next_button.setObjectName("wizardNext")
        self.next_button.clicked.connect(self.next)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        for b in (self.back_button, self.next_button, self.close_button):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        self._show(CHOOSE)

    # -- pages ----------------------------------------------------------------------------
    def _choose_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(label("subtitle", self.tr(
            "Choose the roster: an Excel workbook (.xlsx, .xls) or a CSV file. The header row is "
            "found even below a title; columns are matched by their usual Chinese names."), wrap=True))
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("importPath")
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self.browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        v.addLayout(row)
        v.addStretch(1)
        return page

    def _mapping_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        self.mapping_hint = label("subtitle", wrap=True)
        v.addWidget(self.mapping_hint)
        self.mapping_table = QTableWidget(0, 0)
        self.mapping_table.setObjectName("importMapping")
        v.addWidget(self.mapping_table, 1)
        self.remember_box = QCheckBox(self.tr("Remember this mapping for the next import"))
        self.remember_box.setChecked(True)
        v.addWidget(self.remember_box)
        return page

    def _summary_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        self.summary_label = label("subtitle", wrap=True)
        self.summary_label.setObjectName("importSummary")
        v.addWidget(self.summary_label)
        self.rejected_table = table([self.tr("Row"), self.tr("Name"), self.tr("ID number"),
                                     self.tr("Reason")], single=False, fit=True)
        v.addWidget(self.rejected_table, 1)
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        self.done_label = label("subtitle", wrap=True)
        self.done_label.setObjectName("importDone")
        v.addWidget(self.done_label)
        self.report_button = QPushButton(self.tr("Save the report of rejected rows…"))
        self.report_button.clicked.connect(self.save_report)
        v.addWidget(self.report_button)
        v.addStretch(1)
        return page

    def _show(self, step: int) -> None:
        self.stack.setCurrentIndex(step)
        self.step = step
        self.back_button.setEnabled(step in (MAPPING, SUMMARY))
        self.next_button.setVisible(step != DONE)
        self.next_button.setText(self.tr("Import") if step == SUMMARY else self.tr("Next"))
        self.close_button.setText(self.tr("Close") if step == DONE else self.tr("Cancel"))

    # -- navigation ----------------------------------------------------------------------
    def browse(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, self.tr("Choose a roster"), "",
                                               self.tr("Rosters (*.xlsx *.xls *.csv);;All files (*)"))
        if path:
            self.path_edit.setText(path)

    def back(self) -> None:
        self.error_label.clear()
        self._show(max(self.step - 1, CHOOSE))

    def next(self) -> None:
        self.error_label.clear()
        if self.step == CHOOSE:
            self.read_file()
        elif self.step == MAPPING:
            self.dry_run()
        elif self.step == SUMMARY:
            self.run_import()

    def _run(self, fn, title: str, on_success, show_progress: bool = True) -> None:
        self.next_button.setEnabled(False)

        def done():
            self.next_button.setEnabled(True)
            self.task = None

        self.task = self.ctx.tasks.run(fn, parent=self, title=title, on_success=on_success,
                                       on_failure=self._failed, on_done=done,
                                       show_progress=show_progress)

    def _failed(self, exc: BaseException) -> None:
        from cunwu.ui.errors import error_text

        self.error_label.setText(error_text(exc))

    def read_file(self) -> None:
        from cunwu.services.roster_import import preview_roster

        path, store = Path(self.path_edit.text().strip()), self.ctx.store
        self._run(lambda progress: preview_roster(store, path), self.tr("Reading the file…"),
                  self._previewed)

    def _previewed(self, prepared) -> None:
        self.prepared = prepared
        headers = prepared.headers
        sample = prepared.sample(8)
        t = self.mapping_table
        t.clear()
        t.setColumnCount(len(headers))
        t.setRowCount(1 + len(sample))
        t.setHorizontalHeaderLabels(headers)
        self.field_boxes = []
        for j in range(len(headers)):
            box = QComboBox()
            box.addItem(self.tr("(ignore)"), "")
            for f in FIELDS:
                box.addItem(core_(FIELD_LABELS[f]), f)
            box.setCurrentIndex(max(box.findData(prepared.mapping.get(j, "")), 0))
            t.setCellWidget(0, j, box)
            self.field_boxes.append(box)
            for i, row in enumerate(sample):
                t.setItem(i + 1, j, QTableWidgetItem(row[j] if j < len(row) else ""))
        self.mapping_hint.setText(self.tr(
            "The header is row %1 of the file. Check which field each column feeds; the rows "
            "below are the first of the file.").replace("%1", str(prepared.header_row + 1)))
        self._show(MAPPING)

    def mapping(self) -> dict[int, str]:
        return {j: box.currentData() for j, box in enumerate(self.field_boxes) if box.currentData()}

    def set_field(self, column: int, field: str) -> None:
        box = self.field_boxes[column]
        box.setCurrentIndex(box.findData(field))

    def dry_run(self) -> None:
        from cunwu.services.roster_import import import_roster

        mapping, prepared, store, actor = self.mapping(), self.prepared, self.ctx.store, self.ctx.actor
        path, remember = Path(self.path_edit.text()), self.remember_box.isChecked()
        self._run(lambda progress: import_roster(store, actor, path, mapping=mapping, dry_run=True,
                                                 remember=remember, prepared=prepared),
                  self.tr("Checking every row…"), self._checked)

    def _checked(self, result) -> None:
        self.dry = result
        self.summary_label.setText(self.tr(
            "%1 rows read: %2 new people, %3 to update, %4 unchanged, %5 rejected. Nothing has "
            "been written yet. Press Import to write the new and updated people in one step.")
            .replace("%1", str(result.rows)).replace("%2", str(result.imported))
            .replace("%3", str(result.updated)).replace("%4", str(result.unchanged))
            .replace("%5", str(len(result.rejected))))
        fill(self.rejected_table, [[r.row, r.name, r.id_number, r.reason] for r in result.rejected])
        self._show(SUMMARY)

    def run_import(self) -> None:
        from cunwu.services.roster_import import import_roster

        mapping, prepared, store, actor = self.mapping(), self.prepared, self.ctx.store, self.ctx.actor
        path = Path(self.path_edit.text())
        self._run(lambda progress: import_roster(store, actor, path, mapping=mapping,
                                                 prepared=prepared, progress=progress),
                  self.tr("Importing the roster…"), self._imported)

    def _imported(self, result) -> None:
        self.result = result
        self.done_label.setText(self.tr(
            "Imported: %1 new people, %2 updated, %3 unchanged; %4 rows rejected.")
            .replace("%1", str(result.imported)).replace("%2", str(result.updated))
            .replace("%3", str(result.unchanged)).replace("%4", str(len(result.rejected))))
        self.report_button.setEnabled(bool(result.rejected))
        self._show(DONE)
        self.imported.emit()

    def save_report(self) -> None:
        path, _f = QFileDialog.getSaveFileName(self, self.tr("Save the report"),
                                               file_name(self.tr("Rows not imported"), "xlsx"), self.tr("Excel (*.xlsx)"))
        if path:
            self.write_report(path)

    def write_report(self, path: str) -> None:
        from cunwu.io.roster_export import write_report
        from cunwu.ui.errors import show_error

        try:
            write_report(Path(path), self.result or self.dry)
        except Exception as e:
            show_error(self, e)

"""The residents page (居民): the paged register with search as you type, filters by
special group, 村民小组 and status, and the way into people, households, import and export.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout,
                               QHeaderView, QLineEdit, QPushButton, QTableView, QWidget)

from cunwu.domain.monitoring import DERIVED_TAG, TAGS
from cunwu.domain.residents import STATUSES
from cunwu.services.people import PersonQuery, groups
from cunwu.ui.errors import show_error
from cunwu.ui.pages.base import Page
from cunwu.ui.residents.model import PeopleModel
from cunwu.ui.widgets import file_name, label

SEARCH_DELAY_MS = 200  # results follow typing without a query per keystroke
# The widest value each column usually holds, measured instead of the rows themselves.
COLUMN_SAMPLES = {"name": "欧阳慧慧", "sex": "男", "birth_date": "0000-00-00",
                  "id_number": "00000000000000000X", "group_name": "第十村民小组",
                  "household_number": "00000", "relation": "孙子女", "status": "户籍在册",
                  "tags": "低保、残疾"}


class ResidentsPage(Page):
    key = "residents"

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = self.page_layout()
        top = QHBoxLayout()
        self.heading = label("title")
        top.addWidget(self.heading)
        top.addStretch(1)
        self.import_button = QPushButton()
        self.import_button.setObjectName("residentsImport")
        self.import_button.clicked.connect(self.open_import)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export)
        self.households_button = QPushButton()
        self.households_button.setObjectName("residentsHouseholds")
        self.households_button.clicked.connect(self.open_households)
        self.new_button = QPushButton()
        self.new_button.setObjectName("residentsNew")
        self.new_button.setEnabled(ctx.actor.may("write"))
        if ctx.actor.may("write"):  # the style sheet draws a disabled primary button as enabled
            self.new_button.setProperty("role", "primary")
        self.new_button.clicked.connect(self.open_new_person)
        self.monitoring_button = QPushButton()
        self.monitoring_button.setObjectName("residentsMonitoring")
        self.monitoring_button.clicked.connect(self.open_monitoring_settings)
        for b in (self.new_button, self.households_button, self.import_button, self.export_button):
            top.addWidget(b)
        layout.addLayout(top)
        self.notice = label("ok", wrap=True)  # what the last addition or change did
        self.notice.setObjectName("residentsNotice")
        self.notice.hide()
        layout.addWidget(self.notice)

        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("residentsSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._typed)
        filters.addWidget(self.search, 3)
        self.tag_box, self.group_box, self.status_box = QComboBox(), QComboBox(), QComboBox()
        for box in (self.tag_box, self.group_box, self.status_box):
            box.currentIndexChanged.connect(self.apply_filters)
            filters.addWidget(box, 1)
        layout.addLayout(filters)

        self.model = PeopleModel(ctx.store, self)
        self.table = QTableView()
        self.table.setObjectName("residentsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        # fixed row heights and column widths: no measuring of rows that are not shown
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideNone)
        # a click on a header has the store sort the register (PeopleModel.sort); until then
        # it is in the register's own order
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        # activated is a double-click or Enter; doubleClicked as well opened every file twice
        self.table.activated.connect(lambda index: self.open_person(self.model.uuid_at(index.row())))
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.count_label = label("hint")
        bottom.addWidget(self.count_label, 1)
        # beneath the table, so the row above stays narrow enough for the largest font
        bottom.addWidget(self.monitoring_button)
        layout.addLayout(bottom)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filters)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self._loaded = False
        self.dialog = None  # the small dialog last opened (new person, monitoring settings)
        self.retranslate()

    # -- texts ----------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Residents")

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.import_button.setText(self.tr("Import roster…"))
        self.export_button.setText(self.tr("Export…"))
        self.households_button.setText(self.tr("Households"))
        self.new_button.setText(self.tr("New resident…"))
        self.monitoring_button.setText(self.tr("Monitoring settings…"))
        self.search.setPlaceholderText(self.tr("Search: name, pinyin (zwq, zhangwei) or ID digits"))
        self._fill_filters()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Each column as wide as its header and its widest likely value in the current font:
        the rows are paged in from the store, so they are not measured one by one."""
        cells, heads = self.table.fontMetrics(), self.table.horizontalHeader().fontMetrics()
        pad = 3 * cells.horizontalAdvance("0")  # the cell and header padding of style.py
        header = self.table.horizontalHeader()
        for column, text in enumerate(self.model.header_labels()):
            sample = COLUMN_SAMPLES.get(self.model.COLUMNS[column], "")
            bold = heads.horizontalAdvance(text) * 1.15  # headers are drawn in bold
            header.resizeSection(column, round(max(cells.horizontalAdvance(sample), bold)) + pad)

    def event(self, event) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            QTimer.singleShot(0, self, self.fit_columns)  # once the new style sheet is applied
        return super().event(event)

    def _fill_filters(self) -> None:
        for box, first, values in ((self.tag_box, self.tr("All groups"), (*TAGS, DERIVED_TAG)),
                                   (self.status_box, self.tr("Any status"), STATUSES)):
            box.blockSignals(True)
            current = box.currentData()
            box.clear()
            box.addItem(first, "")
            for v in values:
                box.addItem(v, v)
            box.setCurrentIndex(max(box.findData(current), 0))
            box.blockSignals(False)
        self._fill_groups()

    def _fill_groups(self) -> None:
        box = self.group_box
        box.blockSignals(True)
        current = box.currentData()
        box.clear()
        box.addItem(self.tr("All villager groups"), "")
        for g in groups(self.ctx.store):
            box.addItem(g, g)
        box.setCurrentIndex(max(box.findData(current), 0))
        box.blockSignals(False)

    def _update_count(self, *args) -> None:
        n = self.model.rowCount()
        more = "+" if self.model.canFetchMore() else ""
        self.count_label.setText(self.tr("%1%2 people shown").replace("%1", str(n)).replace("%2", more))

    # -- behaviour ---------------------------------------------------------------------
    def activated(self) -> None:
        self._fill_groups()
        self.refresh()

    def refresh(self) -> None:
        try:
            self.model.set_query(self.current_query())
        except Exception as e:  # shown, logged; the page stays usable
            show_error(self, e)

    def current_query(self) -> PersonQuery:
        return PersonQuery(search=self.search.text(), tag=self.tag_box.currentData() or "",
                           group=self.group_box.currentData() or "",
                           status=self.status_box.currentData() or "",
                           order=self.model.query.order, descending=self.model.query.descending)

    def _typed(self, _text: str) -> None:
        self._timer.start()

    def apply_filters(self, *args) -> None:
        self._timer.stop()
        self.notice.hide()  # it spoke of the rows shown before
        self.refresh()

    def open_target(self, target: str) -> None:
        """"uuid" or "uuid:tab" from a home item: the person's file, at that tab."""
        uuid, _sep, tab = target.partition(":")
        dialog = self.open_person(uuid) if uuid else None
        if dialog is not None and tab:
            dialog.show_tab(tab)

    def open_person(self, uuid: str):
        from cunwu.errors import CunwuError
        from cunwu.ui.residents.person_dialog import PersonDialog

        for dialog in self.findChildren(PersonDialog):
            if dialog.uuid == uuid and dialog.isVisible():  # one file per person on screen
                dialog.raise_()
                dialog.activateWindow()
                return dialog
        try:
            dialog = PersonDialog(self.ctx, uuid, self)
        except CunwuError as e:  # e.g. a stale link from the home page: say so, calmly
            self.count_label.setText(e.message)
            return None
        dialog.changed.connect(self.refresh)
        dialog.open()
        return dialog

    def open_households(self) -> None:
        from cunwu.ui.residents.households_dialog import HouseholdsDialog

        dialog = HouseholdsDialog(self.ctx, self)
        dialog.person_chosen.connect(self.open_person)
        dialog.open()
        return dialog

    def open_new_person(self):
        from cunwu.ui.residents.new_person_dialog import NewPersonDialog

        dialog = NewPersonDialog(self.ctx, self)
        dialog.setModal(True)
        dialog.saved.connect(self.person_added)
        dialog.show()
        self.dialog = dialog
        return dialog

    def person_added(self, added: dict) -> None:
        """Show the new person: found by name, selected, ready to open."""
        from cunwu.errors import MESSAGES
        from cunwu.i18n import _

        # show it: its name in the search box, no other filter that could hide it
        for box in (self.tag_box, self.group_box, self.status_box):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self._fill_groups()
        self.search.blockSignals(True)
        self.search.setText(added["name"])
        self.search.blockSignals(False)
        self.apply_filters()
        for row in range(self.model.rowCount()):
            if self.model.uuid_at(row) == added["uuid"]:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                break
        text = self.tr("%1 was added. Double-click the row to open the file.").replace(
            "%1", added["name"])
        warnings = [_(MESSAGES[code]) for code in added.get("warnings", ())]
        self.show_notice("\n".join([text, *warnings]), "hint" if warnings else "ok")

    def show_notice(self, text: str, role: str = "ok") -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
        if self.notice.property("role") != role:
            self.notice.setProperty("role", role)
            self.notice.style().unpolish(self.notice)
            self.notice.style().polish(self.notice)

    def open_monitoring_settings(self):
        from cunwu.ui.residents.monitoring_dialog import MonitoringSettingsDialog

        dialog = MonitoringSettingsDialog(self.ctx, self)
        dialog.setModal(True)
        dialog.saved.connect(self.settings_changed)
        dialog.show()
        self.dialog = dialog
        return dialog

    def settings_changed(self, values: dict) -> None:
        self.refresh()  # 高龄 in the table follows the age
        self.show_notice(self.tr("Monitoring settings saved; the home page's alerts use them."))

    def open_import(self) -> None:
        from cunwu.ui.residents.import_wizard import ImportWizard

        wizard = ImportWizard(self.ctx, self)
        wizard.imported.connect(self.activated)
        wizard.open()
        return wizard

    def export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export roster"),
            file_name(self.tr("{village} roster").replace("{village}", self.ctx.village.get("name", "")),
                      "xlsx"), self.tr("Excel (*.xlsx);;CSV (*.csv)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str):
        from pathlib import Path

        from cunwu.services.roster_export import export_roster as export

        query, store, actor = self.current_query(), self.ctx.store, self.ctx.actor
        return self.run_task(lambda progress: export(store, actor, Path(path), query),
                             title=self.tr("Exporting the roster…"), progress=True)

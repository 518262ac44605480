"""The home page (首页): today's date, and the alerts and deadlines every subject reports
through cunwu.services.home, earliest first.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton,
                               QStackedWidget, QTableWidget, QVBoxLayout, QWidget)

from cunwu import clock
from cunwu.services.home import home_items
from cunwu.ui.pages.base import Page
from cunwu.ui.widgets import fill, key_at, label, qdate, selected_key, sortable

OVERDUE = QColor("#b3261e")


class HomePage(Page):
    key = "home"
    navigate = Signal(str)  # a home item's target, "subject" or "subject:uuid"

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.items: list[dict] = []
        self.loaded = False
        self._reading = False
        self._read_again = False  # asked to refresh while a read was under way
        self.alert_dialog = None
        layout = self.page_layout()

        top = QHBoxLayout()
        self.heading = label("title")
        top.addWidget(self.heading)
        top.addStretch(1)
        # An alert becomes a case (转为工单) or is dismissed (忽略) with a reason.
        self.case_button = QPushButton()
        self.case_button.setObjectName("homeToCase")
        self.case_button.clicked.connect(lambda: self.handle_alert(dismiss=False))
        self.dismiss_button = QPushButton()
        self.dismiss_button.setObjectName("homeDismiss")
        self.dismiss_button.clicked.connect(lambda: self.handle_alert(dismiss=True))
        for button in (self.case_button, self.dismiss_button):
            button.setEnabled(False)
            top.addWidget(button)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        top.addWidget(self.refresh_button)
        layout.addLayout(top)
        self.date_label = label("subtitle", wrap=True)
        layout.addWidget(self.date_label)

        layout.addSpacing(8)
        section_row = QHBoxLayout()
        self.section = label("section")
        section_row.addWidget(self.section)
        self.count_badge = label("badge")  # a number needs no translation
        self.count_badge.setObjectName("homeCount")
        self.count_badge.setVisible(False)
        section_row.addWidget(self.count_badge, 0, Qt.AlignmentFlag.AlignVCenter)
        section_row.addStretch(1)
        layout.addLayout(section_row)

        self.stack = QStackedWidget()
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("homeItems")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.cellActivated.connect(self._activated)
        self.table.cellDoubleClicked.connect(self._activated)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        sortable(self.table)

        # The empty state: a calm card at the top, not a vast box.
        self.empty = QWidget()
        empty_outer = QVBoxLayout(self.empty)
        empty_outer.setContentsMargins(0, 0, 0, 0)
        card = QWidget()
        card.setObjectName("emptyCard")
        card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        card.setMinimumHeight(200)
        card_layout = QHBoxLayout(card)
        self.empty_label = label("empty", wrap=True)
        self.empty_label.setObjectName("homeEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        card_layout.addWidget(self.empty_label)
        empty_outer.addWidget(card)
        empty_outer.addStretch(1)

        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.stack.setCurrentWidget(self.empty)
        layout.addWidget(self.stack, 1)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Home")

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Home"))
        self.date_label.setText(self.tr("Today is {date}").format(date=self._long_date()))
        self.refresh_button.setText(self.tr("Refresh"))
        self.case_button.setText(self.tr("Make a case"))
        self.dismiss_button.setText(self.tr("Dismiss"))
        self.section.setText(self.tr("Alerts and what is due"))
        self.table.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Matter"),
                                              self.tr("Due")])
        if not self.loaded:
            self.empty_label.setText(self.tr("Loading…"))
        else:
            self.empty_label.setText(self.tr(
                "Nothing needs attention today.\n\nAlerts about residents, meetings, "
                "disclosures and points will be listed here when they fall due."))
        self._fill()

    @staticmethod
    def _long_date() -> str:
        return QLocale().toString(qdate(clock.today()), QLocale.FormatType.LongFormat)

    def activated(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        if self._reading:
            self._read_again = True
            return
        self._reading = True
        store, actor = self.ctx.store, self.ctx.actor
        self.refresh_button.setEnabled(False)
        self.ctx.tasks.run(lambda progress: home_items(store, actor), parent=self.window(),
                           title=self.tr("Reading alerts…"), on_success=self._loaded,
                           on_done=self._read_ended, show_progress=False)

    def _loaded(self, items: list[dict]) -> None:
        self.items, self.loaded = items, True
        self.retranslate()

    def _read_ended(self) -> None:
        self._reading = False
        self.refresh_button.setEnabled(True)
        if self._read_again:
            self._read_again = False
            self.refresh()

    def category_label(self, item: dict) -> str:
        """What sort of thing an item is: the provider's own word, else its subject's name,
        so that the column tells rows apart instead of saying 提醒 on each."""
        if item.get("category"):
            return item["category"]
        subjects = {"residents": self.tr("Residents"), "meetings": self.tr("Meetings"),
                    "disclosures": self.tr("Disclosures"), "points": self.tr("Points")}
        subject = item["target"].partition(":")[0]
        return subjects.get(subject) or (self.tr("Due soon") if item["kind"] == "due"
                                         else self.tr("Alert"))

    def _fill(self) -> None:
        today = clock.today()
        rows, colours = [], []
        for item in self.items:
            due: dt.date | None = item["due"]
            overdue = due is not None and due < today
            due_text = due.isoformat() if due else ""
            if overdue:
                due_text = self.tr("{date} (overdue)").format(date=due_text)
            rows.append([self.category_label(item), item["title"], due_text])
            colours.append(QBrush(OVERDUE) if overdue else None)
        fill(self.table, rows, [self._key(item) for item in self.items], colours)
        self.stack.setCurrentWidget(self.table if self.items else self.empty)
        self.count_badge.setText(str(len(self.items)))
        self.count_badge.setVisible(bool(self.items))

    @staticmethod
    def _key(item: dict) -> str:
        """What a row is known by, wherever sorting puts it and after the list is read again."""
        return f"{item['target']}|{item['title']}"

    def _item(self, key: str | None) -> dict | None:
        return next((item for item in self.items if self._key(item) == key), None)

    def selected_item(self) -> dict | None:
        return self._item(selected_key(self.table))

    def _selection_changed(self) -> None:
        item = self.selected_item()
        ok = bool(item and item.get("key")) and self.ctx.actor.may("write")
        self.case_button.setEnabled(ok)
        self.dismiss_button.setEnabled(ok)

    def handle_alert(self, *, dismiss: bool):
        """转为工单 or 忽略 for the selected alert; the list is read again after."""
        from cunwu.ui.cases.dialogs import AlertDialog

        item = self.selected_item()
        if not item or not item.get("key"):
            return None
        self.alert_dialog = AlertDialog(self.ctx, item, dismiss, self)
        self.alert_dialog.saved.connect(lambda _r: self.refresh())
        self.alert_dialog.open()
        return self.alert_dialog

    def _activated(self, row: int, _column: int) -> None:
        target = (self._item(key_at(self.table, row)) or {}).get("target", "")
        if target:
            self.navigate.emit(target)

"""Fields that pick a record by what a clerk knows it by: a matter or a meeting by its date
and title, a person by name, pinyin or ID number. The service still gets the record's key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget


def record_combo(none_text: str, rows: list[tuple[str, str]], chosen: str | None = None) -> QComboBox:
    """A list of (key, text) to pick from, `none_text` first for "none"; `chosen` (a key)
    is selected."""
    box = QComboBox()
    box.addItem(none_text, None)
    for key, text in rows:
        box.addItem(text, key)
    choose(box, chosen)
    return box


def choose(box: QComboBox, key: str | None) -> None:
    """Select the record `key` (none if None); one not in the list (gone since) is added as
    it is, so that saving keeps it."""
    if key and box.findData(key) < 0:
        box.addItem(key, key)
    box.setCurrentIndex(max(box.findData(key), 0) if key else 0)


class SearchEdit(QLineEdit):
    """A search field: Enter searches (returnPressed) and stops there, instead of also
    pressing the dialog's OK button with a half-filled form."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class PersonPicker(QWidget):
    """A name typed, 查找, and the resident picked from those found (name, group, 户号 and the
    ID number's last four digits). `value()` is the resident's key, or the name as typed
    when no resident is picked (someone not on the roster)."""

    def __init__(self, ctx, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.edit = SearchEdit(text)
        self.edit.setPlaceholderText(self.tr("Name, pinyin or ID number"))
        self.find_button = QPushButton(self.tr("Find"))
        self.find_button.setAutoDefault(False)
        self.found = QComboBox()
        self.found.setVisible(False)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.edit, 1)
        box.addWidget(self.find_button)
        box.addWidget(self.found, 2)
        self.edit.returnPressed.connect(self.find)
        self.find_button.clicked.connect(self.find)
        self.edit.textEdited.connect(lambda _t: self.found.setVisible(False))

    def find(self) -> None:
        from cunwu.services.people import PersonQuery, read_page

        typed = self.edit.text().strip()
        rows = read_page(self.ctx.store, PersonQuery(search=typed), limit=30) if typed else []
        self.found.clear()
        self.found.addItem(self.tr("(not on the roster: keep the name as typed)"), None)
        for r in rows:
            tail = f"…{r.id_number[-4:]}" if r.id_number else ""
            self.found.addItem("  ".join(v for v in (r.name, r.group_name, r.household_number,
                                                      tail) if v), r.uuid)
        self.found.setCurrentIndex(1 if rows else 0)
        self.found.setVisible(True)

    def value(self) -> str:
        return (None if self.found.isHidden() else self.found.currentData()) \
            or self.edit.text().strip()

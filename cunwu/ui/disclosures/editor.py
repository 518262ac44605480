"""The notice editor (公告编辑): kind, category, title, period, 公示期, where posted,
监督电话, body and tables. Saving runs off the GUI thread; a refusal leaves every field
as typed so nothing is lost.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QSpinBox, QVBoxLayout, QWidget)

from cunwu import clock
from cunwu.domain import disclosures as dom
from cunwu.i18n import _
from cunwu.ui.disclosures.table_editor import TablesEditor
from cunwu.ui.errors import show_error
from cunwu.ui.pickers import choose, record_combo
from cunwu.ui.widgets import date_edit, pydate, qdate
from cunwu.ui.sizing import size_dialog


class DisclosureEditor(QDialog):
    """New draft (disclosure=None), a correction (corrects=uuid), or a draft to edit."""

    saved = Signal(object)  # the Disclosure as stored

    def __init__(self, ctx, disclosure=None, *, corrects: str | None = None,
                 parent: QWidget | None = None) -> None:
        from cunwu.services.matters import matter_choices

        super().__init__(parent)
        self.ctx, self.disclosure, self.corrects = ctx, disclosure, corrects
        self.task = None
        self.setObjectName("disclosureEditor")
        self.setWindowTitle(self.tr("Notice") if disclosure is None else self.tr("Edit notice"))
        size_dialog(self, 48, 32)
        self.kind = QComboBox()
        for key, (label, _cat) in dom.KINDS.items():
            self.kind.addItem(_(label), key)
        self.category = QComboBox()
        for c in dom.CATEGORIES:
            self.category.addItem(c, c)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.title_edit = QLineEdit()
        today = clock.today()
        self.period_from = date_edit(today.replace(day=1))
        self.period_to = date_edit(today)
        period = QHBoxLayout()
        period.addWidget(self.period_from)
        period.addWidget(QLabel("—"))
        period.addWidget(self.period_to)
        period.addStretch(1)
        self.posting_days = QSpinBox()
        self.posting_days.setRange(1, dom.MAX_POSTING_DAYS)
        self.posting_days.setValue(7)
        self.posting_days.setSuffix(self.tr(" days"))
        self.has_posting_date = QCheckBox(self.tr("Posting date fixed:"))
        self.posting_date = date_edit(today)
        self.posting_date.setEnabled(False)
        self.has_posting_date.toggled.connect(self.posting_date.setEnabled)
        posting = QHBoxLayout()
        posting.addWidget(self.posting_days)
        posting.addSpacing(16)
        posting.addWidget(self.has_posting_date)
        posting.addWidget(self.posting_date)
        posting.addStretch(1)
        self.place = QComboBox()
        self.place.setEditable(True)
        self.place.addItems(list(dom.PLACES))
        self.phone = QLineEdit()
        # the 四议两公开 matter a decision or its result discloses, by its date and title
        self.matter = record_combo(self.tr("(none)"), [
            (mt["uuid"], f"{mt['on']}  {mt['title']}") for mt in matter_choices(ctx.store)])
        self.matter.setEnabled(False)
        self.body = QPlainTextEdit()
        self.body.setPlaceholderText(self.tr("The text of the notice; a blank line starts a new paragraph."))
        self.tables = TablesEditor()
        form = QFormLayout()
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Period covered"), period)
        form.addRow(self.tr("Posting period (公示期)"), posting)
        form.addRow(self.tr("Where posted"), self.place)
        form.addRow(self.tr("Supervision phone (监督电话)"), self.phone)
        form.addRow(self.tr("Linked matter"), self.matter)
        self.notice = QLabel()
        self.notice.setProperty("role", "hint")
        self.notice.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Text")))
        layout.addWidget(self.body, 1)
        layout.addWidget(QLabel(self.tr("Tables")))
        layout.addWidget(self.tables, 2)
        layout.addWidget(self.notice)
        layout.addWidget(self.buttons)
        self._defaults()
        if disclosure is not None:
            self.load(disclosure)

    def _defaults(self) -> None:
        from cunwu.services.disclosures import rules

        r = rules(self.ctx.store)
        self.place.setCurrentText(r.place)
        self.phone.setText(r.phone)
        if self.corrects:
            self.notice.setText(self.tr("This is a correction: it names the posted notice it "
                                        "corrects, which stays on record unchanged."))

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.category.setCurrentText(dom.KINDS[kind][1])
        self.posting_days.setValue(max(self.posting_days.value(),
                                       dom.DEFAULT_MIN_DAYS.get(kind, 1)))
        self.matter.setEnabled(kind in ("decision", "result"))
        # An empty notice starts from its kind's template; typed text is never replaced.
        template = dom.TEMPLATES.get(kind)
        if template and not self.body.toPlainText().strip() and not self.tables.tables():
            self.body.setPlainText(template["body"])
            self.tables.set_tables(template["tables"])

    def load(self, d) -> None:
        self.kind.setCurrentIndex(max(self.kind.findData(d.kind), 0))
        self.category.setCurrentText(d.category)
        self.title_edit.setText(d.title)
        self.period_from.setDate(qdate(d.period_from))
        self.period_to.setDate(qdate(d.period_to))
        self.posting_days.setValue(d.posting_days)
        self.has_posting_date.setChecked(d.posting_date is not None)
        if d.posting_date:
            self.posting_date.setDate(qdate(d.posting_date))
        self.place.setCurrentText(d.place)
        self.phone.setText(d.phone)
        self.body.setPlainText(d.body)
        self.tables.set_tables(d.table_list)
        choose(self.matter, d.matter_uuid)

    def values(self) -> dict:
        return {"kind": self.kind.currentData(), "category": self.category.currentData(),
                "title": self.title_edit.text(),
                "period": {"from": pydate(self.period_from.date()).isoformat(),
                           "to": pydate(self.period_to.date()).isoformat()},
                "posting_days": self.posting_days.value(),
                "posting_date": (pydate(self.posting_date.date()).isoformat()
                                 if self.has_posting_date.isChecked() else None),
                "place": self.place.currentText(), "phone": self.phone.text(),
                "body": self.body.toPlainText(), "tables": self.tables.tables(),
                "matter_uuid": self.matter.currentData()}

    def save(self) -> None:
        from cunwu.services import disclosures as svc

        data = self.values()
        store, actor, uuid = self.ctx.store, self.ctx.actor, self.disclosure and self.disclosure.uuid
        corrects = self.corrects

        def work(_progress):
            if uuid:
                return svc.update(store, actor, uuid, data)
            return svc.add(store, actor, data, corrects=corrects)

        self.save_button.setEnabled(False)
        self.task = self.ctx.tasks.run(work, parent=self, title=self.tr("Saving the notice…"),
                                       on_success=self._saved, on_failure=self._refused,
                                       on_done=self._done, show_progress=False)

    def _saved(self, d) -> None:
        self.disclosure = d
        self.saved.emit(d)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.error_box = show_error(self, exc)

    def _done(self) -> None:
        self.save_button.setEnabled(True)
        self.task = None

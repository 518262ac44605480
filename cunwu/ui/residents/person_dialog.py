"""One person's file (一人一档): fields, special groups with dates, 临时救助 grants, visits
and the history of changes. Saving goes through the same services as the command line.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox,
                               QDoubleSpinBox, QFrame, QGridLayout, QHBoxLayout, QLineEdit,
                               QMessageBox, QPushButton, QScrollArea, QSpinBox, QTabWidget,
                               QVBoxLayout, QWidget)

from cunwu import clock
from cunwu.domain.monitoring import DISABILITY_LEVELS, DISABILITY_TYPES, TAGS
from cunwu.services.person_history import created_from_roster, described
from cunwu.ui.errors import show_error
from cunwu.ui.residents.person_form import PersonForm
from cunwu.ui.sizing import size_dialog
from cunwu.ui.widgets import date_edit, fill, key_at, label, pydate, selected_key, table
from cunwu.ui.widgets import row as row_of


class PersonDialog(QDialog):
    changed = Signal()

    def __init__(self, ctx, uuid: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.uuid = ctx, uuid
        self.setObjectName("personDialog")
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)
        self._build_fields()
        self._build_tags()
        self._build_grants()
        self._build_visits()
        self.history = table([self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Changes")],
                             single=False, fit=True)
        self.tabs.addTab(self.history, self.tr("History"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(ctx.actor.may("write"))
        layout.addWidget(buttons)
        size_dialog(self, 40, 24)
        self.load()

    # -- building -------------------------------------------------------------------------
    def _build_fields(self) -> None:
        self.household_label = QPushButton()
        self.household_label.setFlat(True)
        self.household_label.clicked.connect(self.open_household)
        self.form = PersonForm(self.household_label)
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(self.form)
        v.addStretch(1)
        # at 特大 the thirteen fields are taller than a 768-line screen: they scroll, whole
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        self.tabs.addTab(scroll, self.tr("Person"))

    def _build_tags(self) -> None:
        page = QWidget()
        v = QVBoxLayout(page)
        self.tags = table([self.tr("Special group"), self.tr("From"), self.tr("Until"),
                           self.tr("Review due"), self.tr("Details")], single=False, fit=True)
        v.addWidget(self.tags)
        self.tag_box = QComboBox()
        self.tag_box.addItems(list(TAGS))
        self.tag_since = date_edit()
        self.tag_review = date_edit(clock.today().replace(year=clock.today().year + 1)
                                     if not (clock.today().month == 2 and clock.today().day == 29)
                                     else clock.today())
        self.tag_covered = QSpinBox()
        self.tag_covered.setRange(0, 30)
        self.tag_amount = QDoubleSpinBox()
        self.tag_amount.setRange(0, 100000)
        self.dis_type, self.dis_level = QComboBox(), QComboBox()
        self.dis_type.addItems(["", *DISABILITY_TYPES])
        self.dis_level.addItems(["", *DISABILITY_LEVELS])
        self.two_subsidies = QCheckBox(self.tr("两项补贴"))
        self.add_tag_button = QPushButton(self.tr("Add"))
        self.add_tag_button.clicked.connect(self.add_tag)
        self.end_tag_button = QPushButton(self.tr("End selected today"))
        self.end_tag_button.clicked.connect(self.end_tag)
        # 复核 done: the selected group's next review on the date under 'Review due'
        self.review_tag_button = QPushButton(self.tr("Reviewed: next review on that date"))
        self.review_tag_button.clicked.connect(self.review_tag)
        for button, name in ((self.add_tag_button, "addTag"), (self.end_tag_button, "endTag"),
                             (self.review_tag_button, "reviewTag")):
            button.setObjectName(name)
        # each input under its name, in two rows that fit the largest font
        grid = QGridLayout()
        fields = ((self.tr("Special group"), self.tag_box), (self.tr("From"), self.tag_since),
                  (self.tr("Review due"), self.tag_review),
                  (self.tr("People covered (低保)"), self.tag_covered),
                  (self.tr("Monthly amount, yuan (低保)"), self.tag_amount),
                  (self.tr("Disability type"), self.dis_type),
                  (self.tr("Disability level"), self.dis_level), ("", self.two_subsidies))
        for i, (text, widget) in enumerate(fields):
            r, c = divmod(i, 4)
            grid.addWidget(label("", text), r * 2, c)
            grid.addWidget(widget, r * 2 + 1, c)
        v.addLayout(grid)
        v.addLayout(row_of(self.add_tag_button, self.end_tag_button, self.review_tag_button))
        self.tabs.addTab(page, self.tr("Special groups"))

    def _build_grants(self) -> None:
        page = QWidget()
        v = QVBoxLayout(page)
        self.grants = table([self.tr("Date"), self.tr("Amount"), self.tr("Reason")],
                            single=False, fit=True)
        v.addWidget(self.grants)
        row = QHBoxLayout()
        self.grant_date = date_edit()
        self.grant_amount = QDoubleSpinBox()
        self.grant_amount.setRange(0, 1000000)
        self.grant_reason = QLineEdit()
        self.grant_reason.setPlaceholderText(self.tr("Reason"))
        add = QPushButton(self.tr("Add grant"))
        add.clicked.connect(self.add_grant)
        for w in (self.grant_date, self.grant_amount, self.grant_reason, add):
            row.addWidget(w)
        v.addLayout(row)
        self.tabs.addTab(page, self.tr("Temporary relief"))

    def _build_visits(self) -> None:
        page = QWidget()
        v = QVBoxLayout(page)
        self.visits = table([self.tr("Date"), self.tr("Visitor"), self.tr("Notes")],
                            single=False, fit=True)
        v.addWidget(self.visits)
        row = QHBoxLayout()
        self.visit_date = date_edit()
        self.visitor_edit = QLineEdit()
        self.visitor_edit.setPlaceholderText(self.tr("Visitor"))
        self.visit_notes = QLineEdit()
        self.visit_notes.setPlaceholderText(self.tr("Notes"))
        add = QPushButton(self.tr("Add visit"))
        add.setObjectName("addVisit")
        add.clicked.connect(self.add_visit)
        for w in (self.visit_date, self.visitor_edit, self.visit_notes, add):
            row.addWidget(w)
        # 转为工单: what the selected visit found becomes a case in one step
        self.visit_case_button = QPushButton(self.tr("Make a case"))
        self.visit_case_button.setObjectName("visitToCase")
        self.visit_case_button.setEnabled(False)
        self.visit_case_button.clicked.connect(self.visit_to_case)
        self.visits.itemSelectionChanged.connect(lambda: self.visit_case_button.setEnabled(
            self.ctx.actor.may("write") and selected_key(self.visits) is not None))
        v.addLayout(row_of(self.visit_case_button))
        v.addLayout(row)
        self.tabs.addTab(page, self.tr("Visits"))
        self.visits_page = page

    def show_tab(self, name: str) -> None:
        """Open at a tab by name ("visits", "history"), as a home item asks."""
        pages = {"visits": self.visits_page, "history": self.history}
        if name in pages:
            self.tabs.setCurrentWidget(pages[name])

    # -- data ---------------------------------------------------------------------------
    def load(self) -> None:
        from cunwu.services import residents

        found = residents.person_file(self.ctx.store, self.uuid)
        p, household = found["person"], found["household"]
        tags, grants, visits = found["tags"], found["grants"], found["visits"]
        self.uuid = p.uuid
        self.person = p
        self.setWindowTitle(self.tr("Person: %1").replace("%1", p.name))
        self.form.show_person(p)
        self.shown_values = self.form.values()  # what "unsaved" compares against
        self.household_uuid = household.uuid if household else None
        self.household_label.setText(
            f"{household.number}  {household.group_name}  {household.address}" if household else "—")
        self.tag_rows = tags
        fill(self.tags, [[t.tag, t.since, t.until or "", t.review_due or "",
                          json.dumps(t.details, ensure_ascii=False) if t.details else ""] for t in tags],
             [t.uuid for t in tags])
        fill(self.grants, [[g.granted_on, g.amount, g.reason] for g in grants])
        self.visit_rows = visits
        fill(self.visits, [[v.visited_on, v.visitor, v.notes] for v in visits],
             [v.uuid for v in visits])
        rows = [described(e, found["names"]) for e in found["history"]]
        if not found["history"] or found["history"][0]["action"] != "residents.add":
            rows.insert(0, created_from_roster(p, found["names"]))
        fill(self.history, [[r["when"], r["who"], r["what"], r["changes"]] for r in rows])

    def _act(self, fn) -> bool:
        try:
            fn()
        except Exception as e:
            show_error(self, e)
            return False
        self.load()
        self.changed.emit()
        return True

    def edited_fields(self) -> dict:
        p = self.person
        fields = self.form.values()
        fields.pop("status_since", None)
        if fields["status"] != p.status:
            fields["status_since"] = pydate(self.form.status_since.date())
        else:
            del fields["status"]
        current = {"name": p.name, "id_number": p.id_number, "sex": p.sex, "ethnicity": p.ethnicity,
                   "phone": p.phone, "relation": p.relation, "party_member": p.party_member,
                   "notes": p.notes}
        return {k: v for k, v in fields.items() if k not in current or current[k] != v}

    def unsaved(self) -> bool:
        """Fields changed and not saved (the main window asks before closing over them)."""
        return self.ctx.actor.may("write") and self.form.values() != self.shown_values

    def reject(self) -> None:
        """Close, after asking when there are edits that would be lost."""
        if self.unsaved():
            answer = QMessageBox.question(
                self, self.tr("Edits not saved"),
                self.tr("The changes to this person are not saved. Close and lose them?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()

    def save(self) -> None:
        from cunwu.services import residents

        fields = self.edited_fields()
        if not fields:
            self.accept()
            return
        if "id_number" in fields:
            fields.pop("sex", None)  # the number decides
        if self._act(lambda: residents.update_person(self.ctx.store, self.ctx.actor, self.uuid, **fields)):
            self.accept()

    def add_tag(self) -> None:
        from cunwu.services import monitoring

        tag = self.tag_box.currentText()
        data = {}
        if tag == "低保":
            data = {"covered": self.tag_covered.value() or None,
                    "monthly_amount": self.tag_amount.value() or None}
        elif tag == "残疾":
            data = {"type": self.dis_type.currentText(), "level": self.dis_level.currentText(),
                    "two_subsidies": self.two_subsidies.isChecked()}
        review = pydate(self.tag_review.date()) if tag in ("低保", "残疾", "特困供养", "低保边缘") else None
        self._act(lambda: monitoring.add_tag(self.ctx.store, self.ctx.actor, self.uuid, tag,
                                             since=pydate(self.tag_since.date()), review_due=review,
                                             data=data))

    def end_tag(self) -> None:
        from cunwu.services import monitoring

        uuid = key_at(self.tags, self.tags.currentRow())
        if uuid is not None:
            self._act(lambda: monitoring.end_tag(self.ctx.store, self.ctx.actor, uuid))

    def review_tag(self) -> None:
        """As `cunwu residents tags review`: the selected group's next review date."""
        from cunwu.services import monitoring

        uuid, due = key_at(self.tags, self.tags.currentRow()), pydate(self.tag_review.date())
        if uuid is not None:
            self._act(lambda: monitoring.update_tag(self.ctx.store, self.ctx.actor, uuid,
                                                    review_due=due))

    def add_grant(self) -> None:
        from cunwu.services import monitoring

        self._act(lambda: monitoring.add_grant(
            self.ctx.store, self.ctx.actor, self.uuid, granted_on=pydate(self.grant_date.date()),
            amount=self.grant_amount.value(), reason=self.grant_reason.text()))

    def add_visit(self) -> None:
        from cunwu.services import monitoring

        self._act(lambda: monitoring.add_visit(
            self.ctx.store, self.ctx.actor, self.uuid, visited_on=pydate(self.visit_date.date()),
            visitor=self.visitor_edit.text(), notes=self.visit_notes.text()))

    def visit_to_case(self):
        """转为工单 from the selected visit: a new case about this person, the visit's notes
        as the matter."""
        from cunwu.ui.cases.dialogs import CaseDialog

        uuid = selected_key(self.visits)
        visit = next((v for v in self.visit_rows if v.uuid == uuid), None)
        if visit is None:
            return None
        origin = self.tr("{name}: visit on {date} by {visitor}").format(
            name=self.person.name, date=visit.visited_on, visitor=visit.visitor)
        self.case_dialog = CaseDialog(self.ctx, self, source="visit", source_ref=visit.uuid,
                                      origin=f"{origin}\n{visit.notes}".strip(),
                                      title=visit.notes[:200])
        self.case_dialog.open()
        return self.case_dialog

    def open_household(self) -> None:
        if self.household_uuid:
            from cunwu.ui.residents.households_dialog import HouseholdsDialog

            dialog = HouseholdsDialog(self.ctx, self, select=self.household_uuid)
            dialog.open()

"""A person's fields as a form, the same for a new person and for one already recorded.
Birth date and sex follow the ID number as it is typed; a number that cannot be right is
said beneath it at once, in the core's own words."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit, QWidget

from cunwu import clock
from cunwu.domain.residents import RELATIONS, STATUSES
from cunwu.errors import CunwuError
from cunwu.ui.widgets import date_edit, label, qdate

DEFAULT_STATUS = STATUSES[0]  # 户籍在册


class PersonForm(QWidget):
    """Name, ID number, sex, birth date (read from the number), ethnicity, phone, household
    (a widget the dialog gives), relation, status and its date, party member, notes."""

    def __init__(self, household: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personForm")
        self.name_edit, self.id_edit = QLineEdit(), QLineEdit()
        self.name_edit.setObjectName("personName")
        self.id_edit.setObjectName("personIdNumber")
        self.id_edit.setMaxLength(40)  # room for spaces and dashes people type
        self.id_problem = label("error", wrap=True)
        self.id_problem.setObjectName("personIdProblem")
        self.id_problem.hide()
        self.sex_box = QComboBox()
        self.sex_box.addItems(["", "男", "女"])
        self.birth_edit = QLineEdit()
        self.birth_edit.setReadOnly(True)  # derived from the ID number
        self.birth_edit.setPlaceholderText(self.tr("from the ID number"))
        self.ethnicity_edit, self.phone_edit = QLineEdit(), QLineEdit()
        self.relation_box = QComboBox()
        self.relation_box.addItems(["", *RELATIONS])
        self.status_box = QComboBox()
        self.status_box.addItems(list(STATUSES))
        self.status_since = date_edit()
        self.party_box = QCheckBox()
        self.notes_edit = QLineEdit()
        self.household = household
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for text, widget in ((self.tr("Name"), self.name_edit), (self.tr("ID number"), self.id_edit),
                             ("", self.id_problem),
                             (self.tr("Sex"), self.sex_box), (self.tr("Born"), self.birth_edit),
                             (self.tr("Ethnicity"), self.ethnicity_edit),
                             (self.tr("Phone"), self.phone_edit),
                             (self.tr("Household"), household),
                             (self.tr("Relation to head"), self.relation_box),
                             (self.tr("Status"), self.status_box),
                             (self.tr("Status since"), self.status_since),
                             (self.tr("Party member"), self.party_box),
                             (self.tr("Notes"), self.notes_edit)):
            form.addRow(text, widget)
        self._recorded_birth = ""  # shown while the number typed says nothing
        self._derived_sex = ""
        self.id_edit.textChanged.connect(self._id_typed)
        # a date only means something beside a change: moved out, died, left to work
        self.status_box.currentTextChanged.connect(
            lambda status: self.status_since.setEnabled(status != DEFAULT_STATUS))
        self.status_since.setEnabled(False)

    def show_person(self, p) -> None:
        """Fill the fields from a recorded person."""
        self._recorded_birth = p.birth_date.isoformat() if p.birth_date else ""
        self.name_edit.setText(p.name)
        self.id_edit.setText(p.id_number or "")
        self.sex_box.setCurrentText(p.sex)
        self.birth_edit.setText(self._recorded_birth)
        self.ethnicity_edit.setText(p.ethnicity)
        self.phone_edit.setText(p.phone)
        self.relation_box.setCurrentText(p.relation)
        self.status_box.setCurrentText(p.status)
        self.status_since.setDate(qdate(p.status_since or clock.today()))
        self.party_box.setChecked(p.party_member)
        self.notes_edit.setText(p.notes)

    def values(self) -> dict:
        """The fields as the services take them (status_since only beside a status other
        than 户籍在册: the date a person moved out, died or left to work)."""
        out = {"name": self.name_edit.text(), "id_number": self.id_edit.text().strip() or None,
               "sex": self.sex_box.currentText(), "ethnicity": self.ethnicity_edit.text(),
               "phone": self.phone_edit.text(), "relation": self.relation_box.currentText(),
               "status": self.status_box.currentText(), "party_member": self.party_box.isChecked(),
               "notes": self.notes_edit.text()}
        if out["status"] != DEFAULT_STATUS:
            out["status_since"] = self.status_since.date().toPython()
        return out

    def _id_typed(self, text: str) -> None:
        from cunwu.domain import idnumbers

        typed = text.strip()
        try:
            info = idnumbers.parse(typed) if typed else None
        except CunwuError as e:
            info = None
            # while digits are still being typed, a short number is no problem yet
            complete = len(typed) >= 18 or e.code not in ("E_ID_LENGTH", "E_ID_BIRTH_DATE")
            self.id_problem.setText(e.message)
            self.id_problem.setVisible(complete)
        else:
            self.id_problem.hide()
        if info is None:
            self.birth_edit.setText(self._recorded_birth)
            return
        self.birth_edit.setText(info.birth_date.isoformat())
        if self.sex_box.currentText() in ("", self._derived_sex):
            self.sex_box.setCurrentText(info.sex)
        self._derived_sex = info.sex

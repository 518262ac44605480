"""The meeting editor: details, an attendance list with large check boxes, a quorum indicator
that follows every tick, the agenda items with their votes and results (items.py), and the minutes.

A closed meeting is never changed: saving it records a correction, with its reason, beside it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (QComboBox, QDateTimeEdit, QDialog, QFormLayout, QHBoxLayout,
                               QInputDialog, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QTabWidget, QVBoxLayout, QWidget)

from cunwu import clock
from cunwu.domain import meetings as m
from cunwu.domain.votes import MeetingVerdict
from cunwu.ui.errors import show_error
from cunwu.ui.meetings.attendance import AttendanceTable
from cunwu.ui.meetings.items import ItemsTable
from cunwu.ui.sizing import size_dialog


class MeetingEditor(QDialog):
    """New meeting (detail None) or an existing one (its `meeting_detail`)."""

    def __init__(self, ctx, detail: dict | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail = detail
        self.uuid = detail["uuid"] if detail else None
        self.closed = bool(detail and detail["status"] == m.CLOSED)
        self.saved_uuid: str | None = None
        self.task = None
        self.error_box = None
        self.rules: m.KindRules | None = None
        self._filling = False
        self.setObjectName("meetingEditor")
        size_dialog(self, 48, 30)

        self.kind = QComboBox()
        self.kind.addItems(list(m.KINDS))
        self.title_edit = QLineEdit()
        self.held_at = QDateTimeEdit()
        self.held_at.setCalendarPopup(True)
        self.held_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.place = QLineEdit()
        self.chair = QLineEdit()
        self.recorder = QLineEdit()
        self.status = QComboBox()
        self.status.addItem("", m.PLANNED)
        self.status.addItem("", m.HELD)
        form = QFormLayout()
        self.labels = {}
        for key, widget in (("kind", self.kind), ("title", self.title_edit), ("held_at", self.held_at),
                            ("place", self.place), ("chair", self.chair),
                            ("recorder", self.recorder), ("status", self.status)):
            self.labels[key] = QLabel()
            form.addRow(self.labels[key], widget)
        details = QWidget()
        details.setLayout(form)

        # attendance
        self.attendance = AttendanceTable()
        self.attendance.changed.connect(self._update_quorum)
        self.quorum_label = QLabel()
        self.quorum_label.setObjectName("quorumIndicator")
        self.quorum_label.setWordWrap(True)
        self.all_present = QPushButton()
        self.all_present.clicked.connect(lambda: self.attendance.set_all(True))
        self.none_present = QPushButton()
        self.none_present.clicked.connect(lambda: self.attendance.set_all(False))
        self.add_person = QLineEdit()
        self.add_person_button = QPushButton()
        self.add_person_button.clicked.connect(self._add_person)
        row = QHBoxLayout()
        for w in (self.all_present, self.none_present):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.add_person)
        row.addWidget(self.add_person_button)
        attendance_page = QWidget()
        box = QVBoxLayout(attendance_page)
        box.addWidget(self.quorum_label)
        box.addLayout(row)
        box.addWidget(self.attendance, 1)

        # agenda items and votes
        self.items = ItemsTable()
        self.add_item = QPushButton()
        self.add_item.clicked.connect(lambda: self.items.append({"title": ""}))
        self.remove_item = QPushButton()
        self.remove_item.clicked.connect(self.items.remove_current)
        items_page = QWidget()
        ibox = QVBoxLayout(items_page)
        irow = QHBoxLayout()
        irow.addWidget(self.add_item)
        irow.addWidget(self.remove_item)
        irow.addStretch(1)
        ibox.addLayout(irow)
        ibox.addWidget(self.items, 1)

        self.minutes = QPlainTextEdit()
        self.minutes.setObjectName("minutes")

        self.tabs = QTabWidget()
        self.tabs.addTab(details, "")
        self.tabs.addTab(attendance_page, "")
        self.tabs.addTab(items_page, "")
        self.tabs.addTab(self.minutes, "")

        self.notice = QLabel()
        self.notice.setObjectName("meetingNotice")
        self.notice.setWordWrap(True)
        self.notice.setProperty("role", "error")
        self.save_button = QPushButton()
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.notice, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

        self.retranslate()
        self._load(detail)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.held_at.dateTimeChanged.connect(self._kind_changed)

    # -- texts --------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Meeting"))
        texts = {"kind": self.tr("Kind"), "title": self.tr("Title"), "held_at": self.tr("Held at"),
                 "place": self.tr("Place"), "chair": self.tr("Chair"),
                 "recorder": self.tr("Recorder"), "status": self.tr("Status")}
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.status.setItemText(0, self.tr("Planned (not held yet)"))
        self.status.setItemText(1, self.tr("Held"))
        self.attendance.retranslate()
        self.items.retranslate()
        self.all_present.setText(self.tr("Everyone present"))
        self.none_present.setText(self.tr("Clear"))
        self.add_person.setPlaceholderText(self.tr("ID number (身份证号)"))
        self.add_person_button.setText(self.tr("Add attendee"))
        self.add_item.setText(self.tr("Add item"))
        self.remove_item.setText(self.tr("Remove item"))
        for i, text in enumerate((self.tr("Details"), self.tr("Attendance"),
                                  self.tr("Items and votes"), self.tr("Minutes"))):
            self.tabs.setTabText(i, text)
        self.save_button.setText(self.tr("Record correction…") if self.closed else self.tr("Save"))
        self.cancel_button.setText(self.tr("Close") if self.closed else self.tr("Cancel"))
        self._update_quorum()

    # -- loading ------------------------------------------------------------------------
    def _load(self, d: dict | None) -> None:
        self._filling = True
        if d is None:
            now = clock.today()
            self.held_at.setDateTime(QDateTime(QDate(now.year, now.month, now.day), QTime(9, 0)))
            self.status.setCurrentIndex(1)
        else:
            self.kind.setCurrentText(d["kind"])
            self.title_edit.setText(d["title"])
            held = dt.datetime.fromisoformat(d["held_at"])
            self.held_at.setDateTime(QDateTime(QDate(held.year, held.month, held.day),
                                               QTime(held.hour, held.minute)))
            self.place.setText(d["place"])
            self.chair.setText(d["chair"])
            self.recorder.setText(d["recorder"])
            self.status.setCurrentIndex(0 if d["status"] == m.PLANNED else 1)
            self.minutes.setPlainText(d["minutes"])
            self._fill_attendance(d["attendance"])
            for item in d["items"]:
                self.items.append(item)
        self._filling = False
        self._load_rules()
        if d is None:
            self._load_expected()
        if self.closed:
            self.notice.setText(self.tr("This meeting is closed. Changes are recorded as a "
                                        "correction, with the reason, beside the original."))

    def _kind_changed(self) -> None:
        if self._filling:
            return
        held = self.held_at.date()
        if (held.year(), held.month(), held.day()) > clock.today().timetuple()[:3]:
            self.status.setCurrentIndex(0)  # a meeting still to come is only planned
        self._load_rules()
        if self.uuid is None:
            self._load_expected()

    def _load_rules(self) -> None:
        from cunwu.services.memberships import kind_rules

        try:
            self.rules = kind_rules(self.ctx.store, self.kind.currentText())
        except Exception as e:  # shown, never silent
            self.error_box = show_error(self, e)
        self._update_quorum()

    def _load_expected(self) -> None:
        from cunwu.services.meeting_queries import expected_for

        store, kind, held = self.ctx.store, self.kind.currentText(), self._held_at()
        self.task = self.ctx.tasks.run(lambda _p: expected_for(store, kind, held), parent=self,
                                       title=self.tr("Reading members…"), show_progress=False,
                                       on_success=self._expected_loaded,
                                       on_done=self._task_done)

    def _expected_loaded(self, rows: list[dict]) -> None:
        # A new kind or day brings a new list; ticks already made for the same people stay.
        before = dict(zip(self.attendance.person_uuids(),
                          (s for _h, s in self.attendance.statuses())))
        self._fill_attendance([dict(r, status=before.get(r["person_uuid"], m.ABSENT)) for r in rows])

    def _task_done(self) -> None:
        self.task = None

    def _fill_attendance(self, rows: list[dict]) -> None:
        self.attendance.fill(rows)
        self._update_quorum()

    def _add_person(self) -> None:
        from cunwu.services.memberships import person_summary

        ref = self.add_person.text().strip()
        if not ref:
            return
        try:
            p = person_summary(self.ctx.store, ref)
        except Exception as e:
            self.error_box = show_error(self, e)
            return
        if p["person_uuid"] not in self.attendance.person_uuids():
            self.attendance.append(p["person_uuid"], p["name"], p["household_uuid"], m.PRESENT)
            self._update_quorum()
        self.add_person.clear()

    # -- quorum ---------------------------------------------------------------------------
    def verdict(self) -> MeetingVerdict | None:
        """The verdict of the attendance as ticked, by this kind's rules (None until read)."""
        if self.rules is None:
            return None
        return MeetingVerdict.of(self.rules, self.attendance.counts())

    def _update_quorum(self) -> None:
        verdict = self.verdict()
        if verdict is None:
            return
        counts, v = verdict.counts, verdict.quorum
        text = self.tr("Expected {e}, present {p}, excused {x}, absent {a}.").format(
            e=counts.expected, p=counts.present, x=counts.excused, a=counts.absent)
        if self.rules.quorum is None:
            text += " " + self.tr("This kind of meeting needs no quorum.")
            state = "ok"
        elif v.met:
            text += " " + self.tr("Quorum reached.")
            state = "ok"
        else:
            text += " " + self.tr("No quorum: {needed} must be present. Votes cannot be recorded "
                                  "and decisions would not be valid.").format(needed=v.needed)
            state = "error"
        self.quorum_label.setText(text)
        self.quorum_label.setProperty("role", state)
        self.quorum_label.style().unpolish(self.quorum_label)
        self.quorum_label.style().polish(self.quorum_label)
        self.items.show_results(verdict)

    # -- saving -------------------------------------------------------------------------
    def _held_at(self) -> str:
        q = self.held_at.dateTime()
        return f"{q.date().toString('yyyy-MM-dd')}T{q.time().toString('HH:mm')}"

    def data(self) -> dict:
        """What the editor holds, as `save_meeting` takes it."""
        uuids = self.attendance.person_uuids()
        statuses = [s for _h, s in self.attendance.statuses()]
        return {"kind": self.kind.currentText(), "title": self.title_edit.text(),
                "held_at": self._held_at(), "place": self.place.text(),
                "chair": self.chair.text(), "recorder": self.recorder.text(),
                "status": self.status.currentData(), "minutes": self.minutes.toPlainText(),
                "expected": uuids,
                "present": [u for u, s in zip(uuids, statuses) if s == m.PRESENT],
                "excused": [u for u, s in zip(uuids, statuses) if s == m.EXCUSED],
                "items": self.items.data()}

    def save(self, reason: str | None = None) -> None:
        from cunwu.services.meetings import correct_meeting, save_meeting

        data = self.data()
        store, actor, uuid = self.ctx.store, self.ctx.actor, self.uuid
        if self.closed:
            if reason is None:
                reason, ok = QInputDialog.getText(self, self.tr("Record correction"),
                                                  self.tr("Why is the record corrected?"))
                if not ok:
                    return
            data.pop("status")
            work = lambda _p: correct_meeting(store, actor, uuid, data, reason)  # noqa: E731
        else:
            if data["status"] == m.PLANNED:
                data.pop("present"), data.pop("excused")
            work = lambda _p: save_meeting(store, actor, data, uuid)  # noqa: E731
        self.save_button.setEnabled(False)
        self.notice.setText("")
        self.task = self.ctx.tasks.run(work, parent=self, title=self.tr("Saving…"),
                                       on_success=self._saved, on_failure=self._refused,
                                       on_done=self._save_done, show_progress=False)

    def _saved(self, meeting) -> None:
        self.saved_uuid = meeting.uuid
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        # Everything typed stays in the dialog; the reason is shown in it and in a box.
        from cunwu.ui.errors import error_text

        self.notice.setText(error_text(exc))
        self.error_box = show_error(self, exc)

    def _save_done(self) -> None:
        self.task = None
        self.save_button.setEnabled(True)

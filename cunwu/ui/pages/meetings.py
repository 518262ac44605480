"""The meetings page (议事): meetings with their quorum verdict, the editor and printing; tabs
for the 四议两公开 board, villagers' concerns, and the members and rules that decide a quorum.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHBoxLayout, QHeaderView,
                               QPushButton, QTableWidget, QTableWidgetItem, QTabWidget,
                               QVBoxLayout, QWidget)

from cunwu.ui.pages.base import Page, label

NO_QUORUM = QColor("#b3261e")


class MeetingsPage(Page):
    key = "meetings"

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        from cunwu.ui.meetings.concerns import ConcernsTable
        from cunwu.ui.meetings.matters import MattersBoard
        from cunwu.ui.meetings.members import MembersTable

        self.meetings: list[dict] = []
        self.loaded = False
        self.task = None
        self.editor = None
        self.preview = None
        self.error_box = None
        self.dialog = None  # the last dialog opened from the tabs (tests reach it here)
        self._pending_target = ""
        self._applying = False
        layout = self.page_layout()
        self.heading = label("title")
        layout.addWidget(self.heading)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)

        # meetings
        meetings_tab = QWidget()
        box = QVBoxLayout(meetings_tab)
        row = QHBoxLayout()
        self.new_button = QPushButton()
        self.new_button.setProperty("role", "primary")
        self.new_button.clicked.connect(lambda: self.open_editor(None))
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self._open_selected)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self._close_selected)
        self.signin_button = QPushButton()
        self.signin_button.clicked.connect(lambda: self.print_preview("signin"))
        self.minutes_button = QPushButton()
        self.minutes_button.clicked.connect(lambda: self.print_preview("minutes"))
        for b in (self.new_button, self.open_button, self.close_button, self.signin_button,
                  self.minutes_button):
            row.addWidget(b)
        row.addStretch(1)
        box.addLayout(row)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("meetingsTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(lambda r, _c: self._open_row(r))
        self.table.currentCellChanged.connect(lambda r, _c, _pr, _pc: self._show_verdict(r))
        box.addWidget(self.table, 1)
        # Why a meeting's decisions are not valid, in words, for the selected meeting.
        self.verdict_label = label("hint", wrap=True)
        self.verdict_label.setObjectName("meetingVerdict")
        box.addWidget(self.verdict_label)
        self.tabs.addTab(meetings_tab, "")

        # matters
        matters_tab = QWidget()
        mbox = QVBoxLayout(matters_tab)
        mrow = QHBoxLayout()
        self.new_matter_button = QPushButton()
        self.new_matter_button.clicked.connect(self.new_matter)
        self.advance_button = QPushButton()
        self.advance_button.clicked.connect(self.advance_selected)
        self.follow_up_button = QPushButton()
        self.follow_up_button.clicked.connect(self.follow_up_selected)
        mrow.addWidget(self.new_matter_button)
        mrow.addWidget(self.advance_button)
        mrow.addWidget(self.follow_up_button)
        mrow.addStretch(1)
        mbox.addLayout(mrow)
        self.board = MattersBoard()
        mbox.addWidget(self.board, 1)
        self.tabs.addTab(matters_tab, "")

        # 民情诉求
        concerns_tab = QWidget()
        cbox = QVBoxLayout(concerns_tab)
        crow = QHBoxLayout()
        self.new_concern_button = QPushButton()
        self.new_concern_button.clicked.connect(lambda: self.edit_concern(None))
        self.answer_button = QPushButton()
        self.answer_button.clicked.connect(lambda: self.edit_concern(self.concerns.current_concern()))
        crow.addWidget(self.new_concern_button)
        crow.addWidget(self.answer_button)
        crow.addStretch(1)
        cbox.addLayout(crow)
        self.concerns = ConcernsTable()
        self.concerns.cellDoubleClicked.connect(
            lambda _r, _c: self.edit_concern(self.concerns.current_concern()))
        cbox.addWidget(self.concerns, 1)
        self.tabs.addTab(concerns_tab, "")

        # who is expected
        members_tab = QWidget()
        bbox = QVBoxLayout(members_tab)
        brow = QHBoxLayout()
        self.add_member_button = QPushButton()
        self.add_member_button.clicked.connect(lambda: self.edit_member(None))
        self.end_member_button = QPushButton()
        self.end_member_button.clicked.connect(
            lambda: self.edit_member(self.members.current_member()))
        self.rules_button = QPushButton()
        self.rules_button.clicked.connect(self.edit_rules)
        brow.addWidget(self.add_member_button)
        brow.addWidget(self.end_member_button)
        brow.addWidget(self.rules_button)
        brow.addStretch(1)
        bbox.addLayout(brow)
        self.members_hint = label("hint", wrap=True)
        bbox.addWidget(self.members_hint)
        self.members = MembersTable()
        bbox.addWidget(self.members, 1)
        self.tabs.addTab(members_tab, "")
        writer = ctx.actor.may("write")
        for b in (self.new_button, self.close_button, self.new_matter_button, self.advance_button,
                  self.follow_up_button,
                  self.new_concern_button, self.answer_button, self.add_member_button,
                  self.end_member_button, self.rules_button):
            b.setEnabled(writer)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Meetings")

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Meetings and decisions"))
        self.tabs.setTabText(0, self.tr("Meetings"))
        self.tabs.setTabText(1, self.tr("Matters (四议两公开)"))
        self.tabs.setTabText(2, self.tr("Villagers' concerns"))
        self.new_concern_button.setText(self.tr("New concern…"))
        self.answer_button.setText(self.tr("Answer or follow up…"))
        self.concerns.retranslate()
        self.tabs.setTabText(3, self.tr("Members"))
        self.add_member_button.setText(self.tr("Add member…"))
        self.end_member_button.setText(self.tr("End membership…"))
        self.rules_button.setText(self.tr("Quorum rules…"))
        self.members_hint.setText(self.tr(
            "Who is expected at each kind of meeting: 村民代表 (with the households they "
            "represent), 两委 and 监委会 members. 党员 come from the residents' records; a "
            "村民会议 expects every resident aged 18 or more."))
        self.members.retranslate()
        self.new_button.setText(self.tr("New meeting…"))
        self.open_button.setText(self.tr("Open…"))
        self.close_button.setText(self.tr("Close meeting"))
        self.signin_button.setText(self.tr("Print sign-in sheet…"))
        self.minutes_button.setText(self.tr("Print minutes…"))
        self.new_matter_button.setText(self.tr("New matter…"))
        self.advance_button.setText(self.tr("Next step…"))
        self.follow_up_button.setText(self.tr("Follow up (督办)…"))
        self.table.setHorizontalHeaderLabels([self.tr("Held at"), self.tr("Kind"), self.tr("Title"),
                                              self.tr("Present"), self.tr("Quorum"),
                                              self.tr("Status")])
        self.board.retranslate()
        self._fill()

    # -- reading ------------------------------------------------------------------------
    def activated(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        from cunwu.services.concerns import list_concerns
        from cunwu.services.matters import list_matters
        from cunwu.services.meetings import list_meetings
        from cunwu.services.memberships import list_members

        store = self.ctx.store
        self.task = self.ctx.tasks.run(lambda _p: (list_meetings(store), list_matters(store),
                                                   list_concerns(store), list_members(store)),
                                       parent=self.window(), title=self.tr("Reading meetings…"),
                                       on_success=self._loaded, on_done=self._read_done,
                                       show_progress=False)

    def _read_done(self) -> None:
        self.task = None

    def _loaded(self, result) -> None:
        self.meetings, matters, concerns, members = result
        self.loaded = True
        self._fill()
        self.board.show_matters(matters)
        self.concerns.show_concerns(concerns)
        self.members.show_members(members)
        if self._pending_target:
            target, self._pending_target = self._pending_target, ""
            self._applying = True
            try:
                self.open_target(target)
            finally:
                self._applying = False

    def status_label(self, status: str) -> str:
        return {"planned": self.tr("planned"), "held": self.tr("held"),
                "closed": self.tr("closed")}.get(status, status)

    def _fill(self) -> None:
        self.table.setRowCount(len(self.meetings))
        for row, mt in enumerate(self.meetings):
            quorum = "" if mt["status"] == "planned" else (
                self.tr("yes") if mt["quorum_met"] else self.tr("no quorum"))
            status = self.status_label(mt["status"])
            if mt["corrected"]:
                status = self.tr("corrected")
            cells = (mt["held_at"].replace("T", " "), mt["kind"], mt["title"],
                     f"{mt['present_count']} / {mt['expected_count']}", quorum, status)
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, mt["uuid"])
                if not mt["quorum_met"] and mt["status"] != "planned":
                    cell.setForeground(QBrush(NO_QUORUM))
                self.table.setItem(row, col, cell)

    def _show_verdict(self, row: int) -> None:
        from cunwu.services.meetings import meeting_detail

        if not 0 <= row < len(self.meetings):
            self.verdict_label.setText("")
            return
        try:
            d = meeting_detail(self.ctx.store, self.meetings[row]["uuid"])
        except Exception:  # the meeting went away: the list is refreshed next
            self.verdict_label.setText("")
            return
        text = d["quorum_rule"]
        if d["status"] != "planned" and d["invalid_reason"]:
            text = d["invalid_reason"] + "\n" + text
        if d["corrects"]:
            text += "\n" + self.tr("This record corrects an earlier one: {reason}").format(
                reason=d["correction_reason"])
        self.verdict_label.setText(text)
        self.verdict_label.setProperty("role", "error" if d["invalid_reason"] and d["status"] != "planned" else "hint")
        self.verdict_label.style().unpolish(self.verdict_label)
        self.verdict_label.style().polish(self.verdict_label)

    def selected_uuid(self) -> str | None:
        row = self.table.currentRow()
        return self.meetings[row]["uuid"] if 0 <= row < len(self.meetings) else None

    def select_meeting(self, uuid: str) -> None:
        for row, mt in enumerate(self.meetings):
            if mt["uuid"] == uuid:
                self.table.selectRow(row)

    def open_target(self, target: str) -> None:
        """"matter:uuid" opens the board at that matter, "concern:uuid" the concerns."""
        if not self._applying:
            # shown after the next read, so a record added since the last one is there
            self._pending_target = target
            if self.task is None:
                self.refresh()
            return
        kind, _sep, uuid = target.partition(":")
        if kind == "matter":
            self.tabs.setCurrentIndex(1)
            self.board.select(uuid)
        elif kind == "concern":
            self.tabs.setCurrentIndex(2)
            self.concerns.select(uuid)
        else:
            self.select_meeting(uuid)

    # -- meetings -----------------------------------------------------------------------
    def _open_selected(self) -> None:
        uuid = self.selected_uuid()
        if uuid:
            self.open_editor(uuid)

    def _open_row(self, row: int) -> None:
        if 0 <= row < len(self.meetings):
            self.open_editor(self.meetings[row]["uuid"])

    def open_editor(self, uuid: str | None):
        """The editor for a new meeting (uuid None) or an existing one; returns the dialog."""
        from cunwu.services.meetings import meeting_detail
        from cunwu.ui.errors import show_error
        from cunwu.ui.meetings.editor import MeetingEditor

        try:
            detail = meeting_detail(self.ctx.store, uuid) if uuid else None
        except Exception as e:
            self.error_box = show_error(self, e)
            return None
        self.editor = MeetingEditor(self.ctx, detail, self)
        self.editor.finished.connect(self._editor_finished)
        self.editor.open()
        return self.editor

    def _editor_finished(self, result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            self.refresh()

    def _close_selected(self) -> None:
        from cunwu.services.meetings import close_meeting

        uuid = self.selected_uuid()
        if not uuid:
            return
        store, actor = self.ctx.store, self.ctx.actor
        self.ctx.tasks.run(lambda _p: close_meeting(store, actor, uuid), parent=self.window(),
                           title=self.tr("Closing the meeting…"), show_progress=False,
                           on_success=lambda _m: self.refresh())

    def print_preview(self, what: str):
        from cunwu.ui.meetings.preview import MeetingPreview

        uuid = self.selected_uuid()
        if not uuid:
            return None
        self.preview = MeetingPreview(self.ctx, uuid, what, self)
        self.preview.open()
        return self.preview

    # -- matters ------------------------------------------------------------------------
    def new_matter(self):
        from cunwu.ui.meetings.matters import NewMatterDialog

        dialog = NewMatterDialog(self)
        self.dialog = dialog

        def add(store, actor):
            from cunwu.services.matters import add_matter

            return add_matter(store, actor, dialog.data())

        dialog.accepted.connect(lambda: self._run_dialog(add))
        dialog.open()
        return dialog

    def advance_selected(self):
        from cunwu.ui.meetings.matters import AdvanceDialog

        matter = self.board.current_matter()
        if matter is None or not matter["next_step"]:
            return None
        from cunwu.services.matters import disclosures_for

        dialog = AdvanceDialog(matter, self.meetings, disclosures_for(self.ctx.store, matter["next_step"]),
                               self)
        self.dialog = dialog

        def take(store, actor):
            from cunwu.services.matters import advance

            return advance(store, actor, matter["uuid"], **dialog.arguments())

        dialog.accepted.connect(lambda: self._run_dialog(take))
        dialog.open()
        return dialog

    def follow_up_selected(self):
        from cunwu.ui.meetings.matters import FollowUpDialog

        matter = self.board.current_matter()
        if matter is None:
            return None
        dialog = FollowUpDialog(matter, self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._run_dialog(dialog.work()))
        dialog.open()
        return dialog

    def edit_concern(self, concern: dict | None):
        from cunwu.ui.meetings.concerns import ConcernDialog

        dialog = ConcernDialog(concern, self, self.meetings)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._run_dialog(dialog.work()))
        dialog.open()
        return dialog

    def edit_member(self, member: dict | None):
        from cunwu.ui.meetings.members import MemberDialog

        dialog = MemberDialog(member, self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._run_dialog(dialog.work()))
        dialog.open()
        return dialog

    def edit_rules(self):
        from cunwu.services.memberships import all_rules
        from cunwu.ui.meetings.rules import RulesDialog

        dialog = RulesDialog(all_rules(self.ctx.store), self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._run_dialog(dialog.work()))
        dialog.open()
        return dialog

    def _run_dialog(self, work) -> None:
        """What an accepted dialog asks for, off the GUI thread; a refusal is shown plainly."""
        store, actor = self.ctx.store, self.ctx.actor

        def failed(exc):
            from cunwu.ui.errors import show_error

            self.error_box = show_error(self, exc)

        self.ctx.tasks.run(lambda _p: work(store, actor), parent=self.window(),
                           title=self.tr("Saving…"), show_progress=False,
                           on_success=lambda _r: self.refresh(), on_failure=failed)

"""The meetings page (议事): meetings with their quorum verdict, the editor and printing; tabs
for the 四议两公开 board, villagers' concerns, and the members and rules that decide a quorum.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from cunwu.ui import dialogs
from cunwu.ui.flow import flow
from cunwu.ui.pages.base import Page
from cunwu.ui.widgets import key_at, label


def _tab(buttons: QLayout, *widgets: QWidget) -> QWidget:
    """A tab: its row of buttons above what it shows, the last widget taking the room."""
    tab = QWidget()
    box = QVBoxLayout(tab)
    box.addLayout(buttons)
    for i, widget in enumerate(widgets):
        box.addWidget(widget, 1 if i == len(widgets) - 1 else 0)
    return tab


class MeetingsPage(Page):
    key = "meetings"

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        from cunwu.ui.meetings.concerns import ConcernsTable
        from cunwu.ui.meetings.matters import MattersBoard
        from cunwu.ui.meetings.meeting_list import MeetingList
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

        self.list = MeetingList(ctx)
        self.list.new_button.clicked.connect(lambda: self.open_editor(None))
        self.list.open_button.clicked.connect(self._open_selected)
        self.list.close_button.clicked.connect(self._close_selected)
        self.list.signin_button.clicked.connect(lambda: self.print_preview("signin"))
        self.list.minutes_button.clicked.connect(lambda: self.print_preview("minutes"))
        self.list.table.cellDoubleClicked.connect(lambda r, _c: self._open_row(r))
        self.tabs.addTab(self.list, "")

        # 四议两公开 matters
        self.new_matter_button = QPushButton()
        self.new_matter_button.clicked.connect(self.new_matter)
        self.advance_button = QPushButton()
        self.advance_button.clicked.connect(self.advance_selected)
        self.follow_up_button = QPushButton()
        self.follow_up_button.clicked.connect(self.follow_up_selected)
        self.board = MattersBoard()
        self.tabs.addTab(_tab(flow(self.new_matter_button, self.advance_button,
                                   self.follow_up_button), self.board), "")

        # 民情诉求
        self.new_concern_button = QPushButton()
        self.new_concern_button.clicked.connect(lambda: self.edit_concern(None))
        self.answer_button = QPushButton()
        self.answer_button.clicked.connect(lambda: self.edit_concern(self.concerns.current_concern()))
        self.concern_case_button = QPushButton()  # 转为工单
        self.concern_case_button.setObjectName("concernToCase")
        self.concern_case_button.clicked.connect(self.concern_to_case)
        self.concerns = ConcernsTable()
        self.concerns.cellDoubleClicked.connect(
            lambda _r, _c: self.edit_concern(self.concerns.current_concern()))
        self.tabs.addTab(_tab(flow(self.new_concern_button, self.answer_button,
                                   self.concern_case_button), self.concerns), "")

        # who is expected
        self.add_member_button = QPushButton()
        self.add_member_button.clicked.connect(lambda: self.edit_member(None))
        self.end_member_button = QPushButton()
        self.end_member_button.clicked.connect(
            lambda: self.edit_member(self.members.current_member()))
        self.rules_button = QPushButton()
        self.rules_button.clicked.connect(self.edit_rules)
        self.members_hint = label("hint", wrap=True)
        self.members = MembersTable()
        self.tabs.addTab(_tab(flow(self.add_member_button, self.end_member_button, self.rules_button),
                              self.members_hint, self.members), "")
        writer = ctx.actor.may("write")
        for b in (self.list.new_button, self.list.close_button, self.new_matter_button,
                  self.advance_button, self.follow_up_button, self.new_concern_button,
                  self.answer_button, self.concern_case_button, self.add_member_button,
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
        self.concern_case_button.setText(self.tr("Make a case"))
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
        self.list.retranslate()
        self.new_matter_button.setText(self.tr("New matter…"))
        self.advance_button.setText(self.tr("Next step…"))
        self.follow_up_button.setText(self.tr("Follow up (督办)…"))
        self.board.retranslate()

    # -- reading ------------------------------------------------------------------------
    def activated(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        from cunwu.services.concerns import list_concerns
        from cunwu.services.matters import list_matters
        from cunwu.services.meeting_queries import list_meetings
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
        self.list.show_meetings(self.meetings)
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
            self.list.select_meeting(uuid)

    # -- meetings -----------------------------------------------------------------------
    def _open_selected(self) -> None:
        uuid = self.list.selected_uuid()
        if uuid:
            self.open_editor(uuid)

    def _open_row(self, row: int) -> None:
        uuid = key_at(self.list.table, row)
        if uuid:
            self.open_editor(uuid)

    def open_editor(self, uuid: str | None):
        """The editor for a new meeting (uuid None) or an existing one; returns the dialog."""
        from cunwu.services.meeting_queries import meeting_detail
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

        uuid = self.list.selected_uuid()
        if not uuid:
            return
        title = next((m["title"] for m in self.list.meetings if m["uuid"] == uuid), "")
        if not dialogs.ask(self, self.tr(
                "Close the meeting '{title}'? Its record, attendance and votes are then final; "
                "a mistake can only be put right by a correction.").format(title=title),
                self.tr("Close meeting")):
            return
        store, actor = self.ctx.store, self.ctx.actor
        self.ctx.tasks.run(lambda _p: close_meeting(store, actor, uuid), parent=self.window(),
                           title=self.tr("Closing the meeting…"), show_progress=False,
                           on_success=lambda _m: self.refresh())

    def print_preview(self, what: str):
        from cunwu.ui.meetings.preview import MeetingPreview

        uuid = self.list.selected_uuid()
        if not uuid:
            return None
        self.preview = MeetingPreview(self.ctx, uuid, what, self)
        self.preview.open()
        return self.preview

    # -- matters ------------------------------------------------------------------------
    def new_matter(self):
        from cunwu.ui.meetings.matters import NewMatterDialog

        dialog = NewMatterDialog(self)

        def add(store, actor):
            from cunwu.services.matters import add_matter

            return add_matter(store, actor, dialog.data())

        return self._open_dialog(dialog, add)

    def advance_selected(self):
        from cunwu.ui.meetings.matters import AdvanceDialog

        matter = self.board.current_matter()
        if matter is None or not matter["next_step"]:
            return None
        from cunwu.services.matters import disclosures_for

        dialog = AdvanceDialog(matter, self.meetings, disclosures_for(self.ctx.store, matter["next_step"]),
                               self)

        def take(store, actor):
            from cunwu.services.matters import advance

            return advance(store, actor, matter["uuid"], **dialog.arguments())

        return self._open_dialog(dialog, take)

    def follow_up_selected(self):
        from cunwu.ui.meetings.matters import FollowUpDialog

        matter = self.board.current_matter()
        if matter is None:
            return None
        return self._open_dialog(FollowUpDialog(matter, self))

    def edit_concern(self, concern: dict | None):
        from cunwu.ui.meetings.concerns import ConcernDialog

        return self._open_dialog(ConcernDialog(self.ctx, concern, self, self.meetings))

    def concern_to_case(self):
        """转为工单 from the selected concern: a new case about the one who raised it (unless
        another person or a household is named), the concern as the matter."""
        from cunwu.ui.cases.dialogs import CaseDialog

        concern = self.concerns.current_concern()
        if concern is None:
            return None
        origin = self.tr("{name}, {date}: {topic}").format(
            name=concern["raised_by"], date=concern["raised_on"], topic=concern["topic"])
        self.dialog = CaseDialog(self.ctx, self, source="concern", source_ref=concern["uuid"],
                                 origin=origin, title=concern["topic"][:200])
        self.dialog.open()
        return self.dialog

    def edit_member(self, member: dict | None):
        from cunwu.ui.meetings.members import MemberDialog

        return self._open_dialog(MemberDialog(member, self))

    def edit_rules(self):
        from cunwu.services.memberships import all_rules
        from cunwu.ui.meetings.rules import RulesDialog

        return self._open_dialog(RulesDialog(all_rules(self.ctx.store), self))

    def _open_dialog(self, dialog, work=None):
        """Open a tab's dialog; once accepted, its work (`work`, else the dialog's own) runs."""
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._run_dialog(work or dialog.work()))
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

"""The disclosures page (村务公开): the notices with their status and period, what the
schedule says is due, and the actions on a notice (edit, sign off, post, print, feedback).
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMenu, QPushButton, QTabWidget, QWidget

from cunwu import clock
from cunwu.domain import disclosures as dom
from cunwu.ui import dialogs
from cunwu.ui.errors import show_error
from cunwu.ui.flow import flow
from cunwu.ui.pages.base import Page
from cunwu.ui.widgets import fill, label, select_key, selected_key, table


class DisclosuresPage(Page):
    key = "disclosures"

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.items: list = []
        self.due_items: list = []
        self.loaded = False
        self.dialog = None  # the editor, preview or feedback dialog last opened
        layout = self.page_layout()
        self.heading = label("title")
        self.hint = label("hint", wrap=True)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        self.buttons: dict[str, QPushButton] = {}
        # Every button in sight, wrapping onto as many lines as the width needs: a tool bar
        # folded the last ones into a » menu that clerks never found.
        self.toolbar = QWidget()
        self.toolbar.setObjectName("disclosuresActions")
        for key in ("new", "generate", "edit", "sign_off", "post", "preview", "feedback",
                    "correct", "withdraw", "archive", "photo", "verify", "rules"):
            b = QPushButton()
            b.setObjectName(f"disclosures_{key}")
            self.buttons[key] = b
        self.toolbar.setLayout(flow(*self.buttons.values()))
        layout.addWidget(self.toolbar)
        self.generate_menu = QMenu(self)
        for kind in ("dibao", "tekun", "linshi"):
            action = self.generate_menu.addAction("")
            action.setData(kind)
            action.triggered.connect(lambda _=False, k=kind: self.generate(k))
        self.buttons["generate"].setMenu(self.generate_menu)
        self.tabs = QTabWidget()
        # the title (notices) or what is due (schedule) takes the room that is left
        self.table = table(6, fit=True, stretch=0)
        self.schedule = table(3, fit=True, stretch=2)
        self.tabs.addTab(self.table, "")
        self.tabs.addTab(self.schedule, "")
        layout.addWidget(self.tabs, 1)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.cellDoubleClicked.connect(lambda *_: self.edit_or_preview())
        self.buttons["new"].clicked.connect(self.new)
        self.buttons["edit"].clicked.connect(self.edit)
        self.buttons["sign_off"].clicked.connect(self.sign_off)
        self.buttons["withdraw"].clicked.connect(self.withdraw)
        self.buttons["post"].clicked.connect(self.post)
        self.buttons["correct"].clicked.connect(self.correct)
        self.buttons["archive"].clicked.connect(self.archive)
        self.buttons["preview"].clicked.connect(self.preview)
        self.buttons["feedback"].clicked.connect(self.feedback)
        self.buttons["photo"].clicked.connect(self.choose_photo)
        self.buttons["verify"].clicked.connect(self.verify)
        self.buttons["rules"].clicked.connect(self.edit_rules)
        self.retranslate()
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Disclosures")

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.hint.setText(self.tr(
            "Notices of party, village and financial affairs (三务公开). A notice is signed off "
            "by the supervision committee before it is posted; a posted notice is never "
            "changed, it is corrected by a new one."))
        names = {"new": self.tr("New notice"), "generate": self.tr("Relief list"),
                 "edit": self.tr("Edit"), "sign_off": self.tr("Sign off"),
                 "withdraw": self.tr("Take sign-off back"), "post": self.tr("Mark posted"),
                 "correct": self.tr("Correct"), "archive": self.tr("Archive"),
                 "preview": self.tr("Print preview"), "feedback": self.tr("Feedback"),
                 "photo": self.tr("Add photo"), "verify": self.tr("Check a printed code…"),
                 "rules": self.tr("Rules…")}
        for key, text in names.items():
            self.buttons[key].setText(text)
        kinds = {"dibao": self.tr("低保 list"), "tekun": self.tr("特困供养 list"),
                 "linshi": self.tr("临时救助 list")}
        for action in self.generate_menu.actions():
            action.setText(kinds[action.data()])
        self.tabs.setTabText(0, self.tr("Notices"))
        self.tabs.setTabText(1, self.tr("Schedule"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Title"), self.tr("Category"), self.tr("Status"), self.tr("Period"),
            self.tr("Posted"), self.tr("Posting period ends")])
        self.schedule.setHorizontalHeaderLabels([self.tr("State"), self.tr("Due by"),
                                                 self.tr("What")])
        if self.loaded:
            self._fill()

    # -- loading ------------------------------------------------------------------
    def activated(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        from cunwu.services.disclosure_schedule import due
        from cunwu.services.disclosures import list_all

        store = self.ctx.store

        def work(_progress):
            return list_all(store), due(store)

        self.run_task(work, title=self.tr("Loading…"), on_success=self._loaded)

    def _loaded(self, result) -> None:
        self.items, self.due_items = result
        self._fill()
        self.loaded = True

    def _fill(self) -> None:
        today = clock.today()

        def when(day) -> str:
            return day.isoformat() if day else ""

        fill(self.table, [[d.title, d.category, dom.status_label(d.state(today)),
                           f"{d.period_from.isoformat()} ~ {d.period_to.isoformat()}",
                           when(d.posting_date) if d.status != "draft" else "",
                           when(d.period_end()) if d.status != "draft" else ""]
                          for d in self.items], [d.uuid for d in self.items])
        state = {True: self.tr("Overdue"), False: self.tr("Due")}
        fill(self.schedule, [[state[i.overdue], i.due.isoformat(), i.title]
                             for i in self.due_items])
        overdue = sum(1 for i in self.due_items if i.overdue)
        self.tabs.setTabText(1, self.tr("Schedule ({n} overdue)").format(n=overdue)
                             if overdue else self.tr("Schedule"))
        self._update_buttons()

    def selected(self):
        uuid = selected_key(self.table)
        return next((d for d in self.items if d.uuid == uuid), None)

    def select(self, uuid: str) -> None:
        select_key(self.table, uuid)

    def _update_buttons(self) -> None:
        d = self.selected()
        state = d.state(clock.today()) if d else None
        actor = self.ctx.actor
        writer = actor.may("write")
        enabled = {
            "new": writer, "generate": writer,
            "edit": writer and state == "draft",
            "sign_off": actor.role == "supervisor" and state == "draft",
            "withdraw": writer and state == "signed_off",
            "post": writer and state == "signed_off",
            "correct": writer and state in ("posted", "period_over", "archived"),
            "archive": writer and state == "period_over",
            "preview": d is not None,
            "feedback": writer and state in ("posted", "period_over", "archived"),
            "photo": writer and state in ("signed_off", "posted", "period_over", "archived"),
            "verify": True,  # anyone may check a sheet on the wall
            "rules": True,  # read-only for whoever may not write
        }
        for key, on in enabled.items():
            self.buttons[key].setEnabled(bool(on))
        self.buttons["sign_off"].setToolTip(
            "" if actor.role == "supervisor" else
            self.tr("Only a supervision committee (supervisor) account can sign off."))

    # -- actions ------------------------------------------------------------------
    def verify(self):
        """核验公示码, as `cunwu disclosures verify`."""
        from cunwu.ui.disclosures.verify_dialog import VerifyDialog

        self._open(VerifyDialog(self.ctx, self))
        return self.dialog

    def edit_rules(self):
        """The village's disclosure rules, as `cunwu disclosures rules`."""
        from cunwu.ui.disclosures.rules_dialog import DisclosureRulesDialog

        dialog = DisclosureRulesDialog(self.ctx, self)
        dialog.saved.connect(lambda _r: self.refresh())
        self._open(dialog)
        return dialog

    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.setModal(True)
        dialog.show()

    def new(self) -> None:
        from cunwu.ui.disclosures.editor import DisclosureEditor

        editor = DisclosureEditor(self.ctx, parent=self)
        editor.saved.connect(self._saved)
        self._open(editor)

    def edit(self) -> None:
        from cunwu.ui.disclosures.editor import DisclosureEditor

        d = self.selected()
        if d is None:
            return
        editor = DisclosureEditor(self.ctx, d, parent=self)
        editor.saved.connect(self._saved)
        self._open(editor)

    def edit_or_preview(self) -> None:
        d = self.selected()
        if d is not None and d.status == "draft" and self.ctx.actor.may("write"):
            self.edit()
        elif d is not None:
            self.preview()

    def correct(self) -> None:
        from cunwu.ui.disclosures.editor import DisclosureEditor

        d = self.selected()
        if d is None:
            return
        editor = DisclosureEditor(self.ctx, corrects=d.uuid, parent=self)
        editor.load(d)
        editor.title_edit.setText(self.tr("{title} (correction)").format(title=d.title))
        editor.has_posting_date.setChecked(False)
        editor.saved.connect(self._saved)
        self._open(editor)

    def _saved(self, d) -> None:
        self.refresh_then_select(d.uuid)

    def refresh_then_select(self, uuid: str) -> None:
        from cunwu.services.disclosure_schedule import due
        from cunwu.services.disclosures import list_all

        store = self.ctx.store

        def loaded(result):
            self._loaded(result)
            self.select(uuid)

        self.run_task(lambda _p: (list_all(store), due(store)), title=self.tr("Loading…"),
                      on_success=loaded)

    def _act(self, work, title: str, uuid: str) -> None:
        self.run_task(work, title=title, on_success=lambda _r: self.refresh_then_select(uuid),
                      on_failure=self._refused)

    def _refused(self, exc: BaseException) -> None:
        self.error_box = show_error(self, exc)

    def _confirm(self, text: str, yes: str) -> bool:
        return dialogs.ask(self, text, yes)

    def sign_off(self, *, confirm: bool = True) -> None:
        from cunwu.services.disclosures import sign_off

        d = self.selected()
        if d is None:
            return
        if confirm and not self._confirm(self.tr(
                "Sign off '{title}' as reviewed by the supervision committee? Its content "
                "is then fixed.").format(title=d.title), self.tr("Sign off")):
            return
        store, actor, uuid = self.ctx.store, self.ctx.actor, d.uuid
        self._act(lambda _p: sign_off(store, actor, uuid), self.tr("Signing off…"), uuid)

    def withdraw(self) -> None:
        from cunwu.services.disclosures import withdraw_sign_off

        d = self.selected()
        if d is not None:
            store, actor, uuid = self.ctx.store, self.ctx.actor, d.uuid
            self._act(lambda _p: withdraw_sign_off(store, actor, uuid), self.tr("Saving…"), uuid)

    def post(self) -> None:
        from cunwu.services.disclosures import post

        d = self.selected()
        if d is None or not self._confirm(self.tr(
                "Record '{title}' as on the wall from {start} to {end}? It can never be changed "
                "afterwards, only corrected by a new notice.").format(
                    title=d.title, start=d.posting_date or "", end=d.period_end() or ""),
                self.tr("Mark posted")):
            return
        store, actor, uuid = self.ctx.store, self.ctx.actor, d.uuid
        self._act(lambda _p: post(store, actor, uuid), self.tr("Saving…"), uuid)

    def archive(self) -> None:
        from cunwu.services.disclosures import archive

        d = self.selected()
        if d is not None:
            store, actor, uuid = self.ctx.store, self.ctx.actor, d.uuid
            self._act(lambda _p: archive(store, actor, uuid), self.tr("Saving…"), uuid)

    def generate(self, kind: str, period: str | None = None) -> None:
        """The relief list of `kind` for `period` (2026Q4, 2026-11 or 2026); without one, a
        dialog asks for the year and the quarter or month."""
        from cunwu.services.relief_lists import generate

        if period is None:
            from cunwu.ui.disclosures.period_dialog import PeriodDialog

            dialog = PeriodDialog(self.ctx, kind, self.tr("Relief list"), parent=self)
            dialog.saved.connect(self._saved)
            self._open(dialog)
            return
        store, actor = self.ctx.store, self.ctx.actor
        self.run_task(lambda _p: generate(store, actor, kind, period),
                      title=self.tr("Building the list…"), on_success=self._saved,
                      on_failure=self._refused)

    def preview(self) -> None:
        from cunwu.ui.disclosures.preview import PrintPreview

        d = self.selected()
        if d is not None:
            self._open(PrintPreview(self.ctx, d.uuid, parent=self))

    def feedback(self) -> None:
        from cunwu.ui.disclosures.feedback import FeedbackDialog

        d = self.selected()
        if d is not None:
            self._open(FeedbackDialog(self.ctx, d.uuid, parent=self))

    def choose_photo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Photo of the posted notice"), "",
                                              self.tr("Photos (*.jpg *.jpeg *.png)"))
        if path:
            self.add_photo(path)

    def add_photo(self, path: str) -> None:
        from cunwu.services.disclosures import add_photo

        d = self.selected()
        if d is not None:
            store, actor, uuid = self.ctx.store, self.ctx.actor, d.uuid
            self._act(lambda _p: add_photo(store, actor, uuid, path), self.tr("Saving…"), uuid)

    def open_target(self, target: str) -> None:
        self.tabs.setCurrentIndex(1 if target == "disclosures" else 0)
        if ":" in target:
            self.refresh_then_select(target.split(":", 1)[1])

"""The points page (积分): activities and their 公示, the approval queue, the rule catalogue,
the ledger, the points supermarket counter, and rankings with a bar chart.
"""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QInputDialog, QLayout,
                               QPushButton, QScrollArea, QSpinBox, QTabWidget, QVBoxLayout,
                               QWidget)

from cunwu import clock
from cunwu.ui.flow import flow
from cunwu.ui.pages.base import Page
from cunwu.ui.points import upkeep
from cunwu.ui.points.approval import ApprovalQueue
from cunwu.ui.points.counter import Counter
from cunwu.ui.widgets import file_name, fill, label, row, select_key, selected_key, table

LEDGER_ROWS = 500
CHART_BARS = 15


def _tab(*widgets, stretch: QWidget | None = None) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    for w in widgets:
        if isinstance(w, QLayout):
            layout.addLayout(w)
        else:
            layout.addWidget(w, 1 if w is stretch else 0)
    return page


class PointsPage(Page):
    key = "points"

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.loaded = False
        self.dialog = None
        self.data: dict = {}
        layout = self.page_layout()
        self.heading = label("title")
        self.hint = label("hint", wrap=True)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.buttons: dict[str, QPushButton] = {}

        def button(key: str) -> QPushButton:
            b = QPushButton()
            b.setObjectName(f"points_{key}")
            self.buttons[key] = b
            return b

        # activities
        self.activities = table(7)
        self.tabs.addTab(_tab(flow(button("new_activity"), button("participants"),
                                    button("publish"), button("post"), button("print_list")),
                              self.activities, stretch=self.activities), "")
        # approval queue
        self.approval = ApprovalQueue(ctx, self.buttons, run=self._act)
        self.queue = self.approval.table
        self.tabs.addTab(self.approval, "")
        # rules
        self.rules = table(8)
        self.tabs.addTab(_tab(flow(button("new_rule"), button("retire_rule"), button("settings")),
                              self.rules,
                              stretch=self.rules), "")
        # ledger
        self.ledger = table(6)
        self.tabs.addTab(_tab(flow(button("reverse"), button("balances")), self.ledger,
                              stretch=self.ledger), "")
        # supermarket
        self.counter = Counter(ctx, self.buttons, changed=self.refresh)
        self.tabs.addTab(self.counter, "")
        # rankings
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(clock.today().year)
        self.month = QComboBox()
        self.month.addItem("", 0)
        for m in range(1, 13):
            self.month.addItem(f"{m:02d}", m)
        self.scope = QComboBox()
        self.scope.addItem("", "person")
        self.scope.addItem("", "household")
        self.ranking = table(4)
        from cunwu.ui.points.chart import BarChart

        self.chart = BarChart()
        chart_area = QScrollArea()
        chart_area.setWidgetResizable(True)
        chart_area.setWidget(self.chart)
        ranks = QWidget()
        ranks_layout = QVBoxLayout(ranks)
        ranks_layout.addLayout(row(self.year, self.month, self.scope, button("show_ranking")))
        body = QHBoxLayout()
        body.addWidget(self.ranking, 1)
        body.addWidget(chart_area, 1)
        ranks_layout.addLayout(body, 1)
        self.tabs.addTab(ranks, "")

        actions = {"new_activity": self.new_activity, "publish": self.publish, "post": self.post,
                   "print_list": self.print_list,
                   "participants": self.participants, "settings": self.settings,
                   "new_rule": self.new_rule, "reverse": self.reverse,
                   "new_goods": self.new_goods, "show_ranking": self.show_ranking,
                   "retire_rule": lambda: upkeep.retire_rule(self),
                   "balances": lambda: upkeep.open_balances(self),
                   "restock": lambda: upkeep.restock(self)}
        for key, fn in actions.items():
            self.buttons[key].clicked.connect(fn)
        for t in (self.activities, self.ledger, self.rules):
            t.itemSelectionChanged.connect(self._update_buttons)
        self.retranslate()
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Points")

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.hint.setText(self.tr(
            "Volunteer points (积分制): points from activities are approved by a second user, "
            "shown in public (积分公示) and only then entered in the ledger. The ledger is never "
            "edited: a correction is a new entry."))
        self.approval.retranslate()
        names = {"new_activity": self.tr("New activity…"),
                 "participants": self.tr("Participants and objections…"),
                 "settings": self.tr("Settings…"), "publish": self.tr("Start 公示"),
                 "post": self.tr("Post to ledger"), "print_list": self.tr("Print 公示 list…"),
                 "new_rule": self.tr("New rule or version…"),
                 "reverse": self.tr("Reverse entry…"), "show_ranking": self.tr("Show"),
                 "retire_rule": self.tr("Retire rule…"), "balances": self.tr("Everyone's balance…")}
        for key, text in names.items():
            self.buttons[key].setText(text)
        for i, text in enumerate((self.tr("Activities"), self.tr("Approval queue"),
                                  self.tr("Rules"), self.tr("Ledger"), self.tr("Supermarket"),
                                  self.tr("Rankings"))):
            self.tabs.setTabText(i, text)
        self.activities.setHorizontalHeaderLabels([
            self.tr("Date"), self.tr("Title"), self.tr("Rule"), self.tr("People"),
            self.tr("Points"), self.tr("State"), self.tr("公示 ends")])
        self.rules.setHorizontalHeaderLabels([
            self.tr("Code"), self.tr("Version"), self.tr("Name"), self.tr("Points"),
            self.tr("Per"), self.tr("From"), self.tr("Until"), self.tr("Meeting")])
        self.ledger.setHorizontalHeaderLabels([
            self.tr("Date"), self.tr("Name"), self.tr("Kind"), self.tr("Points"),
            self.tr("Reason"), self.tr("By")])
        self.ranking.setHorizontalHeaderLabels([self.tr("Rank"), self.tr("Name"),
                                                self.tr("Points"), self.tr("Level")])
        self.month.setItemText(0, self.tr("Whole year"))
        self.scope.setItemText(0, self.tr("Persons"))
        self.scope.setItemText(1, self.tr("Households"))
        self.counter.retranslate()
        if self.loaded:
            self._fill()

    def state_name(self, state: str) -> str:
        return {"entered": self.tr("awaiting approval"), "approved": self.tr("approved"),
                "published": self.tr("on public display"), "posted": self.tr("posted"),
                "earn": self.tr("earned"), "redeem": self.tr("redeemed"),
                "reversal": self.tr("reversal")}.get(state, state)

    # -- loading ----------------------------------------------------------------------
    def activated(self) -> None:
        self.refresh()

    def _period(self) -> str:
        m = self.month.currentData()
        return f"{self.year.value()}" + (f"-{m:02d}" if m else "")

    def refresh(self, on_loaded=None) -> None:
        from cunwu.services import points, points_ledger, points_rules, points_settings, points_shop

        store, period = self.ctx.store, self._period()
        household = self.scope.currentData() == "household"

        def work(_progress):
            return {"activities": points.activities(store), "rules": points_rules.rules(store),
                    "ledger": points_ledger.ledger(store, limit=LEDGER_ROWS),
                    "goods": points_shop.goods_list(store), "settings": points_settings.settings(store),
                    "ranking": points_ledger.ranking(store, period, household=household)}

        self.run_task(work, title=self.tr("Loading…"), on_success=on_loaded or self._loaded)

    def _loaded(self, data: dict) -> None:
        first = not self.loaded
        self.data = data
        self.loaded = True
        self._fill()
        if first and data["settings"].scope == "household":
            self.scope.setCurrentIndex(1)  # rankings open on what the village scores
            self.show_ranking()

    def _fill(self) -> None:
        d = self.data
        acts = d.get("activities", [])
        fill(self.activities, [[a["held_on"], a["title"], a["rule_name"], a["participants"],
                                 a["points"], self.state_name(a["state"]) + (
                                     self.tr(" ({n} held)").format(n=a["held"]) if a["held"] else ""),
                                 a["publicity_ends"] or ""] for a in acts], [a["uuid"] for a in acts])
        waiting = [a for a in acts if a["state"] == "entered"]
        self.approval.set_waiting(waiting)
        self.tabs.setTabText(1, self.tr("Approval queue ({n})").format(n=len(waiting))
                             if waiting else self.tr("Approval queue"))
        rules = d.get("rules", [])
        fill(self.rules, [[r.code, r.version, r.name, f"{r.points:+d}", r.unit,
                            r.effective_from.isoformat(),
                            r.effective_to.isoformat() if r.effective_to else "",
                            r.approved_by_meeting or ""] for r in rules], [r.uuid for r in rules])
        entries = d.get("ledger", [])
        fill(self.ledger, [[e["dated"], e["name"], self.state_name(e["kind"]), f"{e['points']:+d}",
                             e["reason"] + (self.tr(" (reversed)") if e["reversed_by"] else ""),
                             e["entered_by"]] for e in entries], [e["uuid"] for e in entries])
        settings = d.get("settings")
        self.counter.set_shelf(d.get("goods", []), settings is not None and settings.scope == "household")
        self._fill_ranking(d.get("ranking", []))
        self._update_buttons()

    def _fill_ranking(self, rows: list[dict]) -> None:
        def name(r):
            return f"{r.get('number', '')} {r['name']}".strip()
        fill(self.ranking, [[r["rank"], name(r), r["earned"], r["level"]] for r in rows])
        self.chart.set_bars([(name(r), r["earned"]) for r in rows[:CHART_BARS]])

    def _update_buttons(self) -> None:
        writer = self.ctx.actor.may("write")
        act = self._activity()
        state = act["state"] if act else None
        enabled = {"new_activity": writer, "publish": writer and state == "approved",
                   "post": writer and state == "published", "print_list": act is not None,
                   "participants": act is not None, "settings": writer,
                   "new_rule": writer, "reverse": writer and selected_key(self.ledger) is not None,
                   "show_ranking": True, "balances": True,
                   "retire_rule": writer and selected_key(self.rules) is not None}
        for key, on in enabled.items():
            self.buttons[key].setEnabled(bool(on))
        self.counter.update_buttons()
        self.approval.update_buttons()

    def _activity(self) -> dict | None:
        key = selected_key(self.activities)
        return next((a for a in self.data.get("activities", []) if a["uuid"] == key), None)

    def select_activity(self, uuid: str) -> None:
        select_key(self.activities, uuid)

    def open_target(self, target: str) -> None:
        """A home item's activity: show it (in the approval queue when it waits there)."""
        uuid = target.rpartition(":")[2]

        def loaded(data):
            self._loaded(data)
            self.select_activity(uuid)
            if select_key(self.queue, uuid):
                self.tabs.setCurrentIndex(1)

        self.refresh(on_loaded=loaded)

    # -- acting -------------------------------------------------------------------------
    def _act(self, work, after=None) -> None:
        """Run the service call `work()`, then `after(result)`, then reload the page."""
        def ok(result):
            if after:
                after(result)
            self.refresh()

        self.run_task(lambda _p: work(), title=self.tr("Saving…"), on_success=ok)

    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.setModal(True)
        dialog.saved.connect(lambda _r: self.refresh())
        dialog.show()

    def new_activity(self) -> None:
        from cunwu.ui.points.activity_dialog import ActivityDialog

        latest = {}
        for r in self.data.get("rules", []):
            latest[r.code] = r
        self._open(ActivityDialog(self.ctx, list(latest.values()), parent=self))

    def participants(self) -> None:
        from cunwu.ui.points.participants_dialog import ParticipantsDialog

        act = self._activity()
        if act:
            self.dialog = ParticipantsDialog(self.ctx, act["uuid"], parent=self)
            self.dialog.changed.connect(self.refresh)
            self.dialog.setModal(True)
            self.dialog.show()

    def settings(self) -> None:
        from cunwu.ui.points.settings_dialog import SettingsDialog

        if "settings" in self.data:
            self._open(SettingsDialog(self.ctx, self.data["settings"], parent=self))

    def new_rule(self) -> None:
        from cunwu.ui.points.rule_dialog import RuleDialog

        self._open(RuleDialog(self.ctx, parent=self))

    def new_goods(self) -> None:
        from cunwu.ui.points.goods_dialog import GoodsDialog

        self._open(GoodsDialog(self.ctx, parent=self))

    def publish(self) -> None:
        from cunwu.services.points import publish

        act = self._activity()
        if act:
            store, actor = self.ctx.store, self.ctx.actor
            self._act(lambda: publish(store, actor, act["uuid"]),
                      after=lambda _r: self.print_list(act["uuid"]))

    def post(self) -> None:
        from cunwu.services.points import post

        act = self._activity()
        if act:
            store, actor = self.ctx.store, self.ctx.actor
            self._act(lambda: post(store, actor, act["uuid"]))

    def print_list(self, uuid: str | None = None) -> None:
        from cunwu.services.points_print import publicity_list

        uuid = uuid if isinstance(uuid, str) else (self._activity() or {}).get("uuid")
        if not uuid:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the 公示 list as PDF"),
                                              file_name(self.tr("Points 公示 list"), "pdf"), self.tr("PDF (*.pdf)"))
        if path:
            store = self.ctx.store
            self._act(lambda: publicity_list(store, uuid, path))

    def reverse(self) -> None:
        from cunwu.services.points_ledger import reverse

        uuid = selected_key(self.ledger)
        if not uuid:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Reverse entry"),
                                          self.tr("Why is this entry reversed?"))
        if ok:
            store, actor = self.ctx.store, self.ctx.actor
            self._act(lambda: reverse(store, actor, uuid, reason))

    # -- rankings -------------------------------------------------------------------
    def show_ranking(self) -> None:
        from cunwu.services.points_ledger import ranking

        store, period = self.ctx.store, self._period()
        household = self.scope.currentData() == "household"
        self.run_task(lambda _p: ranking(store, period, household=household),
                      title=self.tr("Loading…"), on_success=self._fill_ranking)

"""What the points page does besides its tabs' main work, as the command line does it:
retiring a rule (`points rules retire`), taking in new stock (`points goods restock`) and
everyone's balance (`points balances`)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QInputDialog, QVBoxLayout,
                               QWidget)

from cunwu import clock
from cunwu.ui.errors import show_error
from cunwu.ui.widgets import fill, label, row, selected_key, table


translate = QCoreApplication.translate  # named so that pyside6-lupdate finds the strings


def retire_rule(page, last_day: str | None = None) -> None:
    """The selected rule stops applying after a day the clerk gives (today by default)."""
    from cunwu.services.points_rules import retire_rule as retire

    uuid = selected_key(page.rules)
    rule = next((r for r in page.data.get("rules", []) if r.uuid == uuid), None)
    if rule is None:
        return
    if last_day is None:
        prompt = translate("PointsUpkeep", "Rule {code} ({name}) applies until this day, "
                           "written as 2026-12-31:").replace("{code}", rule.code).replace(
                               "{name}", rule.name)
        last_day, ok = QInputDialog.getText(page, translate("PointsUpkeep", "Retire a rule"),
                                            prompt, text=clock.today().isoformat())
        if not ok:
            return
    store, actor, code = page.ctx.store, page.ctx.actor, rule.code
    page._act(lambda: retire(store, actor, code, last_day))


def restock(page, quantity: int | None = None) -> None:
    """New stock for the goods selected at the counter."""
    from cunwu.services.points_shop import update_goods

    name = selected_key(page.counter.goods)
    if not name:
        return
    if quantity is None:
        prompt = translate("PointsUpkeep", "How many {goods} came in?").replace("{goods}", name)
        quantity, ok = QInputDialog.getInt(page, translate("PointsUpkeep", "New stock"), prompt,
                                           1, 1, 1_000_000)
        if not ok:
            return
    store, actor = page.ctx.store, page.ctx.actor
    page._act(lambda: update_goods(store, actor, name, add_stock=quantity))


class BalancesDialog(QDialog):
    """Every person's (or household's) balance, largest first."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task = None
        self.rows: list[dict] = []
        self.setObjectName("pointsBalances")
        self.setWindowTitle(self.tr("Points balances"))
        self.scope = QComboBox()
        self.scope.addItem(self.tr("Per person"), False)
        self.scope.addItem(self.tr("Per household"), True)
        self.scope.currentIndexChanged.connect(lambda _i: self.load())
        self.table = table([self.tr("Name"), self.tr("Household"), self.tr("Balance")], fit=True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row(label("", self.tr("Show")), self.scope))
        layout.addWidget(self.table, 1)
        layout.addWidget(close)
        self.resize(560, 480)
        self.load()

    def load(self) -> None:
        from cunwu.services.points_ledger import balances

        if self.task is not None:
            return
        store, household = self.ctx.store, bool(self.scope.currentData())
        self.task = self.ctx.tasks.run(lambda _p: balances(store, household=household),
                                       parent=self, title=self.windowTitle(), show_progress=False,
                                       on_success=self._loaded,
                                       on_failure=lambda e: show_error(self, e),
                                       on_done=self._done)

    def _loaded(self, rows: list[dict]) -> None:
        self.rows = rows
        fill(self.table, [[r.get("name", ""), r.get("number", ""), r["balance"]] for r in rows])

    def _done(self) -> None:
        self.task = None


def open_balances(page) -> BalancesDialog:
    dialog = BalancesDialog(page.ctx, page)
    dialog.open()
    page.dialog = dialog
    return dialog

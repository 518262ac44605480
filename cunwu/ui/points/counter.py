"""The points supermarket counter (积分超市): find a person by name, pinyin or ID number, see
the balance, put goods in a basket, redeem after one question, and save or print the receipt,
which is kept with the redemption and can be printed again."""

from __future__ import annotations

from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLineEdit, QListWidget, QPushButton,
                               QSpinBox, QVBoxLayout, QWidget)

from cunwu.ui import dialogs
from cunwu.ui.errors import show_error
from cunwu.ui.flow import flow
from cunwu.ui.sizing import text_height
from cunwu.ui.widgets import file_name, fill, label, row, selected_key, table


class Counter(QWidget):
    """One tab of the points page; `changed` is called after a redemption so the page reloads
    goods, ledger and balances."""

    def __init__(self, ctx, buttons: dict[str, QPushButton], changed, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.buttons, self.changed = ctx, buttons, changed
        self.found: list[dict] = []
        self.person: dict | None = None
        self.basket: list[tuple[str, int]] = []
        self.goods_list: list = []
        self.household = False
        self.last_receipt = None
        for key in ("find", "redeem", "reprint", "clear_basket", "add_to_basket", "new_goods",
                    "restock"):
            b = QPushButton()
            b.setObjectName(f"points_{key}")
            buttons[key] = b
        self.search = QLineEdit()
        self.search.setObjectName("points_search")
        self.people = QListWidget()
        self.people.setMaximumHeight(text_height(self.people, 6))
        self.balance = label("subtitle")
        self.goods = table(3)
        self.quantity = QSpinBox()
        self.quantity.setRange(1, 1000)
        self.basket_list = QListWidget()
        self.basket_list.setMaximumHeight(text_height(self.basket_list, 5))
        self.basket_total = label("subtitle")
        self.receipt_note = label("hint", wrap=True)  # the last redemption and its receipt
        self.receipt_note.setObjectName("points_receipt_note")
        left = QVBoxLayout()
        left.addLayout(row(self.search, buttons["find"]))
        left.addWidget(self.people)
        left.addWidget(self.balance)
        left.addWidget(self.basket_list)
        left.addWidget(self.basket_total)
        left.addLayout(flow(buttons["redeem"], buttons["clear_basket"]))
        left.addWidget(self.receipt_note)
        left.addLayout(row(buttons["reprint"]))
        left.addStretch(1)
        right = QVBoxLayout()
        right.addLayout(flow(self.quantity, buttons["add_to_basket"], buttons["new_goods"],
                             buttons["restock"]))
        right.addWidget(self.goods, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        buttons["find"].clicked.connect(self.find)
        buttons["add_to_basket"].clicked.connect(self.add_to_basket)
        buttons["clear_basket"].clicked.connect(self.clear_basket)
        buttons["redeem"].clicked.connect(self.redeem)
        buttons["reprint"].clicked.connect(self.save_receipt)
        self.search.returnPressed.connect(self.find)
        self.people.currentRowChanged.connect(self._person_chosen)
        self.goods.itemSelectionChanged.connect(self.update_buttons)

    def retranslate(self) -> None:
        for key, text in (("find", self.tr("Find")), ("add_to_basket", self.tr("Add to basket")),
                          ("clear_basket", self.tr("Empty basket")),
                          ("redeem", self.tr("Redeem and print receipt")),
                          ("reprint", self.tr("Print the receipt again…")),
                          ("new_goods", self.tr("New goods…")),
                          ("restock", self.tr("New stock…"))):
            self.buttons[key].setText(text)
        self.goods.setHorizontalHeaderLabels([self.tr("Goods"), self.tr("Price"), self.tr("Stock")])
        self.search.setPlaceholderText(self.tr("Name, pinyin or ID number"))
        self._show_person()
        self._show_basket()

    def set_shelf(self, goods: list, household: bool) -> None:
        """The goods on the shelf and whether the village scores households."""
        self.goods_list, self.household = goods, household
        fill(self.goods, [[g.name, g.price, g.stock] for g in goods], [g.name for g in goods])
        self._show_person()
        self._show_basket()
        self.update_buttons()

    def update_buttons(self) -> None:
        writer = self.ctx.actor.may("write")
        enabled = {"find": True, "new_goods": writer, "clear_basket": bool(self.basket),
                   "add_to_basket": writer and selected_key(self.goods) is not None
                   and self.person is not None,
                   "redeem": writer and bool(self.basket) and self.person is not None,
                   "reprint": self.last_receipt is not None,
                   "restock": writer and selected_key(self.goods) is not None}
        for key, on in enabled.items():
            self.buttons[key].setEnabled(bool(on))

    def find(self) -> None:
        from cunwu.services.points import find_people

        store, query = self.ctx.store, self.search.text()
        self.ctx.tasks.run(lambda _p: find_people(store, query), parent=self,
                           title=self.tr("Finding…"), show_progress=False,
                           on_success=self._found)

    def _found(self, rows: list[dict]) -> None:
        self.found = rows
        self.people.clear()
        for r in rows:
            self.people.addItem(f"{r['name']}  {r['group']}  {r['household_number']}  {r['status']}")
        if rows:
            self.people.setCurrentRow(0)
        else:
            self._person_chosen(-1)

    def _person_chosen(self, index: int) -> None:
        self.person = self.found[index] if 0 <= index < len(self.found) else None
        self.basket = []
        self._show_person()
        self._show_basket()
        self.update_buttons()

    def _show_person(self) -> None:
        if self.person is None:
            self.balance.setText(self.tr("Find a person to see the balance."))
            return
        text = (self.tr("{name}: household balance {n} points") if self.household
                else self.tr("{name}: balance {n} points"))
        self.balance.setText(text.format(name=self.person["name"], n=self.person["balance"]))

    def add_to_basket(self) -> None:
        name = selected_key(self.goods)
        if name:
            self.basket.append((name, self.quantity.value()))
            self._show_basket()
            self.update_buttons()

    def clear_basket(self) -> None:
        self.basket = []
        self._show_basket()
        self.update_buttons()

    def _show_basket(self) -> None:
        prices = {g.name: g.price for g in self.goods_list}
        self.basket_list.clear()
        total = 0
        for name, qty in self.basket:
            total += prices.get(name, 0) * qty
            self.basket_list.addItem(f"{name} × {qty}  = {prices.get(name, 0) * qty}")
        self.basket_total.setText(self.tr("Total: {n} points").format(n=total) if self.basket else "")

    def redeem(self) -> None:
        from cunwu.services.points_shop import redeem

        if self.person is None or not self.basket:
            return
        prices = {g.name: g.price for g in self.goods_list}
        total = sum(prices.get(name, 0) * qty for name, qty in self.basket)
        goods = "、".join(f"{name} × {qty}" for name, qty in self.basket)
        question = self.tr("Redeem {goods} for {name}? {n} points will be deducted and the "
                           "goods taken from stock.").format(goods=goods, name=self.person["name"],
                                                             n=total)
        if not dialogs.ask(self, question, self.tr("Redeem")):
            return
        store, actor = self.ctx.store, self.ctx.actor
        person, lines = self.person["uuid"], list(self.basket)
        self.ctx.tasks.run(lambda _p: redeem(store, actor, person, lines), parent=self,
                           title=self.tr("Redeeming…"), show_progress=False,
                           on_success=self._redeemed, on_failure=lambda e: show_error(self, e))

    def _redeemed(self, redemption) -> None:
        """The points and the stock are gone and the receipt is kept with the redemption:
        saving or printing it can fail or be cancelled and be done again."""
        self.last_receipt = redemption
        self.basket = []
        self.person = dict(self.person, balance=redemption.balance_after)
        self._show_person()
        self._show_basket()
        self._note_receipt(saved=False)
        self.update_buttons()
        self.changed()
        self.save_receipt()

    def save_receipt(self) -> None:
        from cunwu.services.points_print import receipt

        redemption = self.last_receipt
        if redemption is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the receipt as PDF"), file_name(self.tr("Points receipt {number}").replace(
                "{number}", str(redemption.number)), "pdf"),
            self.tr("PDF (*.pdf)"))
        if not path:
            return
        store = self.ctx.store
        self.ctx.tasks.run(lambda _p: receipt(store, redemption.uuid, path), parent=self,
                           title=self.tr("Saving…"), show_progress=False,
                           on_success=lambda _r: self._note_receipt(saved=True),
                           on_failure=lambda e: show_error(self, e))

    def _note_receipt(self, *, saved: bool) -> None:
        number = self.last_receipt.number
        self.receipt_note.setText(
            self.tr("Redemption {number} is done; its receipt was saved.").format(number=number)
            if saved else
            self.tr("Redemption {number} is done. Its receipt is kept: print it with the button "
                    "below.").format(number=number))

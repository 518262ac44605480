"""New goods for the points supermarket (积分超市): name, price in points, stock."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from cunwu.ui.dialogs import SavingDialog


class GoodsDialog(SavingDialog):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("pointsGoodsDialog")
        self.setWindowTitle(self.tr("New goods"))
        self.name = QLineEdit()
        self.price = QSpinBox()
        self.price.setRange(1, 100_000)
        self.stock = QSpinBox()
        self.stock.setRange(0, 1_000_000)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Price (points)"), self.price)
        form.addRow(self.tr("Stock"), self.stock)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def values(self) -> dict:
        return {"name": self.name.text(), "price": self.price.value(), "stock": self.stock.value()}

    def work(self, values: dict):
        from cunwu.services.points_shop import add_goods

        return add_goods(self.ctx.store, self.ctx.actor, **values)

"""The points page (积分): rules, ledger and redemption.
A placeholder until that subject is built; its own page replaces this file.
"""

from __future__ import annotations

from cunwu.ui.pages.base import LaterPage


class PointsPage(LaterPage):
    key = "points"

    def title(self) -> str:
        return self.tr("Points")

    def blurb(self) -> str:
        return self.tr(
            "The points system (积分制): rules, activities, approval and 公示, each household's "
            "balance and redemption of goods.")

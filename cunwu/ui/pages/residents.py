"""The residents page (居民): the register of households and people.
A placeholder until that subject is built; its own page replaces this file.
"""

from __future__ import annotations

from cunwu.ui.pages.base import LaterPage


class ResidentsPage(LaterPage):
    key = "residents"

    def title(self) -> str:
        return self.tr("Residents")

    def blurb(self) -> str:
        return self.tr(
            "The residents register: households and the people in them, special groups (低保, "
            "五保, disabled, elderly living alone) and their follow-up visits, with roster "
            "import and export.")

"""The disclosures page (公开): notices and their schedule.
A placeholder until that subject is built; its own page replaces this file.
"""

from __future__ import annotations

from cunwu.ui.pages.base import LaterPage


class DisclosuresPage(LaterPage):
    key = "disclosures"

    def title(self) -> str:
        return self.tr("Disclosures")

    def blurb(self) -> str:
        return self.tr(
            "Public disclosures (党务、村务、财务公开): notices built and printed from the records, the"
            " posting schedule and what is due.")

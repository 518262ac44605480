"""The sync page (同步): exchange with the district.
A placeholder until that subject is built; its own page replaces this file.
"""

from __future__ import annotations

from cunwu.ui.pages.base import LaterPage


class SyncPage(LaterPage):
    key = "sync"

    def title(self) -> str:
        return self.tr("Sync")

    def blurb(self) -> str:
        return self.tr(
            "Sending records to the district: enrolment, bundles on a USB stick or over the "
            "network, and receipts showing what the district has received.")

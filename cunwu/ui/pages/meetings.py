"""The meetings page (议事): meetings, votes and the 四议两公开 steps.
A placeholder until that subject is built; its own page replaces this file.
"""

from __future__ import annotations

from cunwu.ui.pages.base import LaterPage


class MeetingsPage(LaterPage):
    key = "meetings"

    def title(self) -> str:
        return self.tr("Meetings")

    def blurb(self) -> str:
        return self.tr(
            "Meetings and decisions (四议两公开): sign-in, quorum, votes, resolutions and minutes,"
            " printed ready for signing.")

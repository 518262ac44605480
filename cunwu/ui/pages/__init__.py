"""The main window's pages, in navigation order: one module per page, "module:Class".

A subject replaces its own page module; the order here is the order clerks see.
"""

PAGES: tuple[str, ...] = (
    "cunwu.ui.pages.home:HomePage",
    "cunwu.ui.pages.residents:ResidentsPage",
    "cunwu.ui.pages.meetings:MeetingsPage",
    "cunwu.ui.pages.disclosures:DisclosuresPage",
    "cunwu.ui.pages.points:PointsPage",
    "cunwu.ui.pages.sync:SyncPage",
    "cunwu.ui.pages.settings:SettingsPage",
    "cunwu.ui.pages.about:AboutPage",
)

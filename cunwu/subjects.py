"""Every subject of cunwu and where its parts live, as dotted names: the store's table modules,
the command module, the window page, the home page's providers and the demo's part.

The store, the command line, the window, the home page and the demo read their lists here
(tests/test_subjects.py checks that every part exists). Only names are kept, so nothing is
imported until a part is used and `cunwu --help` stays fast.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Subject:
    name: str                 # also the page's key and the first part of a home item's target
    models: tuple[str, ...] = ()  # modules whose tables the store holds
    command: str = ""         # a module with register(sub, common): `cunwu <command> …`
    page: str = ""            # "module:Class", a Page of the main window
    home: tuple[str, ...] = ()    # "module:function(store, actor, today)" → home page items
    demo: str = ""            # "module:function(store, actor, rng)" → its part of the demo village
    records: bool = False     # a subject the village keeps records of: it must have every part


# In the order clerks see them: the window's pages and the commands in `cunwu --help`.
SUBJECTS: tuple[Subject, ...] = (
    Subject("home", page="cunwu.ui.pages.home:HomePage"),
    Subject("setup", models=("cunwu.store.tables",), command="cunwu.cli.setup"),
    Subject("users", models=("cunwu.domain.accounts",), command="cunwu.cli.users"),
    Subject("audit", command="cunwu.cli.audit"),
    Subject("residents", records=True,
            models=("cunwu.domain.households", "cunwu.domain.residents",
                    "cunwu.domain.monitoring", "cunwu.domain.rosters"),
            command="cunwu.cli.residents", page="cunwu.ui.pages.residents:ResidentsPage",
            home=("cunwu.services.alerts:home_items",),
            demo="cunwu.services.residents_demo:populate_demo"),
    Subject("meetings", records=True,
            models=("cunwu.domain.meetings", "cunwu.domain.decisions"),
            command="cunwu.cli.meetings", page="cunwu.ui.pages.meetings:MeetingsPage",
            home=("cunwu.services.concerns:home_open_concerns",
                  "cunwu.services.matters:home_supervision"),
            demo="cunwu.services.meetings_demo:populate"),
    Subject("disclosures", records=True,
            models=("cunwu.domain.disclosures",),
            command="cunwu.cli.disclosures", page="cunwu.ui.pages.disclosures:DisclosuresPage",
            home=("cunwu.services.disclosure_schedule:home_items",),
            demo="cunwu.services.disclosures_demo:populate_demo"),
    Subject("points", records=True,
            models=("cunwu.domain.points",),
            command="cunwu.cli.points", page="cunwu.ui.pages.points:PointsPage",
            home=("cunwu.services.points:home_items",),
            demo="cunwu.services.points_demo:populate_demo"),
    Subject("cases", records=True,
            models=("cunwu.domain.cases",),
            command="cunwu.cli.cases", page="cunwu.ui.pages.cases:CasesPage",
            home=("cunwu.services.cases_queries:home_items",),
            demo="cunwu.services.cases_demo:populate_demo"),
    Subject("sync", models=("cunwu.sync.tables", "cunwu.domain.policy"), command="cunwu.cli.sync",
            page="cunwu.ui.pages.sync:SyncPage",
            home=("cunwu.services.district_bundles:home_items",)),
    Subject("district", command="cunwu.cli.district"),
    Subject("settings", page="cunwu.ui.pages.settings:SettingsPage"),
    Subject("about", page="cunwu.ui.pages.about:AboutPage"),
)

# The demo fills the subjects in this order: people first, disclosures last (they publish
# the decisions of the meetings' matters). The order also fixes the shared random stream,
# so the demo village stays the same from one version to the next.
DEMO_ORDER = ("residents", "points", "meetings", "disclosures", "cases")

RECORD_PARTS = ("models", "command", "page", "home", "demo")


def subject(name: str) -> Subject:
    for s in SUBJECTS:
        if s.name == name:
            return s
    raise KeyError(name)


def model_modules() -> tuple[str, ...]:
    return tuple(m for s in SUBJECTS for m in s.models)


def command_modules() -> tuple[str, ...]:
    return tuple(s.command for s in SUBJECTS if s.command)


def pages() -> tuple[str, ...]:
    return tuple(s.page for s in SUBJECTS if s.page)


def home_providers() -> list[str]:
    return [p for s in SUBJECTS for p in s.home]


def demo_populators() -> tuple[str, ...]:
    return tuple(subject(name).demo for name in DEMO_ORDER)


def load(spec: str):
    """The object a "module:name" names (or the module itself). A name that does not
    resolve is a mistake in the registry: it raises, it is never skipped."""
    module, _, name = spec.partition(":")
    found = importlib.import_module(module)
    if not name:
        return found
    try:
        return getattr(found, name)
    except AttributeError:
        raise ImportError(f"{spec}: {module} has no {name}") from None

"""What the home page (首页) lists: alerts and what falls due, gathered from each subject.

A subject names its "module:function" providers in cunwu/subjects.py; a provider takes
(store, actor, today) and returns a list of items {"kind", "title", "due", "target"}, and a
"category" naming what sort of thing it is (走访, 低保复核, 督办 …) where the subject knows one.
"""

from __future__ import annotations

import datetime as dt
import logging

from cunwu import clock
from cunwu.domain.accounts import Actor
from cunwu.store import Store
from cunwu.subjects import home_providers, load

log = logging.getLogger(__name__)

# "module:function" so that importing this module stays cheap.
PROVIDERS: list[str] = home_providers()

# kind: "alert" (needs attention now) or "due" (a deadline); the window labels the known ones.
# title: already in the user's language; due: a date or None; target: "subject" or
# "subject:uuid", which the window uses to open the right page; category: a word or two in the
# user's language, empty when the provider gives none (the window then names the subject);
# first: listed before the rest (my open and overdue cases), earliest due first among them;
# key: an alert's stable key (services/alerts), by which it becomes a case or is dismissed.
ITEM_KEYS = ("kind", "category", "title", "due", "target", "first", "key")


def home_items(store: Store, actor: Actor, today: dt.date | None = None) -> list[dict]:
    """Every provider's items: those marked first (my open and overdue cases), then the rest,
    each part the earliest due first and undated ones last.

    One provider failing must not blank the whole home page: its failure is logged and
    the others are still shown. A provider that does not exist (a mistyped name) is a
    mistake in the program, not a bad day: it raises, so no subject silently drops out.
    """
    today = today or clock.today()
    items: list[dict] = []
    providers = [(spec, load(spec)) for spec in PROVIDERS]  # a mistyped name raises here
    for spec, provider in providers:
        try:
            found = provider(store, actor, today)
        except Exception:
            log.exception("home provider %s failed", spec)
            continue
        for raw in found or ():
            items.append(_normalised(raw))
    items.sort(key=lambda i: (not i["first"], i["due"] is None, i["due"] or dt.date.max,
                              i["title"]))
    return items


def _normalised(raw: dict) -> dict:
    due = raw.get("due")
    if isinstance(due, dt.datetime):
        due = due.date()
    elif isinstance(due, str) and due:
        due = dt.date.fromisoformat(due[:10])
    elif not isinstance(due, dt.date):
        due = None
    return {"kind": str(raw.get("kind") or "alert"), "category": str(raw.get("category") or ""),
            "title": str(raw.get("title") or ""), "due": due, "target": str(raw.get("target") or ""),
            "first": bool(raw.get("first")), "key": str(raw.get("key") or "")}

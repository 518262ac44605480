"""What the home page (首页) lists: alerts and what falls due, gathered from each subject.

A subject adds a "module:function" to PROVIDERS; the function takes (store, actor, today)
and returns a list of items {"kind", "title", "due", "target"}.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging

from cunwu import clock
from cunwu.domain.accounts import Actor
from cunwu.store import Store

log = logging.getLogger(__name__)

# "module:function" so that importing this module stays cheap.
PROVIDERS: list[str] = ["cunwu.services.concerns:home_open_concerns",
                        "cunwu.services.matters:home_supervision",
                        "cunwu.services.disclosure_schedule:home_items",
                        "cunwu.services.points:home_items",
                        "cunwu.services.alerts:home_items"]

# kind: "alert" (needs attention now) or "due" (a deadline); the window labels the known ones.
# title: already in the user's language; due: a date or None; target: "subject" or
# "subject:uuid", which the window uses to open the right page.
ITEM_KEYS = ("kind", "title", "due", "target")


def home_items(store: Store, actor: Actor, today: dt.date | None = None) -> list[dict]:
    """Every provider's items, the earliest due first and undated ones last.

    One broken provider must not blank the whole home page: its failure is logged and
    the others are still shown.
    """
    today = today or clock.today()
    items: list[dict] = []
    for spec in PROVIDERS:
        module, func = spec.split(":")
        try:
            found = getattr(importlib.import_module(module), func)(store, actor, today)
        except Exception:
            log.exception("home provider %s failed", spec)
            continue
        for raw in found or ():
            items.append(_normalised(raw))
    items.sort(key=lambda i: (i["due"] is None, i["due"] or dt.date.max, i["title"]))
    return items


def _normalised(raw: dict) -> dict:
    due = raw.get("due")
    if isinstance(due, dt.datetime):
        due = due.date()
    elif isinstance(due, str) and due:
        due = dt.date.fromisoformat(due[:10])
    elif not isinstance(due, dt.date):
        due = None
    return {"kind": str(raw.get("kind") or "alert"), "title": str(raw.get("title") or ""),
            "due": due, "target": str(raw.get("target") or "")}

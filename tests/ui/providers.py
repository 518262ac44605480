"""Home providers for the tests: one with items of every shape, one that fails."""

from __future__ import annotations

import datetime as dt


def sample(store, actor, today):
    return [
        {"kind": "due", "title": "Post the Q3 finance notice", "due": "2026-11-30",
         "target": "disclosures"},
        {"kind": "alert", "title": "Undated reminder", "due": None, "target": ""},
        {"kind": "alert", "title": "Visit Zhang San (低保)", "due": dt.date(2026, 11, 18),
         "target": "residents:1234"},
    ]


def broken(store, actor, today):
    raise RuntimeError("a subject's bug")

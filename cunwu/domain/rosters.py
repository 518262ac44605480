"""Saved roster column mappings: which spreadsheet header feeds which person field.

Local to this PC (a clerk's working aid), so never sent to the district.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field

from cunwu.store.tables import LocalRecord


class RosterMapping(LocalRecord, table=True):
    """A named mapping {header text: field name}, saved by a clerk for the next import."""

    __tablename__ = "roster_mappings"
    name: str = Field(unique=True)
    mapping: str  # canonical JSON
    saved_at: dt.datetime

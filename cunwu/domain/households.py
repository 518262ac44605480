"""Households (户): 户号, address, 村民小组/网格 and 户主."""

from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlmodel import Field

from cunwu.store.tables import Record


class Household(Record, table=True):
    """户: the people registered under one 户号."""

    __tablename__ = "households"
    number: str = Field(index=True, unique=True)  # 户号
    address: str = ""
    group_name: str = ""  # 村民小组 / 网格
    head_uuid: Optional[str] = None  # 户主 (a person's uuid)
    notes: str = ""
    created_at: dt.datetime

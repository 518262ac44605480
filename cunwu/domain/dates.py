"""Dates as forms, files and commands give them (ISO text, a date or a datetime): one parser,
one error code (E_DATE)."""

from __future__ import annotations

import datetime as dt

from cunwu.errors import CunwuError


def parse_date(value, *, required: bool = False) -> dt.date | None:
    """The day `value` names; None for an empty value unless `required`."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        text = str(value if value is not None else "").strip()
    except (ValueError, RecursionError):  # an integer too long to write out, a list in a list…
        raise CunwuError("E_DATE", value=f"{type(value).__name__}") from None
    if not text and not required:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CunwuError("E_DATE", value=text) from None

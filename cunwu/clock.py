"""What day it is: the real date, or the one CUNWU_TODAY sets for tests and training."""

from __future__ import annotations

import datetime as dt
import os
from contextlib import contextmanager


def today() -> dt.date:
    forced = os.environ.get("CUNWU_TODAY")
    if forced:
        return dt.date.fromisoformat(forced)
    return dt.date.today()


def today_is_forced() -> bool:
    return bool(os.environ.get("CUNWU_TODAY"))


def now_utc() -> dt.datetime:
    """The real time of writing, kept beside any forced date."""
    return dt.datetime.now(dt.timezone.utc)


def stamp() -> str:
    return now_utc().isoformat(timespec="microseconds")


def local_minute(value: dt.datetime | str | None) -> str:
    """A stored time (UTC; a naive one counts as UTC) as this computer's local time to the
    minute, "2026-11-22 14:05", the way a clerk reads a clock; "" for none."""
    if not value:
        return ""
    when = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone().strftime("%Y-%m-%d %H:%M")



@contextmanager
def working_date(day: dt.date):
    """Act as if today were `day` (the demo replays a past year day by day)."""
    before = os.environ.get("CUNWU_TODAY")
    os.environ["CUNWU_TODAY"] = day.isoformat()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("CUNWU_TODAY", None)
        else:
            os.environ["CUNWU_TODAY"] = before

"""What day it is: the real date, or the one CUNWU_TODAY sets for tests and training."""

from __future__ import annotations

import datetime as dt
import os


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


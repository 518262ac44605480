"""Rate-limited error logging for the receiver: one line per cause per period, not one traceback
per hostile connection (a flood of slow clients once wrote 79 MB of log in 35 seconds).
"""

from __future__ import annotations

import logging
import threading
import time


class OncePerCause(logging.Filter):
    """Lets a record through when its cause (logger, message template, exception type) was not
    logged in the last `period` seconds; the next one that passes says how many were held back."""

    def __init__(self, period: float = 60.0, clock=time.monotonic) -> None:
        super().__init__()
        self.period = period
        self.clock = clock
        self._seen: dict[tuple, list] = {}  # cause -> [last time let through, held back since]
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        exc = record.exc_info[0].__name__ if record.exc_info and record.exc_info[0] else ""
        cause = (record.name, str(record.msg).split("\n", 1)[0][:200], exc)  # not the per-socket lines
        now = self.clock()
        with self._lock:
            seen = self._seen.get(cause)
            if seen is not None and now - seen[0] < self.period:
                seen[1] += 1
                return False
            held = seen[1] if seen else 0
            self._seen[cause] = [now, 0]
            if len(self._seen) > 1000:  # causes are few; a flood of distinct ones must not grow this
                self._seen = {cause: self._seen[cause]}
        if held:
            record.msg = f"{record.msg} ({held} more like this in the last {self.period:.0f} s)"
        return True

    @classmethod
    def install(cls, *loggers: str, period: float = 60.0) -> "OncePerCause":
        f = cls(period)
        for name in loggers:
            logging.getLogger(name).addFilter(f)
        return f

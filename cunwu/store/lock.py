"""One window per data folder: a lock file held while the window is open.

The operating system releases it when the process ends, so a crash never leaves the
folder locked. Command-line programs do not take it; restore checks it is free.
"""

from __future__ import annotations

from filelock import FileLock, Timeout

from cunwu.config import Paths
from cunwu.errors import CunwuError


class WindowLock:
    def __init__(self, paths: Paths) -> None:
        paths.data_dir.mkdir(parents=True, exist_ok=True)
        self._lock = FileLock(str(paths.window_lock), thread_local=False)

    def acquire(self) -> None:
        try:
            self._lock.acquire(timeout=0)
        except Timeout as e:
            raise CunwuError("E_WINDOW_ALREADY_OPEN") from e

    def release(self) -> None:
        self._lock.release(force=True)

    def __enter__(self) -> "WindowLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def window_is_open(paths: Paths) -> bool:
    lock = FileLock(str(paths.window_lock), thread_local=False)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return True
    lock.release(force=True)
    return False

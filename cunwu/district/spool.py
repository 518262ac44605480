"""The district's spool (`<district>/spool/`): the receiver streams each upload here before it
is imported and removes it afterwards; files left by a process that died are swept at start.
"""

from __future__ import annotations

import os
import time
import uuid as _uuid
from pathlib import Path


# A file whose owner cannot be asked (Windows) is stale after this long: far longer than the
# slowest upload the receiver allows plus the import of the largest bundle.
STALE_AFTER = 6 * 3600


def new_path(folder: Path) -> Path:
    """A fresh spool file name carrying this process's id, so a sweep can tell whose it is."""
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{os.getpid()}-{_uuid.uuid4().hex}.cwb"


def _owner_alive(path: Path) -> bool:
    pid = path.name.partition("-")[0]
    if os.name != "posix" or not pid.isdigit():
        return time.time() - path.stat().st_mtime < STALE_AFTER
    if int(pid) == os.getpid():
        return True
    try:
        os.kill(int(pid), 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return time.time() - path.stat().st_mtime < STALE_AFTER  # pid reused long after


def sweep(folder: Path) -> int:
    """Remove spool files whose process is gone (killed mid-import); the number removed."""
    removed = 0
    if not folder.is_dir():
        return 0
    for path in folder.iterdir():
        try:
            if path.is_file() and not _owner_alive(path):
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue  # its owner finished meanwhile
    return removed

"""Writing a file so that a crash, a full stick or a pulled stick never leaves a partial
file under the final name: temp name in the target folder, fsync, rename, fsync the folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from cunwu.config import fsync_dir, replace
from cunwu.errors import CunwuError
from cunwu.sync import faults

CHUNK = 1024 * 1024


def write_atomic(path: Path, data: bytes, progress=None) -> None:
    tmp = path.with_name(f".{path.name}.part")
    renamed = False
    try:
        faults.point("file.open")
        # O_BINARY: on Windows os.open is in text mode otherwise and would turn every \n
        # byte of the bundle into \r\n.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0),
                     0o644)
        try:
            view = memoryview(data)
            done = 0
            while done < len(view):
                faults.point("file.write")
                done += os.write(fd, view[done:done + CHUNK])
                if progress:
                    progress(done, len(view))
            faults.point("file.fsync")
            os.fsync(fd)
        finally:
            os.close(fd)
        faults.point("file.rename")
        replace(tmp, path)
        renamed = True
        faults.point("file.fsync_dir")
        fsync_dir(path.parent)
    except BaseException as e:
        # Not known to be durable: remove it, so no one takes a doubtful file for a good one.
        _discard(path if renamed else tmp)
        if isinstance(e, OSError):
            raise CunwuError("E_EXPORT_WRITE", path=str(path), detail=e.strerror or str(e)) from e
        raise


def _discard(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # the stick is gone; the temp name never looks like a bundle


def read_capped(path: Path, limit: int) -> bytes:
    """Read at most limit+1 bytes, so a huge file is refused without loading it."""
    try:
        with open(path, "rb") as f:
            return f.read(limit + 1)
    except OSError as e:
        raise CunwuError("E_FILE_READ", path=str(path), detail=e.strerror or str(e)) from e

"""Reading and writing whole files safely: a capped read, and an atomic write (temp name in the
target folder, fsync, rename, fsync the folder) that never leaves a partial file under the final
name after a crash, a full disk or a pulled USB stick; owner-only modes for private files. The one
copy every layer uses."""

from __future__ import annotations

import logging
import os
import tempfile
import time
from pathlib import Path

from cunwu import faults
from cunwu.errors import CunwuError

log = logging.getLogger(__name__)

CHUNK = 1024 * 1024


def write_atomic(path: Path, data: bytes, progress=None) -> None:
    """Write data to path, all or nothing; the file is the user's own (0600 on POSIX).
    A failure is E_EXPORT_WRITE naming the file, with nothing left under either name."""
    path = Path(path)
    tmp, renamed = None, False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        faults.point("file.open")
        # mkstemp opens in binary mode on Windows too (no \n -> \r\n) and owner-only on POSIX.
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        tmp = Path(name)
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
        if renamed or tmp is not None:
            _discard(path if renamed else tmp)
        if isinstance(e, OSError):
            raise CunwuError("E_EXPORT_WRITE", path=str(path), detail=e.strerror or str(e)) from e
        raise


def _discard(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # the stick is gone; the temp name never looks like the real file


def read_capped(path: Path, limit: int) -> bytes:
    """Read at most limit+1 bytes, so a huge file is refused without loading it."""
    try:
        with open(path, "rb") as f:
            return f.read(limit + 1)
    except OSError as e:
        raise CunwuError("E_FILE_READ", path=str(path), detail=e.strerror or str(e)) from e


def replace(src, dest) -> None:
    """os.replace. On Windows a virus scanner or the search indexer may hold either file open
    for a moment, and the rename then fails with PermissionError; it is tried again briefly."""
    if os.name == "nt":
        for pause in (0.05, 0.1, 0.2, 0.4, 0.8):
            try:
                os.replace(src, dest)
                return
            except PermissionError:
                time.sleep(pause)
    os.replace(src, dest)


def fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a folder to flush it; NTFS logs the rename
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def private(path: Path) -> Path:
    """Owner-only on POSIX: 0700 for a folder, 0600 for a file (the data folder, databases,
    backups, logs and keys hold every ID number). On Windows the user profile's ACL already
    keeps other users out, so nothing is changed there."""
    path = Path(path)
    if os.name != "nt" and path.exists():
        try:
            os.chmod(path, 0o700 if path.is_dir() else 0o600)
        except OSError as e:  # e.g. a file system without modes, or someone else's file
            log.warning("could not make %s private: %s", path, e.strerror or e)
    return path


def private_folder(path: Path) -> Path:
    """A folder made (with its parents) and kept owner-only."""
    Path(path).mkdir(parents=True, exist_ok=True)
    return private(path)

"""Removable drives where a bundle can be written, so the window can offer them first."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def removable_drives() -> list[Path]:
    try:
        if sys.platform == "win32":
            return _windows()
        if sys.platform == "darwin":
            return [p for p in Path("/Volumes").iterdir() if p.is_dir() and not p.is_symlink()]
        return _linux()
    except OSError:
        return []


def _windows() -> list[Path]:
    import ctypes
    import string

    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
    mask, out = kernel.GetLogicalDrives(), []
    for i, letter in enumerate(string.ascii_uppercase):
        if mask & (1 << i) and kernel.GetDriveTypeW(f"{letter}:\\") == 2:  # DRIVE_REMOVABLE
            out.append(Path(f"{letter}:\\"))
    return out


def _linux() -> list[Path]:
    out = []
    with open("/proc/mounts", encoding="utf-8") as f:
        for line in f:
            device, mount = line.split()[:2]
            mount = mount.replace("\\040", " ")
            if not device.startswith("/dev/") or not mount.startswith(("/media/", "/run/media/")):
                continue
            name = os.path.basename(device).rstrip("0123456789")
            flag = Path(f"/sys/block/{name}/removable")
            if (not flag.exists() or flag.read_text().strip() == "1") and os.access(mount, os.W_OK):
                out.append(Path(mount))
    return out

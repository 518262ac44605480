"""Reading PDFs back in tests: text (pdftotext) and fonts (pdffonts), as poppler sees them."""

from __future__ import annotations

import subprocess
from pathlib import Path


def text(path: Path, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext", "-layout"]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    return subprocess.run(args + [str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pages(path: Path) -> list[str]:
    return text(path).split("\f")[:-1]


def fonts(path: Path) -> list[dict]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    rows = []
    for line in out:
        parts = line.split()
        # name type... encoding emb sub uni id gen: the last five are fixed
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows

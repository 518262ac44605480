"""Named points in the export and import write paths where tests inject failures.

`point(name)` does nothing in normal use; a test sets `hook` to raise at the n-th point,
which proves every write can fail without leaving a partial result.
"""

from __future__ import annotations

from typing import Callable

hook: Callable[[str], None] | None = None


def point(name: str) -> None:
    if hook is not None:
        hook(name)

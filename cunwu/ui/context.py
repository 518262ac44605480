"""What every page is given: the store, who is logged in, the preferences and the task runner.

Passed explicitly to each page, rather than reached through a global.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:  # names for the annotations only: importing this loads nothing
    from cunwu.config import Paths
    from cunwu.domain.accounts import Actor
    from cunwu.store import Store
    from cunwu.ui.preferences import Preferences
    from cunwu.ui.tasks import TaskRunner


@dataclass
class WindowContext:
    store: Store
    actor: Actor
    paths: Paths
    prefs: Preferences
    tasks: TaskRunner
    village: dict  # village_summary(): code, name, district_code, uuid
    # replace_store(work): the store closed while work() runs (restore), then opened again
    replace_store: Callable[[Callable[[], Any]], Any] | None = None

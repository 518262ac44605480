"""The demo village (`cunwu demo`): a store with accounts, then each subject's demo data.

Subjects add themselves to POPULATORS: a function (store, actor, rng) that writes its part.
"""

from __future__ import annotations

import importlib
import random
from pathlib import Path

from cunwu.errors import CunwuError
from cunwu.services.accounts import add_user
from cunwu.services.village import admin_actor, init_village
from cunwu.store import Store

DEMO_VILLAGE = {"code": "330106001001", "name": "青山村", "district_code": "330106"}
DEMO_USERS = (("clerk", "clerk"), ("supervisor", "supervisor"))

# "module:function" so that importing this module stays cheap.
POPULATORS: tuple[str, ...] = ("cunwu.services.residents_demo:populate_demo",
                                "cunwu.services.points_demo:populate_demo",
                                "cunwu.services.meetings_demo:populate",
                                # last: it publishes the decisions of the meetings' matters
                                "cunwu.services.disclosures_demo:populate_demo")


def create_demo(data_dir: Path, password: str, *, seed: int = 20261122) -> Store:
    paths_db = Path(data_dir) / "cunwu.sqlite3"
    if paths_db.exists():
        raise CunwuError("E_DEMO_NOT_EMPTY", path=str(data_dir))
    store = init_village(Path(data_dir), admin="admin", password=password, **DEMO_VILLAGE)
    admin = admin_actor(store, "admin")
    for username, role in DEMO_USERS:
        add_user(store, admin, username, role, password)
    rng = random.Random(seed)
    for spec in POPULATORS:
        module, func = spec.split(":")
        getattr(importlib.import_module(module), func)(store, admin, rng)
    return store

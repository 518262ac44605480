"""The demo village (`cunwu demo`): a store with accounts, then each subject's demo data.

Each subject names its part in cunwu/subjects.py: a function (store, actor, rng) that
writes it; they run in subjects.DEMO_ORDER.
"""

from __future__ import annotations

import random
from pathlib import Path

from cunwu.errors import CunwuError
from cunwu.services.accounts import add_user
from cunwu.services.village import admin_actor, init_village
from cunwu.store import Store
from cunwu.subjects import demo_populators, load

DEMO_VILLAGE = {"code": "330106001001", "name": "青山村", "district_code": "330106"}
# (account, role, the person's name): the name, not the account, is printed where they sign.
DEMO_USERS = (("clerk", "clerk", "李会计"), ("supervisor", "supervisor", "王秀英"))

# "module:function" so that importing this module stays cheap.
POPULATORS: tuple[str, ...] = demo_populators()


def create_demo(data_dir: Path, password: str, *, seed: int = 20261122) -> Store:
    paths_db = Path(data_dir) / "cunwu.sqlite3"
    if paths_db.exists():
        raise CunwuError("E_DEMO_NOT_EMPTY", path=str(data_dir))
    store = init_village(Path(data_dir), admin="admin", password=password, **DEMO_VILLAGE)
    admin = admin_actor(store, "admin")
    for username, role, display_name in DEMO_USERS:
        add_user(store, admin, username, role, password, display_name)
    rng = random.Random(seed)
    for spec in POPULATORS:
        load(spec)(store, admin, rng)
    return store

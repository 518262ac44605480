"""Setting up an installation: the village, its store and its first admin (`cunwu init`)."""

from __future__ import annotations

import re
from pathlib import Path

from cunwu import clock
from cunwu.domain import limits
from cunwu.domain.accounts import SYSTEM, Actor
from cunwu.errors import CunwuError
from cunwu.services.accounts import new_user
from cunwu.store import Store
from cunwu.store.tables import Village

_VILLAGE = re.compile(r"^\d{12}$")
_DISTRICT = re.compile(r"^\d{6}$")


def check_village(code: str, name: str, district_code: str) -> None:
    if not _VILLAGE.match(code or ""):
        raise CunwuError("E_VILLAGE_CODE", value=code)
    if not _DISTRICT.match(district_code or "") or not code.startswith(district_code):
        raise CunwuError("E_DISTRICT_CODE", value=district_code)
    if not (name or "").strip():
        raise CunwuError("E_VILLAGE_NAME")


def init_village(data_dir: Path, *, code: str, name: str, district_code: str,
                 admin: str, password: str) -> Store:
    """Create the store with its village row and first admin, in one transaction."""
    code, name, district_code = limits.fields(code=code, name=name,
                                              district_code=district_code).values()
    check_village(code, name, district_code)
    user = new_user(admin, "admin", password)
    store = Store.create(data_dir)
    try:
        with store.write(SYSTEM, "village.init") as uow:
            village = uow.add(Village(code=code, name=name.strip(), district_code=district_code,
                                      created_at=clock.now_utc()))
            uow.add(user)
            uow.set_target("village", village.uuid)
            uow.detail = {"code": code, "admin": admin}
    except BaseException:
        store.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(store.paths.db) + suffix).unlink(missing_ok=True)
        raise
    return store


def village_summary(store: Store) -> dict:
    v = store.village()
    return {"code": v.code, "name": v.name, "district_code": v.district_code, "uuid": v.uuid}


def admin_actor(store: Store, username: str) -> Actor:
    from cunwu.domain.accounts import User
    from sqlmodel import select

    with store.read() as s:
        u = s.exec(select(User).where(User.username == username)).one()
    return Actor(username=u.username, role=u.role, uuid=u.uuid)

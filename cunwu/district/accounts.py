"""District accounts (区县账户): users, their roles and the one table of what each role may do;
logging in with the five-wrong-passwords lockout. Shared by the workbench and `cunwu district`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from cunwu import clock
from cunwu.district import audit
from cunwu.district.schema import users
from cunwu.district.store import District
from cunwu.domain import limits
from cunwu.domain.accounts import LOCKOUT, MAX_FAILED_LOGINS, new_password, valid_username
from cunwu.errors import CunwuError

ROLES = ("admin", "officer", "viewer")

# The one permission table: every check in the workbench and the CLI asks it.
#   read         overview, village pages, status, report, quarantine list, code checks
#   lookup       find a person (人员查询), cross-village checks; IDs masked
#   export       tables to xlsx
#   import       bundles from files, USB uploads, running the receiver
#   full_id      see full ID numbers
#   enrol        enrol villages
#   quarantine   release or reject a quarantined bundle
#   manage_users add, disable and reset accounts
#   cases        accept and act on escalated cases, dispatch new ones to a village
#   policy       set policy parameters (standards, ages, intervals) for the villages
_VIEWER = frozenset({"read"})
_OFFICER = _VIEWER | {"lookup", "export", "import", "cases"}
PERMISSIONS = {
    "viewer": _VIEWER,
    "officer": _OFFICER,
    "admin": _OFFICER | {"full_id", "enrol", "quarantine", "manage_users", "policy"},
}

_hasher = PasswordHasher()  # argon2id with argon2-cffi's defaults, as the village's accounts


@dataclass(frozen=True)
class DistrictUser:
    """Who is acting at the district."""

    name: str
    role: str

    def may(self, action: str) -> bool:
        return action in PERMISSIONS.get(self.role, ())

    def require(self, action: str) -> "DistrictUser":
        if not self.may(action):
            raise CunwuError("E_PERMISSION", user=self.name, role=self.role, action=action)
        return self


def _now() -> str:
    return clock.now_utc().isoformat(timespec="seconds")


def _row(conn, name: str):
    return conn.execute(sa.select(users).where(users.c.name == name)).mappings().first()


def has_users(d: District) -> bool:
    with d.reader.connect() as conn:
        return conn.execute(sa.select(users.c.name).limit(1)).first() is not None


def add_user(d: District, actor: DistrictUser | None, name: str, role: str,
             password: str) -> dict:
    """An admin adds an account. With no account yet, anyone at the district folder may add
    the first one, and it must be an admin (`district init --admin` or `district users add`)."""
    if not valid_username(name):
        raise CunwuError("E_USER_NAME", value=name)
    if role not in ROLES:
        raise CunwuError("E_DISTRICT_ROLE", value=role)
    hashed = _hasher.hash(new_password(password))  # slow on purpose: outside the write transaction
    with d.engine.begin() as conn:
        first = conn.execute(sa.select(users.c.name).limit(1)).first() is None
        if first and role != "admin":
            raise CunwuError("E_DISTRICT_FIRST_ADMIN")
        if not first:
            if actor is None:
                raise CunwuError("E_DISTRICT_LOGIN")
            actor.require("manage_users")
        if _row(conn, name) is not None:
            raise CunwuError("E_USER_EXISTS", name=name)
        conn.execute(users.insert(), {"name": name, "role": role, "password_hash": hashed,
                                      "failed_logins": 0, "locked_until": None,
                                      "disabled": False, "created_at": _now()})
        audit.append(conn, actor.name if actor else name, "users.add", name, {"role": role})
    return {"name": name, "role": role}


def list_users(d: District) -> list[dict]:
    with d.reader.connect() as conn:
        rows = conn.execute(sa.select(users.c.name, users.c.role, users.c.disabled,
                                      users.c.locked_until, users.c.created_at)
                            .order_by(users.c.name)).mappings().all()
    now = clock.now_utc()
    return [dict(r, locked=bool(r["locked_until"]) and dt.datetime.fromisoformat(r["locked_until"]) > now)
            for r in rows]


def set_password(d: District, actor: DistrictUser, name: str, password: str) -> None:
    """An admin sets anyone's password; everyone else only their own. Clears a lockout."""
    if actor.name != name:
        actor.require("manage_users")
    hashed = _hasher.hash(new_password(password))
    with d.engine.begin() as conn:
        if _row(conn, name) is None:
            raise CunwuError("E_DISTRICT_USER_UNKNOWN", name=name)
        conn.execute(users.update().where(users.c.name == name).values(
            password_hash=hashed, failed_logins=0, locked_until=None))
        audit.append(conn, actor.name, "users.passwd", name, {})


def set_disabled(d: District, actor: DistrictUser, name: str, disabled: bool = True) -> None:
    """Disable (or enable again) an account; an admin cannot disable themselves."""
    actor.require("manage_users")
    if disabled and actor.name == name:
        raise CunwuError("E_DISTRICT_SELF_DISABLE")
    with d.engine.begin() as conn:
        if _row(conn, name) is None:
            raise CunwuError("E_DISTRICT_USER_UNKNOWN", name=name)
        conn.execute(users.update().where(users.c.name == name).values(
            disabled=disabled, failed_logins=0, locked_until=None))
        audit.append(conn, actor.name, "users.disable" if disabled else "users.enable", name, {})


def current(d: District, name: str) -> DistrictUser | None:
    """The account as it stands now (role changes and disabling take effect at once)."""
    with d.reader.connect() as conn:
        row = _row(conn, name)
    if row is None or row["disabled"]:
        return None
    return DistrictUser(row["name"], row["role"])


def login(d: District, name: str, password: str, where: str = "cli") -> DistrictUser:
    """Check a password; wrong ones are counted and the fifth locks the account for a while.
    Every attempt is a district audit entry (where: "cli" or the browser's address)."""
    name = (name or "")[:32]
    with d.reader.connect() as conn:
        row = _row(conn, name)
    now = clock.now_utc()
    if row is None:
        _note(d, name, "login.failed", {"where": where, "reason": "unknown user"})
        raise CunwuError("E_AUTH_FAILED")
    locked = row["locked_until"] and dt.datetime.fromisoformat(row["locked_until"]) > now
    if locked:
        _note(d, name, "login.refused_locked", {"where": where})
        raise CunwuError("E_AUTH_LOCKED", until=_local(row["locked_until"]))
    try:
        ok = _hasher.verify(row["password_hash"], limits.password(password, max_len=limits.BODY))
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok:
        _count_failure(d, name, now, where)
        raise CunwuError("E_AUTH_FAILED")
    if row["disabled"]:
        _note(d, name, "login.refused_disabled", {"where": where})
        raise CunwuError("E_AUTH_INACTIVE")
    with d.engine.begin() as conn:
        if row["failed_logins"] or row["locked_until"]:
            conn.execute(users.update().where(users.c.name == name).values(
                failed_logins=0, locked_until=None))
        audit.append(conn, name, "login", name, {"where": where})
    return DistrictUser(row["name"], row["role"])


def _count_failure(d: District, name: str, now: dt.datetime, where: str) -> None:
    with d.engine.begin() as conn:
        failed = conn.execute(sa.select(users.c.failed_logins).where(users.c.name == name)).scalar_one() + 1
        values, action, detail = {"failed_logins": failed}, "login.failed", {"where": where}
        if failed >= MAX_FAILED_LOGINS:
            values = {"failed_logins": 0,
                      "locked_until": (now + LOCKOUT).isoformat(timespec="seconds")}
            action, detail["minutes"] = "login.locked", int(LOCKOUT.total_seconds() // 60)
        conn.execute(users.update().where(users.c.name == name).values(**values))
        audit.append(conn, name, action, name, detail)


def _note(d: District, name: str, action: str, detail: dict) -> None:
    with d.engine.begin() as conn:
        audit.append(conn, name, action, name, detail)


def _local(stamp: str) -> str:
    """A stored UTC time shown in the server's local time."""
    return dt.datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M:%S")

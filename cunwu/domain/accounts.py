"""User accounts, roles and what each role may do (账户与权限).

admin (主任/书记): everything, including accounts and restore.
clerk (文书/会计): keeps the records.
supervisor (村务监督委员会): reads everything, signs off, never writes records.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional

from sqlmodel import Field

from cunwu.domain import limits
from cunwu.errors import CunwuError
from cunwu.i18n import N_
from cunwu.store.tables import LocalRecord

ROLES = ("admin", "clerk", "supervisor")
ROLE_LABELS = {"admin": N_("admin (director / party secretary)"),
               "clerk": N_("clerk (secretary / accountant)"),
               "supervisor": N_("supervisor (village affairs supervision committee)")}

# Permissions are checked inside the services; the CLI and the window share them.
PERMISSIONS = {
    "admin": frozenset({"read", "write", "manage_users", "restore", "sign_off"}),
    "clerk": frozenset({"read", "write"}),
    "supervisor": frozenset({"read", "sign_off"}),
}

MAX_FAILED_LOGINS = 5
LOCKOUT = dt.timedelta(minutes=5)
MIN_PASSWORD_LENGTH = 8
_NAME = re.compile(r"^[A-Za-z0-9._-]{2,32}$")


class User(LocalRecord, table=True):
    """A person who logs in. Local to this PC: never sent to the district."""

    __tablename__ = "users"
    username: str = Field(unique=True, index=True, max_length=32)
    display_name: str = ""
    role: str
    password_hash: str
    failed_logins: int = 0
    locked_until: Optional[dt.datetime] = None
    active: bool = True
    created_at: dt.datetime


@dataclass(frozen=True)
class Actor:
    """Who is acting: a logged-in user, or the program itself (`system`)."""

    username: str
    role: str
    uuid: str = ""

    def may(self, permission: str) -> bool:
        return permission in PERMISSIONS.get(self.role, ())

    def require(self, permission: str, action: str) -> None:
        """Refuse (E_PERMISSION) before anything happens: for services whose first effect is
        not a store write (a key made, a file written), which Store.write would check too late."""
        if not self.may(permission):
            raise CunwuError("E_PERMISSION", user=self.username, role=self.role, action=action)


SYSTEM = Actor(username="system", role="admin")


def valid_username(name: str) -> bool:
    return bool(_NAME.match(name or ""))


def new_password(password) -> str:
    """A password being set: within the input limits and at least MIN_PASSWORD_LENGTH long."""
    password = limits.password(password)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise CunwuError("E_PASSWORD_WEAK", min=MIN_PASSWORD_LENGTH)
    return password

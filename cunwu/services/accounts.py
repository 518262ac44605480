"""Accounts: add and list users, log in (with the five-wrong-passwords lockout)."""

from __future__ import annotations

import datetime as dt
import logging

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import select

from cunwu import clock
from cunwu.domain import limits
from cunwu.domain.accounts import (LOCKOUT, MAX_FAILED_LOGINS, ROLES, Actor, User, new_password,
                                   valid_username)
from cunwu.errors import CunwuError
from cunwu.store import Store

log = logging.getLogger(__name__)
_hasher = PasswordHasher()


def check_new_user(username: str, role: str, password: str) -> None:
    if not valid_username(username):
        raise CunwuError("E_USER_NAME", value=username)
    if role not in ROLES:
        raise CunwuError("E_USER_ROLE", value=role)
    new_password(password)


def new_user(username: str, role: str, password: str, display_name: str = "") -> User:
    username, role, display_name = limits.fields(username=username, role=role,
                                                 display_name=display_name).values()
    check_new_user(username, role, password)
    return User(username=username, role=role, display_name=display_name or username,
                password_hash=_hasher.hash(password), created_at=clock.now_utc())


def add_user(store: Store, actor: Actor, username: str, role: str, password: str,
             display_name: str = "") -> User:
    user = new_user(username, role, password, display_name)  # hash outside the write lock
    with store.write(actor, "users.add", permission="manage_users") as uow:
        if uow.session.exec(select(User).where(User.username == username)).first():
            raise CunwuError("E_USER_EXISTS", name=username)
        uow.add(user)
        uow.detail = {"username": username, "role": role}
    return user


def list_users(store: Store) -> list[User]:
    with store.read() as s:
        return list(s.exec(select(User).order_by(User.username)))


def login(store: Store, username: str, password: str) -> Actor:
    """Check a password. Wrong ones are counted; the fifth locks the account for 5 minutes."""
    username = limits.ref(username, "username")
    # a password set before it had a limit may be longer than one set now
    password = limits.password(password, max_len=limits.BODY)
    with store.read() as s:
        user = s.exec(select(User).where(User.username == username)).first()
    now = clock.now_utc()
    if user is None:
        with store.write(Actor(username[:32], ""), "login.failed", permission=None) as uow:
            uow.detail = {"username": username[:32], "reason": "unknown user"}
        raise CunwuError("E_AUTH_FAILED")
    who = Actor(user.username, user.role, user.uuid)
    if user.locked_until and user.locked_until > now:
        with store.write(who, "login.refused_locked", permission=None) as uow:
            uow.set_target("users", user.uuid)
        raise CunwuError("E_AUTH_LOCKED", until=_local(user.locked_until))
    try:
        ok = _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok:
        _count_failure(store, who, now)
        raise CunwuError("E_AUTH_FAILED")
    if not user.active:
        raise CunwuError("E_AUTH_INACTIVE")
    with store.write(who, "login.ok", permission=None) as uow:
        fresh = uow.session.get(User, user.uuid)
        if fresh.failed_logins or fresh.locked_until:
            fresh.failed_logins, fresh.locked_until = 0, None
            uow.save(fresh)
        uow.set_target("users", user.uuid)
    return who


def _count_failure(store: Store, who: Actor, now: dt.datetime) -> None:
    with store.write(who, "login.failed", permission=None) as uow:
        user = uow.session.get(User, who.uuid)
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILED_LOGINS:
            user.failed_logins = 0
            user.locked_until = now + LOCKOUT
            uow.action = "login.locked"
            uow.detail = {"minutes": int(LOCKOUT.total_seconds() // 60)}
            log.warning("account %s locked after %d wrong passwords", user.username,
                        MAX_FAILED_LOGINS)
        uow.save(user)


def _local(moment: dt.datetime) -> str:
    """A stored UTC time shown in the PC's local time."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")

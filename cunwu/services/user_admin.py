"""Looking after accounts (admin only, `manage_users`): a new password for someone who forgot
theirs, and disabling or enabling an account. Nobody locks the village out: an admin cannot
disable their own account or the last active admin."""

from __future__ import annotations

from argon2 import PasswordHasher
from sqlmodel import select

from cunwu.domain import limits
from cunwu.domain.accounts import User, new_password
from cunwu.errors import CunwuError

_hasher = PasswordHasher()


def _user(session, username: str) -> User:
    username = limits.ref(username, "username")
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None:
        raise CunwuError("E_USER_NOT_FOUND", name=username)
    return user


def reset_password(store, actor, username: str, password: str) -> User:
    """A new password; a locked account is unlocked with it."""
    hashed = _hasher.hash(new_password(password))  # slow on purpose: outside the write lock
    with store.write(actor, "users.password", permission="manage_users") as uow:
        user = _user(uow.session, username)
        user.password_hash, user.failed_logins, user.locked_until = hashed, 0, None
        uow.save(user)
        uow.set_target("users", user.uuid)
        uow.detail = {"username": username}
    return user


def set_active(store, actor, username: str, active: bool) -> User:
    """Disable an account (its user can no longer log in; the records they made stay theirs)
    or enable it again."""
    action = "users.enable" if active else "users.disable"
    with store.write(actor, action, permission="manage_users") as uow:
        user = _user(uow.session, username)
        if not active and user.username == actor.username:
            raise CunwuError("E_USER_SELF")
        if not active and user.role == "admin" and user.active:
            admins = uow.session.exec(select(User).where(User.role == "admin",
                                                         User.active == True)).all()  # noqa: E712
            if len(admins) <= 1:
                raise CunwuError("E_USER_LAST_ADMIN", name=username)
        if user.active != active:
            user.active = active
            uow.save(user)
        uow.set_target("users", user.uuid)
        uow.detail = {"username": username}
    return user

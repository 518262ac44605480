"""`cunwu users add|list|reset-password|disable|enable`: accounts (admin only, except list)."""

from __future__ import annotations

from cunwu.cli.common import new_password, password, table
from cunwu.i18n import _


def register(sub, common) -> None:
    users = sub.add_parser("users", parents=[common], help=_("user accounts"))
    s = users.add_subparsers(dest="users_command", metavar=_("ACTION"), required=True)
    p = s.add_parser("add", parents=[common], help=_("add a user (admin only); password from CUNWU_NEW_PASSWORD or a prompt"))
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=("admin", "clerk", "supervisor"))
    p.add_argument("--display-name", default="")
    p.set_defaults(handler=add)
    p = s.add_parser("list", parents=[common], help=_("list users"))
    p.set_defaults(handler=list_)
    p = s.add_parser("reset-password", parents=[common], help=_(
        "give a user a new password and unlock the account (admin only); from CUNWU_NEW_PASSWORD or a prompt"))
    p.add_argument("name")
    p.set_defaults(handler=reset_password)
    for name, helptext in (("disable", _("stop a user from logging in (admin only)")),
                           ("enable", _("let a disabled user log in again (admin only)"))):
        p = s.add_parser(name, parents=[common], help=helptext)
        p.add_argument("name")
        p.set_defaults(handler=enable if name == "enable" else disable)


def add(ctx) -> int:
    from cunwu.services.accounts import add_user

    def work(store, actor):
        pw = password("CUNWU_NEW_PASSWORD", _("Password for {user}: ").format(user=ctx.args.name), confirm=True)
        return add_user(store, actor, ctx.args.name, ctx.args.role, pw, ctx.args.display_name)

    return ctx.run(work, lambda user: _("User {name} added as {role}.").format(name=user.username, role=user.role),
                   data=lambda user: {"uuid": user.uuid, "username": user.username, "role": user.role},
                   write=True)


def list_(ctx) -> int:
    from cunwu.services.accounts import list_users

    def rows(store):
        return [_user_json(u) for u in list_users(store)]

    return ctx.run(rows, lambda data: table([[u["username"], u["role"], u["display_name"]] for u in data],
                                            [_("user"), _("role"), _("name")]))


def reset_password(ctx) -> int:
    from cunwu.services.user_admin import reset_password as reset

    def work(store, actor):
        return reset(store, actor, ctx.args.name, new_password(ctx.args.name))

    return ctx.run(work, lambda user: _("{name} has a new password.").format(name=user.username),
                   data=_user_json, write=True)


def disable(ctx) -> int:
    return _set_active(ctx, False)


def enable(ctx) -> int:
    return _set_active(ctx, True)


def _set_active(ctx, active: bool) -> int:
    from cunwu.services.user_admin import set_active

    return ctx.run(lambda store, actor: set_active(store, actor, ctx.args.name, active),
                   lambda user: (_("{name} can log in again.") if user.active
                                 else _("{name} can no longer log in.")).format(name=user.username),
                   data=_user_json, write=True)


def _user_json(u) -> dict:
    return {"uuid": u.uuid, "username": u.username, "display_name": u.display_name,
            "role": u.role, "active": u.active,
            "locked_until": u.locked_until.isoformat() if u.locked_until else None}

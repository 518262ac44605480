"""`cunwu district users add|list|passwd|disable|enable`: the district's accounts. The first
account, made while none exists, needs no login and must be an admin.
"""

from __future__ import annotations

from cunwu.cli.common import new_password, table
from cunwu.cli.district_access import login, open_as, open_store
from cunwu.i18n import _


def register(s, common) -> None:
    users = s.add_parser("users", parents=[common], help=_("district accounts"))
    u = users.add_subparsers(dest="users_command", metavar=_("ACTION"), required=True)
    p = u.add_parser("add", parents=[common],
                     help=_("add an account (admin; the first one needs no login); password from CUNWU_NEW_PASSWORD or a prompt"))
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=("admin", "officer", "viewer"))
    p.set_defaults(handler=add)
    p = u.add_parser("list", parents=[common], help=_("list the district's accounts"))
    p.set_defaults(handler=list_)
    p = u.add_parser("passwd", parents=[common],
                     help=_("set a password (your own, or anyone's as admin); from CUNWU_NEW_PASSWORD or a prompt"))
    p.add_argument("name")
    p.set_defaults(handler=passwd)
    for name, helptext in (("disable", _("disable an account (admin)")),
                           ("enable", _("enable an account again and clear its lockout (admin)"))):
        p = u.add_parser(name, parents=[common], help=helptext)
        p.add_argument("name")
        p.set_defaults(handler=toggle)


def add(ctx) -> int:
    from cunwu.district import accounts

    def work(d):
        actor = login(ctx, d, "manage_users") if accounts.has_users(d) else None
        return accounts.add_user(d, actor, ctx.args.name, ctx.args.role, new_password(ctx.args.name))

    return ctx.run(work, lambda u: _("District account {name} added as {role}.").format(**u),
                   opener=open_store)


def list_(ctx) -> int:
    from cunwu.district.accounts import list_users

    return ctx.run(list_users, lambda rows: table(
        [[r["name"], r["role"], _("disabled") if r["disabled"] else (r["locked_until"] or "")]
         for r in rows], [_("user"), _("role"), _("state")]), opener=open_as("read"))


def passwd(ctx) -> int:
    from cunwu.district import accounts

    def work(d):
        actor = login(ctx, d, "read")
        accounts.set_password(d, actor, ctx.args.name, new_password(ctx.args.name))
        return {"name": ctx.args.name}

    return ctx.run(work, lambda r: _("Password of {name} changed.").format(**r), opener=open_store)


def toggle(ctx) -> int:
    from cunwu.district import accounts

    disable = ctx.args.users_command == "disable"

    def work(d):
        accounts.set_disabled(d, login(ctx, d, "manage_users"), ctx.args.name, disable)
        return {"name": ctx.args.name, "disabled": disable}

    return ctx.run(work, (_("Account {name} disabled.") if disable else _("Account {name} enabled.")).format(
        name=ctx.args.name), opener=open_store)

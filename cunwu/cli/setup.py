"""Commands that set up and protect the installation: init, demo, backup, restore."""

from __future__ import annotations

from pathlib import Path

from cunwu.cli.common import password
from cunwu.i18n import _


def register(sub, common) -> None:
    p = sub.add_parser("init", parents=[common], help=_("create the store, the village and its first admin"))
    p.add_argument("--village-code", required=True, help=_("12-digit statistical area code"))
    p.add_argument("--village-name", required=True)
    p.add_argument("--district-code", required=True, help=_("6-digit district code"))
    p.add_argument("--admin", default="admin", help=_("first admin user name (default: admin)"))
    p.set_defaults(handler=init)

    p = sub.add_parser("demo", parents=[common], help=_("create a demo village in an empty data folder"))
    p.set_defaults(handler=demo)

    p = sub.add_parser("backup", parents=[common], help=_("write a consistent copy of the store"))
    p.add_argument("--out", type=Path, help=_("backup file (default: backups/ in the data folder)"))
    p.set_defaults(handler=backup)

    p = sub.add_parser("restore", parents=[common], help=_("replace the store with a backup (admin)"))
    p.add_argument("file", type=Path)
    p.set_defaults(handler=restore)


def init(ctx) -> int:
    from cunwu.config import setup_logging
    from cunwu.services.village import init_village, village_summary

    a = ctx.args
    pw = password("CUNWU_ADMIN_PASSWORD", _("Password for {user}: ").format(user=a.admin), confirm=True)
    store = init_village(ctx.data_dir, code=a.village_code, name=a.village_name,
                         district_code=a.district_code, admin=a.admin, password=pw)
    setup_logging(store.paths)
    with store:
        info = village_summary(store) | {"data_dir": str(ctx.data_dir), "admin": a.admin}
    ctx.emit(info, _("Created village {name} ({code}) in {dir}; admin user: {admin}.").format(
        name=info["name"], code=info["code"], dir=info["data_dir"], admin=a.admin))
    return 0


def demo(ctx) -> int:
    import os
    import secrets

    from cunwu.services.demo import create_demo

    pw = os.environ.get("CUNWU_ADMIN_PASSWORD")
    shown = None
    if not pw:
        pw = shown = secrets.token_urlsafe(9)
    store = create_demo(ctx.data_dir, pw)
    store.close()
    lines = [_("Demo village created in {dir}; users admin, clerk, supervisor.").format(dir=ctx.data_dir)]
    if shown:
        lines.append(_("Their password (shown only now): {pw}").format(pw=shown))
    ctx.emit({"data_dir": str(ctx.data_dir), "users": ["admin", "clerk", "supervisor"],
              "password": shown}, lines)
    return 0


def backup(ctx) -> int:
    from cunwu.services.backup import backup as do_backup

    return ctx.run(lambda store, actor: do_backup(store, actor, ctx.args.out),
                   lambda dest: _("Backup written: {path}").format(path=dest),
                   data=lambda dest: {"backup": str(dest)}, login=True)


def restore(ctx) -> int:
    from cunwu.services.backup import restore as do_restore

    # Log in through the store, then close it: restoring replaces its file.
    actor = ctx.call(lambda store, actor: actor, write=True)
    result = do_restore(ctx.paths, ctx.args.file, actor)
    ctx.emit(result, _("Restored {file}. The store as it was is saved as {saved}.").format(
        file=result["restored"], saved=result["previous_saved_as"]))
    return 0

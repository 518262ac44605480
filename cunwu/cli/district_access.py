"""How `cunwu district …` commands reach the district: its folder, opening its store, and the
district login (--user / CUNWU_USER, password from CUNWU_PASSWORD or a prompt) with the role check.
"""

from __future__ import annotations

import os
from pathlib import Path

from cunwu.cli.common import password
from cunwu.errors import CunwuError
from cunwu.i18n import _


def folder(ctx) -> Path:
    """--district-dir, else CUNWU_DISTRICT_DIR, else district/ in the data folder."""
    chosen = getattr(ctx.args, "district_dir", None) or os.environ.get("CUNWU_DISTRICT_DIR")
    return Path(chosen).absolute() if chosen else ctx.data_dir / "district"


def open_store(ctx):
    """The district's store with no login yet, for ctx.run(…, opener=open_store)."""
    from cunwu.cli.sync import key_passphrase
    from cunwu.district.store import District

    return District.open(folder(ctx), passphrase=key_passphrase)


def login(ctx, d, action: str):
    """Log in at the district as --user / CUNWU_USER; the role must allow `action`."""
    from cunwu.district import accounts

    name = getattr(ctx.args, "user", None) or os.environ.get("CUNWU_USER")
    if not name:
        raise CunwuError("E_DISTRICT_LOGIN" if accounts.has_users(d) else "E_DISTRICT_NO_USERS")
    user = accounts.login(d, name, password("CUNWU_PASSWORD", _("Password for {user}: ").format(user=name)))
    return user.require(action)


def open_as(action: str):
    """An opener that opens the store and logs in for `action`; the account is left in
    ctx.args.district_user for the command (who released a bundle, say)."""

    def opener(ctx):
        d = open_store(ctx)
        try:
            ctx.args.district_user = login(ctx, d, action)
        except BaseException:
            d.close()
            raise
        return d

    return opener

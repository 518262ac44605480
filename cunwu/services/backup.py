"""Backing up and restoring the store (`cunwu backup`, `cunwu restore`)."""

from __future__ import annotations

from pathlib import Path

from cunwu.config import Paths
from cunwu.domain.accounts import Actor
from cunwu.errors import CunwuError
from cunwu.services.personal_files import audit_file
from cunwu.store import Store, backups
from cunwu.store.lock import window_is_open


def backup(store: Store, actor: Actor, out: Path | None = None, progress=None) -> Path:
    """A consistent copy through SQLite's backup API, safe while the window is open. It holds
    every resident, so it is an audit entry like any export of personal data."""
    from sqlalchemy import text

    actor.require("read", "store.backup")
    dest = backups.manual(store.paths, out)
    with store.read() as s:
        people = s.execute(text("SELECT count(*) FROM persons")).scalar()
    audit_file(store, actor, "store.backup", dest, {"people": people})
    if progress:
        progress(1, 1)
    return dest


def restore(paths: Paths, file: Path, actor: Actor) -> dict:
    """Replace the store with a vetted backup, after backing up what is there now."""
    actor.require("restore", "store.restore")
    file = Path(file)
    code = backups.vet(paths, file)
    if window_is_open(paths):
        raise CunwuError("E_STORE_WINDOW_OPEN")
    before = backups.replace_store(paths, file)
    with Store.open(paths.data_dir) as store:  # upgrades an older backup, after a backup
        with store.write(actor, "store.restore", permission="restore") as uow:
            uow.detail = {"from": file.name, "saved_as": before.name if before else ""}
    return {"restored": str(file), "village": code, "previous_saved_as": str(before or "")}

"""Files of personal data leaving the program (a roster export, a backup): each one is an
audit entry naming who wrote it, what and how much, and the file."""

from __future__ import annotations

from pathlib import Path


def audit_file(store, actor, action: str, path: Path, detail: dict) -> None:
    """The audit entry for a file just written. If it cannot be recorded the file goes too, so
    no copy exists that the trail does not show."""
    try:
        with store.write(actor, action, permission="read") as uow:
            uow.detail = {"file": Path(path).name} | detail
    except BaseException:
        Path(path).unlink(missing_ok=True)
        raise

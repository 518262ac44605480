"""The local SQLite store: opening, migrations, the one write path, backups."""

from cunwu.store.store import Store

__all__ = ["Store"]

"""Schema revisions: which ones this program knows, which ones a file has, upgrading.

Each subject's migrations hang off the revision they need, so the revision graph may have
several heads (Alembic branches); a store is current when it has all of them. Opening an
up-to-date store reads one table and never imports Alembic (slow to import); only an
upgrade does. The district store keeps its own script folder and passes it as `folder`.
"""

from __future__ import annotations

import ast
import sqlite3
from functools import lru_cache
from pathlib import Path

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _assigned(tree: ast.Module, name: str):
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise LookupError(name)


@lru_cache(maxsize=4)
def graph(folder: Path = MIGRATIONS) -> dict[str, tuple[str, ...]]:
    """revision -> the revisions it builds on (down_revision and depends_on)."""
    out = {}
    for path in (folder / "versions").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        rev = _assigned(tree, "revision")
        deps = []
        for field in ("down_revision", "depends_on"):
            try:
                value = _assigned(tree, field)
            except LookupError:
                continue
            deps += [value] if isinstance(value, str) else list(value or ())
        out[rev] = tuple(deps)
    return out


@lru_cache(maxsize=4)
def revisions(folder: Path = MIGRATIONS) -> tuple[str, ...]:
    """Every known revision, each after those it builds on (ties by name)."""
    g, done, order = graph(folder), set(), []
    while len(order) < len(g):
        ready = sorted(r for r, deps in g.items() if r not in done and set(deps) <= done)
        if not ready:
            raise RuntimeError("migration graph has a cycle or a missing revision")
        order.append(ready[0])
        done.add(ready[0])
    return tuple(order)


def heads(folder: Path = MIGRATIONS) -> frozenset[str]:
    g = graph(folder)
    used = {d for deps in g.values() for d in deps}
    return frozenset(r for r in g if r not in used)


def describe_heads(folder: Path = MIGRATIONS) -> str:
    return "+".join(sorted(heads(folder)))


def file_revisions(conn: sqlite3.Connection) -> frozenset[str]:
    try:
        return frozenset(r[0] for r in conn.execute("SELECT version_num FROM alembic_version"))
    except sqlite3.OperationalError:
        return frozenset()


def is_current(found: frozenset[str], folder: Path = MIGRATIONS) -> bool:
    return found == heads(folder)


def unknown(found: frozenset[str], folder: Path = MIGRATIONS) -> frozenset[str]:
    """Revisions in a file that this program does not know: the file is newer."""
    return frozenset(found - set(graph(folder)))


def alembic_config(folder: Path, conn):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(folder))
    cfg.attributes["connection"] = conn
    return cfg


def upgrade(engine, target: str = "heads", folder: Path = MIGRATIONS) -> None:
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(alembic_config(folder, conn), target)

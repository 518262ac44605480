"""The window's borders: Qt only inside cunwu/ui, and no SQL inside it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "cunwu"
UI = PACKAGE / "ui"


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_module_outside_ui_imports_qt():
    offenders = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                 if UI not in p.parents
                 and any(m.split(".")[0] in ("PySide6", "shiboken6") for m in imported_modules(p))]
    assert offenders == []


def test_the_core_imports_with_qt_blocked():
    modules = sorted(".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts)
                     for p in PACKAGE.rglob("*.py")
                     if UI not in p.parents and "migrations" not in p.parts
                     and p.name != "__main__.py")
    code = ("import sys, importlib\n"
            "class Block:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name.split('.')[0] in ('PySide6', 'shiboken6'):\n"
            "            raise ImportError('Qt is blocked: ' + name)\n"
            "sys.meta_path.insert(0, Block())\n"
            f"for m in {modules!r}:\n"
            "    importlib.import_module(m)\n"
            "print('ok')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=PACKAGE.parent, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_the_window_writes_no_sql():
    """The UI calls services; it never reaches for the database driver or the ORM, and never
    opens a write of its own. (A read session handed to service functions is allowed.)"""
    forbidden = ("sqlite3", "sqlalchemy", "sqlmodel", "alembic", "cunwu.store.tables",
                 "cunwu.store.unit")
    offenders = []
    for path in UI.rglob("*.py"):
        for module in imported_modules(path):
            if module.split(".")[0] in forbidden or module in forbidden:
                offenders.append(f"{path.relative_to(PACKAGE)}: {module}")
        text = path.read_text(encoding="utf-8")
        for word in ("store.write(", "store.engine", "SELECT ", "INSERT INTO", "DELETE FROM",
                     "UPDATE "):
            if word in text:
                offenders.append(f"{path.relative_to(PACKAGE)}: {word}")
    assert offenders == []

"""The core imports without PySide6: everything but cunwu/ui runs where Qt cannot."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import cunwu

ROOT = Path(cunwu.__file__).parent


def _core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages([str(ROOT)], prefix="cunwu."):
        if not info.name.startswith(("cunwu.ui", "cunwu.__main__")) and "migrations" not in info.name:
            names.append(info.name)
    return names


def test_no_core_source_mentions_pyside():
    offenders = []
    for path in ROOT.rglob("*.py"):
        if "ui" in path.relative_to(ROOT).parts[:1]:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                mods = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                mods = [node.module or ""]
            else:
                continue
            if any(m.split(".")[0] in ("PySide6", "shiboken6", "cunwu.ui") or m.startswith("cunwu.ui")
                   for m in mods):
                offenders.append(str(path.relative_to(ROOT)))
    # cli/__init__ opens the window lazily when no command is given; nothing else may.
    assert sorted(set(offenders) - {"cli/__init__.py"}) == []


def test_every_core_module_imports_with_pyside_blocked():
    code = (
        "import sys, importlib\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'):\n"
        "            raise ImportError('blocked ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for m in {_core_modules()!r}:\n"
        "    importlib.import_module(m)\n"
        "print('ok')\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "ok"

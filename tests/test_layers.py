"""The package's shape (docs/architecture.md): each layer imports only the layers below it,
Qt only in ui/, and no two modules import each other, even through a lazy import inside a
function. Read from the code with ast, so nothing is imported to check it."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "cunwu"

# Lower layers first; a module may import its own layer's package and any layer below.
LAYERS = [
    {"cunwu", "cunwu.i18n", "cunwu.clock", "cunwu.errors", "cunwu.config", "cunwu.subjects"},
    {"cunwu.store"},
    {"cunwu.domain"},
    {"cunwu.io", "cunwu.printing", "cunwu.sync"},
    {"cunwu.services", "cunwu.district"},
    {"cunwu.cli", "cunwu.ui"},
    {"cunwu.__main__"},
]
# Beside each other, never into each other.
APART = [("cunwu.district", "cunwu.services"), ("cunwu.services", "cunwu.district"),
         ("cunwu.io", "cunwu.sync"), ("cunwu.io", "cunwu.printing"),
         ("cunwu.printing", "cunwu.sync"), ("cunwu.sync", "cunwu.io"),
         ("cunwu.sync", "cunwu.printing"), ("cunwu.printing", "cunwu.io"),
         # io reads and writes files: no transactions of its own.
         ("cunwu.io", "cunwu.store")]
# The one way down from the command line into the window: `cunwu` with no command opens it.
ALLOWED = {("cunwu.cli", "cunwu.ui.app")}


def module_name(path: Path) -> str:
    parts = path.relative_to(PKG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PKG.rglob("*.py") if "migrations" not in p.parts}


def imports(name: str, path: Path) -> set[str]:
    """Every module this one imports, at the top or inside a function."""
    found = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
    return found


def graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: {i for i in imports(name, path) if i in mods and i != name}
            for name, path in mods.items()}


def layer_of(name: str) -> int:
    best, rank = "", -1
    for i, layer in enumerate(LAYERS):
        for prefix in layer:
            if (name == prefix or name.startswith(prefix + ".")) and len(prefix) > len(best):
                best, rank = prefix, i
    return rank


def top_package(name: str) -> str:
    """The layer's package a module belongs to (cunwu.store.unit -> cunwu.store)."""
    return ".".join(name.split(".")[:2])


def test_every_module_has_a_layer():
    assert [m for m in modules() if layer_of(m) < 0] == []


def test_no_upward_import():
    wrong = []
    for name, targets in graph().items():
        for target in targets:
            if (top_package(name), target) in ALLOWED:
                continue
            same = top_package(name) == top_package(target)
            if not same and layer_of(target) > layer_of(name):
                wrong.append(f"{name} -> {target}")
            elif not same and layer_of(target) == layer_of(name) and layer_of(name) > 0:
                wrong.append(f"{name} -> {target} (same layer)")
    assert wrong == []


def test_apart_packages_do_not_meet():
    wrong = [f"{name} -> {target}" for name, targets in graph().items() for target in targets
             for a, b in APART if top_package(name) == a and top_package(target) == b]
    assert wrong == []


def test_qt_only_in_ui():
    qt = [name for name, path in modules().items()
          if not name.startswith("cunwu.ui")
          and any(i.split(".")[0] == "PySide6" for i in imports(name, path))]
    assert qt == []


def test_no_import_cycles():
    g = graph()
    # Importing a submodule runs its package's __init__ first; those edges are not cycles of
    # the code's own making.
    g = {n: {t for t in ts if not n.startswith(t + ".")} for n, ts in g.items()}
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in g.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(g):
        if v not in index:
            visit(v)
    assert cycles == []


def test_modules_stay_small():
    big = {name: n for name, path in modules().items()
           if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400}
    assert big == {}

"""The subject registry (cunwu/subjects.py): every part it names exists and is the right
kind of object, every subject has the parts it must have, and no part in the tree is left
out of it (a page, command, table module or demo nobody would ever load)."""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest

import cunwu
from cunwu import subjects
from cunwu.subjects import SUBJECTS, load

ROOT = Path(cunwu.__file__).parent


def _module_names(folder: str) -> list[str]:
    return [f"cunwu.{folder.replace('/', '.')}.{p.stem}" for p in sorted((ROOT / folder).glob("*.py"))
            if p.stem != "__init__"]


def _tree(module: str) -> ast.Module:
    return ast.parse((ROOT.parent / (module.replace(".", "/") + ".py")).read_text(encoding="utf-8"))


def _takes(func, count: int) -> bool:
    return len(inspect.signature(func).parameters) == count


def test_names_are_unique_and_every_subject_has_a_part():
    names = [s.name for s in SUBJECTS]
    assert len(names) == len(set(names))
    for s in SUBJECTS:
        assert s.models or s.command or s.page or s.home or s.demo, s.name
    parts = [*subjects.model_modules(), *subjects.command_modules(), *subjects.pages(),
             *subjects.home_providers(), *subjects.demo_populators()]
    assert len(parts) == len(set(parts)), "a part is named by two subjects"


def test_record_subjects_have_every_part():
    records = [s for s in SUBJECTS if s.records]
    assert {s.name for s in records} >= {"residents", "meetings", "disclosures", "points"}
    for s in records:
        missing = [part for part in subjects.RECORD_PARTS if not getattr(s, part)]
        assert not missing, f"{s.name} lacks {missing}"


def test_demo_order_names_every_demo_once():
    assert sorted(subjects.DEMO_ORDER) == sorted(s.name for s in SUBJECTS if s.demo)


def test_command_modules_register_commands():
    for name in subjects.command_modules():
        module = load(name)
        assert callable(getattr(module, "register", None)), name
        assert _takes(module.register, 2), name


def test_model_modules_define_tables():
    from cunwu.store.models import all_models

    defined = {m.__module__ for m in all_models()}
    for name in subjects.model_modules():
        load(name)
        assert name in defined, f"{name} defines no table"


def test_home_providers_and_demo_parts_are_functions():
    for spec in subjects.home_providers():
        assert inspect.isfunction(load(spec)) and _takes(load(spec), 3), spec
    for spec in subjects.demo_populators():
        assert inspect.isfunction(load(spec)) and _takes(load(spec), 3), spec


def test_pages_are_pages_with_the_subjects_key():
    from cunwu.ui.pages.base import Page

    for s in SUBJECTS:
        if s.page:
            cls = load(s.page)
            assert inspect.isclass(cls) and issubclass(cls, Page), s.page
            assert cls.key == s.name, s.page


def test_every_part_in_the_tree_is_registered():
    """A module that looks like a part but is in no subject would never be loaded."""
    commands = {m for m in _module_names("cli")
                if any(isinstance(n, ast.FunctionDef) and n.name == "register"
                       for n in _tree(m).body)}
    assert set(subjects.command_modules()) <= commands
    # A module that adds actions to another's command is loaded by it; a fresh process shows
    # what building the parser loads.
    probe = ("import json, sys\nfrom cunwu.cli import build_parser\nbuild_parser()\n"
             "print(json.dumps(sorted(m for m in sys.modules if m.startswith('cunwu.cli.'))))")
    p = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert commands <= set(json.loads(p.stdout)), "a command module no subject loads"
    pages = {f"{m}:{n.name}" for m in _module_names("ui/pages") for n in _tree(m).body
             if isinstance(n, ast.ClassDef) and any(getattr(b, "id", "") == "Page" for b in n.bases)}
    pages.discard("cunwu.ui.pages.base:LaterPage")
    assert pages == set(subjects.pages())
    demos = {m for m in _module_names("services") if m.endswith("_demo")}
    assert demos == {spec.split(":")[0] for spec in subjects.demo_populators()}
    tables = {m for folder in ("store", "domain", "sync", "district") for m in _module_names(folder)
              if "table=True" in (ROOT.parent / (m.replace(".", "/") + ".py")).read_text("utf-8")}
    assert tables == set(subjects.model_modules())


def test_the_consumers_read_the_registry():
    from cunwu.cli import COMMAND_MODULES
    from cunwu.services import demo, home
    from cunwu.store.models import DOMAIN_MODULES
    from cunwu.ui.pages import PAGES

    assert COMMAND_MODULES == subjects.command_modules()
    assert DOMAIN_MODULES == subjects.model_modules()
    assert PAGES == subjects.pages()
    assert home.PROVIDERS == subjects.home_providers()
    assert demo.POPULATORS == subjects.demo_populators()


def test_a_mistyped_name_fails_loudly():
    with pytest.raises(ImportError, match="no home_itemz"):
        load("cunwu.services.points:home_itemz")
    with pytest.raises(ImportError):
        load("cunwu.services.pointz:home_items")


def test_a_mistyped_home_provider_is_an_error_not_a_log_line(store, admin, monkeypatch):
    from cunwu.services import home

    monkeypatch.setattr(home, "PROVIDERS", [*home.PROVIDERS, "cunwu.services.points:home_itemz"])
    with pytest.raises(ImportError, match="home_itemz"):
        home.home_items(store, admin, dt.date(2026, 11, 20))

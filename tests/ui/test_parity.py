"""docs/parity.md holds one row per command: every command of `cunwu --help` has its row, and
each window place a row names exists (on the page, or set by the dialog's class); a row
without a place says why."""

from __future__ import annotations

import argparse
import ast
import importlib
import inspect
import re
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

DOC = Path(__file__).resolve().parents[2] / "docs" / "parity.md"
PLACE = re.compile(r"`([^`]+)`")


def _rows() -> list[tuple[str, str, str]]:
    rows = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| ") or line.startswith("| ---") or line.startswith("| action"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        assert len(cells) == 3, line
        rows.append(tuple(cells))
    return rows


def _command(cell: str) -> str:
    found = PLACE.fullmatch(cell)
    assert found and found.group(1).startswith("cunwu "), cell
    return found.group(1)[len("cunwu "):]


def _leaf_commands() -> list[str]:
    from cunwu.cli import build_parser

    def leaves(parser, prefix):
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            yield " ".join(prefix)
        for action in subs:
            for name, sub in action.choices.items():
                yield from leaves(sub, [*prefix, name])

    return list(leaves(build_parser(), []))


def _places(cell: str) -> list[str]:
    return [] if cell.startswith("—") else PLACE.findall(cell)


def test_every_command_has_exactly_one_row():
    listed = [_command(command) for _action, command, _place in _rows()]
    assert len(listed) == len(set(listed)), "a command has two rows"
    leaves = _leaf_commands()
    missing = sorted(set(leaves) - set(listed))
    assert not missing, f"commands with no row in docs/parity.md: {missing}"
    assert not set(listed) - set(leaves), "a row names a command that does not exist"


def test_each_row_names_a_place_or_says_why():
    for action, command, place in _rows():
        assert action, command
        if place.startswith("—"):
            assert len(place) > 30 and "no window" in place, (command, place)
        else:
            assert _places(place), (command, place)


def _sets_name(cls, name: str) -> bool:
    """The class assigns self.<name>, or its module sets an objectName <name>."""
    source = inspect.getsource(inspect.getmodule(cls))
    if f'setObjectName("{name}")' in source:
        return True
    for node in ast.walk(ast.parse(inspect.getsource(cls))):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) \
                and node.attr == name and getattr(node.value, "id", "") == "self":
            return True
    return False


def test_dialog_places_exist():
    for _action, command, place in _rows():
        for ref in _places(place):
            module_name, sep, rest = ref.partition(":")
            if "." not in module_name:
                continue  # a page place: the next test
            module = importlib.import_module(module_name)
            if "." in rest:
                class_name, name = rest.split(".", 1)
                assert _sets_name(getattr(module, class_name), name), (command, ref)
            else:
                assert f'setObjectName("{rest}")' in inspect.getsource(module), (command, ref)


def _on_page(page, name: str):
    found = page.findChild(QObject, name)
    if found is not None:
        return found
    target = page
    for part in name.split("."):
        target = getattr(target, part, None)
    return target


def test_page_places_exist(window):
    missing = []
    for _action, command, place in _rows():
        for ref in _places(place):
            key, _sep, name = ref.partition(":")
            if "." in key:
                continue
            page = window.pages.get(key)
            if page is None or not isinstance(_on_page(page, name), (QWidget, QAction)):
                missing.append(ref)
    assert not missing, f"window places in docs/parity.md that do not exist: {missing}"

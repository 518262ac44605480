"""The window's zh_CN catalog is complete, current and compiled."""

from __future__ import annotations

import importlib.util
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "cunwu_zh_CN.ts"
QM = TS.with_suffix(".qm")


def load_tool():
    spec = importlib.util.spec_from_file_location("qt_translations",
                                                  ROOT / "tools" / "qt_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sources(ts: Path) -> set[tuple[str, str]]:
    return {(c.findtext("name"), m.findtext("source"))
            for c in ET.parse(ts).iter("context") for m in c.iter("message")}


def test_every_message_is_translated():
    tool = load_tool()
    assert tool.untranslated(TS) == []
    assert QM.exists() and QM.stat().st_size > 0


def test_catalog_holds_every_string_in_the_code(tmp_path):
    """A new self.tr() string without a translation fails here: run tools/qt_translations.py."""
    tool = load_tool()
    try:
        lupdate = tool.tool("pyside6-lupdate")
    except SystemExit:
        pytest.skip("pyside6-lupdate not installed")
    fresh = tmp_path / "fresh.ts"
    files = sorted(str(p) for p in (ROOT / "cunwu" / "ui").rglob("*.py"))
    import subprocess

    subprocess.run([lupdate, *files, "-ts", str(fresh), "-silent"], check=True, cwd=ROOT)
    assert sources(fresh) == sources(TS)


def test_compiled_catalog_answers_in_chinese(qapp):
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(QM))
    assert translator.translate("HomePage", "Home") == "首页"
    assert translator.translate("MainWindow", "Training mode: today counts as {date}") \
        == "训练模式：今天按 {date} 计算"

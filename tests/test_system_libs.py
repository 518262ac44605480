"""The system libraries PySide6's Qt parts and the window's plugins link to are all there: the
package lists in `run` cover what Qt really loads (checked with ldd, not guessed)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("system_libs", ROOT / "tools" / "system_libs.py")
system_libs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(system_libs)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd is Linux's")
def test_qt_finds_every_library():
    base = system_libs.pyside_dir()
    checked = {f.name for f in system_libs.targets(base, tests=True)}
    # The window's own modules and the platforms it opens on are among what is checked.
    assert {"QtWidgets.abi3.so", "QtPrintSupport.abi3.so", "QtPdfWidgets.abi3.so",
            "libqxcb.so", "libqoffscreen.so"} <= checked
    assert "node" in checked  # the browser tests' driver
    assert system_libs.missing(tests=True) == {}


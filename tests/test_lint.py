"""No unused imports, undefined names or dead assignments anywhere (pyflakes' rules)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_pyflakes_rules_pass():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is a test dependency: pip install -e .[test]")
    done = subprocess.run([ruff, "check", "--select", "F", "--no-cache", "cunwu", "tests", "tools"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr

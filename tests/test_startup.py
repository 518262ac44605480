"""`cunwu --help` and `--version` stay fast: building the parser imports none of the heavy
libraries. Each command imports what it needs inside its handler."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("sqlalchemy", "sqlmodel", "PySide6", "shiboken6", "reportlab", "alembic", "pydantic", "PIL")

PROBE = """
import json, sys
what = sys.argv[1]
if what == "import":
    import cunwu.cli
elif what == "parser":
    from cunwu.cli import build_parser
    build_parser().format_help()
else:
    from cunwu.cli import main
    try:
        main([what])
    except SystemExit:
        pass
heavy = json.loads(sys.argv[2])
loaded = sorted({m.split(".")[0] for m in sys.modules} & set(heavy))
print(json.dumps(loaded), file=sys.stderr)
"""


@pytest.mark.parametrize("what", ["import", "parser", "--help", "--version"])
def test_startup_imports_nothing_heavy(what):
    p = subprocess.run([sys.executable, "-c", PROBE, what, json.dumps(HEAVY)],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    loaded = json.loads(p.stderr.strip().splitlines()[-1])
    assert loaded == [], f"`cunwu {what}` imports {loaded}"


def test_every_subcommand_help_is_light():
    """Each command's --help builds its parser without its handler's imports."""
    from cunwu.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.__class__.__name__ == "_SubParsersAction")
    for name in sub.choices:
        code = (f"import json, sys\nfrom cunwu.cli import main\n"
                f"try:\n    main([{name!r}, '--help'])\nexcept SystemExit:\n    pass\n"
                f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({list(HEAVY)!r}))))")
        p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        assert p.returncode == 0, p.stderr
        assert json.loads(p.stdout.strip().splitlines()[-1]) == [], f"`cunwu {name} --help`: {p.stdout}"


def test_the_login_box_loads_no_database_library():
    """The window shows its login box first and opens the store behind it: what the box
    needs (cunwu.ui.app and the dialog) loads Qt but not SQLAlchemy, SQLModel or argon2."""
    code = ("import json, sys\nimport cunwu.ui.app\n"
            f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({[*HEAVY, 'argon2']!r}))))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout.strip().splitlines()[-1]) == ["PySide6", "shiboken6"]


def test_cunwu_without_a_command_reaches_the_window_without_every_command(tmp_path):
    """No command: the window starts without building each command's parser first."""
    code = ("import json, sys\nimport cunwu.ui.app as app\n"
            "app.run_window = lambda data_dir: print(json.dumps(str(data_dir))) or 0\n"
            "from cunwu.cli import COMMAND_MODULES, main\n"
            f"assert main(['--data-dir', {str(tmp_path)!r}]) == 0\n"
            "print(json.dumps(sorted(set(COMMAND_MODULES) & set(sys.modules))))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    opened, commands = (json.loads(line) for line in p.stdout.strip().splitlines()[-2:])
    assert opened == str(tmp_path) and commands == []


@pytest.mark.parametrize("script", ["run", ".ci/run"])
def test_entry_scripts_are_executable_in_git(script):
    """A fresh clone runs `./run` and `.ci/run` directly: git must keep them executable."""
    import shutil
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    if not (root / ".git").exists() or not shutil.which("git"):
        pytest.skip("not a git checkout")
    p = subprocess.run(["git", "ls-files", "-s", script], cwd=root, capture_output=True, text=True)
    if not p.stdout:
        pytest.skip(f"{script} is not tracked")
    assert p.stdout.split()[0] == "100755", f"git update-index --chmod=+x {script}"

"""The PyInstaller one-folder build (build_installer.spec): it builds, stays under 150 MB, and
the built program works on its own: version, help, init, demo, audit verify, Chinese messages,
bundled fonts, the window, a printed notice, the PostgreSQL driver and the keyring.

The build goes to a temporary folder, never into the checkout. It takes a minute or two.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import cunwu
from cunwu.cli import COMMAND_MODULES
from tests.printing import pdftools

pytestmark = [pytest.mark.installer, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "installer-pass-1"
MAX_MB = 150


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("pyinstaller")
    p = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
         str(ROOT / "build_installer.spec")],
        cwd=work, capture_output=True, text=True, timeout=1200)
    assert p.returncode == 0, p.stderr[-4000:]
    folder = work / "dist" / "cunwu"
    assert (folder / "cunwu").is_file()
    # PyInstaller's own PySide6 run-time hook imports QtCore at every start; the spec swaps
    # it for one that waits until the window opens, so commands start fast.
    toc = (work / "build" / "build_installer" / "PKG-00.toc").read_text(encoding="utf-8")
    assert "pyi_rth_cunwu_lazy_qt" in toc and "'pyi_rth_pyside6'" not in toc
    return folder


def run(bundle: Path, *args: str, lang: str = "en", env: dict | None = None, cwd: Path | None = None):
    """The built program, in a clean environment, with no terminal on stdin."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("CUNWU_", "PYTHON"))}
    full_env.update({"CUNWU_LANG": lang, "QT_QPA_PLATFORM": "offscreen"}, **(env or {}))
    return subprocess.run([str(bundle / "cunwu"), *args], capture_output=True, text=True,
                          env=full_env, stdin=subprocess.DEVNULL, cwd=cwd, timeout=120)


def test_version(bundle, tmp_path):
    p = run(bundle, "--version", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == f"cunwu {cunwu.__version__}"


def test_help_lists_every_command_module(bundle, tmp_path):
    p = run(bundle, "--help", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    for command in ("init", "demo", "backup", "restore", "users", "audit"):
        assert command in p.stdout
    # Every module registered by name is inside the bundle (a missing one would fail above).
    assert COMMAND_MODULES


def test_init_then_verify(bundle, tmp_path):
    data = tmp_path / "data"
    p = run(bundle, "--data-dir", str(data), "init", "--village-code", "330106001001",
            "--village-name", "测试村", "--district-code", "330106",
            env={"CUNWU_ADMIN_PASSWORD": PASSWORD}, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "测试村" in p.stdout
    db = data / "cunwu.sqlite3"
    assert db.is_file()
    with sqlite3.connect(db) as conn:  # migrations ran from the bundled scripts
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    p = run(bundle, "--data-dir", str(data), "audit", "verify", "--json", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["ok"] is True

    # The zh_CN catalog is bundled: the same command speaks Chinese.
    p = run(bundle, "--data-dir", str(data), "audit", "verify", lang="zh_CN", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "审计" in p.stdout

    p = run(bundle, "--data-dir", str(data), "users", "list", "--json", cwd=tmp_path,
            env={"CUNWU_USER": "admin", "CUNWU_PASSWORD": PASSWORD})
    assert p.returncode == 0, p.stderr
    assert "admin" in p.stdout

    # No password and no terminal: a readable refusal, not a hang or a traceback.
    p = run(bundle, "--data-dir", str(tmp_path / "other"), "init", "--village-code",
            "330106001002", "--village-name", "测试村", "--district-code", "330106", cwd=tmp_path)
    assert p.returncode != 0
    assert "E_PASSWORD_MISSING" in p.stderr and "Traceback" not in p.stderr


def test_district_init_runs_the_bundled_migrations(bundle, tmp_path):
    folder = tmp_path / "district"
    p = run(bundle, "--data-dir", str(tmp_path / "data"), "district", "init", "--district-dir",
            str(folder), "--district-code", "330106", "--name", "西湖区",
            env={"CUNWU_KEY_PASSPHRASE": PASSWORD}, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    with sqlite3.connect(folder / "district.sqlite3") as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]


@pytest.fixture(scope="module")
def made_demo(bundle, tmp_path_factory) -> tuple[Path, str]:
    """One demo village made by the built program (its folder, the accounts' password); the
    tests that need one work on a copy (a demo takes the program about six seconds)."""
    work = tmp_path_factory.mktemp("bundle-demo")
    p = run(bundle, "--data-dir", str(work / "demo"), "demo", "--json", cwd=work)
    assert p.returncode == 0, p.stderr
    return work / "demo", json.loads(p.stdout)["password"]


def _demo(made_demo, tmp_path: Path) -> tuple[Path, dict]:
    """A copy of the demo village in tmp_path, and the environment that logs in as its admin."""
    made, password = made_demo
    data = tmp_path / "demo"
    shutil.copytree(made, data)
    return data, {"CUNWU_USER": "admin", "CUNWU_PASSWORD": password}


def test_demo(bundle, made_demo, tmp_path):
    data, user = _demo(made_demo, tmp_path)
    assert user["CUNWU_PASSWORD"]
    p = run(bundle, "--data-dir", str(data), "audit", "verify", "--json", cwd=tmp_path)
    assert p.returncode == 0, p.stderr


def test_resources_are_bundled(bundle):
    internal = bundle / "_internal"
    assert (internal / "resources" / "fonts" / "wqy-microhei.ttc").is_file()
    assert list((internal / "cunwu" / "locale").glob("*/LC_MESSAGES/cunwu.mo"))
    assert (internal / "cunwu" / "store" / "migrations" / "env.py").is_file()
    assert list((internal / "cunwu" / "store" / "migrations" / "versions").glob("*.py"))
    assert (internal / "cunwu" / "district" / "migrations" / "env.py").is_file()
    assert list((internal / "cunwu" / "district" / "migrations" / "versions").glob("*.py"))
    web = internal / "cunwu" / "district" / "web"  # the district workbench's pages and scripts
    assert (web / "templates" / "base.html").is_file() and (web / "static" / "vendor" / "htmx.min.js").is_file()
    # PySide6-Essentials only: no WebEngine.
    assert not list(internal.rglob("*WebEngine*"))


def test_window_starts(bundle, made_demo, tmp_path):
    """The window's Qt libraries and plugins are in the bundle: it starts (offscreen) and
    keeps running until closed, instead of failing on a missing module or plugin."""
    data, _user = _demo(made_demo, tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CUNWU_", "PYTHON"))}
    env.update({"CUNWU_LANG": "zh_CN", "QT_QPA_PLATFORM": "offscreen"})
    window = subprocess.Popen([str(bundle / "cunwu"), "--data-dir", str(data)], cwd=tmp_path,
                              env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        code = window.wait(timeout=6)
    except subprocess.TimeoutExpired:
        code = None  # still open: good
    finally:
        window.kill()
        _out, err = window.communicate()
    assert code is None, f"the window exited with {code}: {err[-3000:]}"
    assert "Traceback" not in err
    assert (bundle / "_internal" / "PySide6" / "Qt" / "plugins" / "platforms" / "libqxcb.so").is_file()


def test_size(bundle):
    """The folder, files counted once (PyInstaller's links into the top folder are not)."""
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    total = sum(p.stat().st_size for p in files) / 2**20
    assert total <= MAX_MB, f"{total:.1f} MB"
    internal = bundle / "_internal"
    qt = internal / "PySide6" / "Qt"
    # The cuts that keep it there (docs/packaging.md): the GTK theme and embedded platforms,
    # the libraries only they need, Pillow's codecs, other countries' data, ICU's data.
    assert not (qt / "plugins" / "platformthemes" / "libqgtk3.so").exists()
    assert not list((qt / "plugins").glob("platforms/libqeglfs*"))
    assert not list(internal.glob("libgtk-3*")) and not list(internal.glob("libcairo*"))
    assert not list(internal.glob("PIL/_avif*")) and not list(internal.glob("PIL/_webp*"))
    assert {p.name for p in (internal / "stdnum").iterdir() if p.is_dir()} <= {"cn", "__pycache__"}
    assert all(p.stat().st_size < 100_000 for p in (qt / "lib").glob("libicudata.so.*"))
    assert not [p for p in internal.rglob("*") if p.is_symlink() and not p.exists()]


def test_printed_notice(bundle, made_demo, tmp_path):
    """ReportLab, its QR code widget (imported by name) and the bundled font in the program."""
    data, _user = _demo(made_demo, tmp_path)
    p = run(bundle, "--data-dir", str(data), "disclosures", "list", "--json", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    notice = json.loads(p.stdout)[0]
    out = tmp_path / "notice.pdf"
    p = run(bundle, "--data-dir", str(data), "disclosures", "print", notice["uuid"], "--out",
            str(out), lang="zh_CN", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    fonts = pdftools.fonts(out)
    assert fonts and all(f["emb"] == "yes" and f["sub"] == "yes" for f in fonts), fonts
    assert all("WenQuanYi" in f["name"] for f in fonts), fonts
    assert notice["title"] in pdftools.text(out).replace(" ", "")


def test_district_on_postgresql(bundle, tmp_path, pg_server):
    """psycopg's binary module (PSYCOPG_IMPL=binary: no fallback to a system libpq) talks to
    a real PostgreSQL server from the built program."""
    url = pg_server.create_database("installer_district")
    env = {"PSYCOPG_IMPL": "binary", "CUNWU_KEY_PASSPHRASE": "district passphrase",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
           "CUNWU_DISTRICT_DIR": str(tmp_path / "district")}
    p = run(bundle, "--data-dir", str(tmp_path), "district", "init", "--district-code", "330106",
            "--name", "西湖区", "--db-url", url, "--admin", "admin",
            env=env | {"CUNWU_NEW_PASSWORD": PASSWORD}, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    p = run(bundle, "--data-dir", str(tmp_path), "district", "status", "--json",
            env=env | {"CUNWU_USER": "admin", "CUNWU_PASSWORD": PASSWORD}, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    json.loads(p.stdout)


def test_keyring(bundle, made_demo, tmp_path):
    """keyring and its backends are in the program: every system's backend is bundled (Windows
    Credential Manager on Windows), a backend named in PYTHON_KEYRING_BACKEND loads and keeps
    the village's signing key, and with none the key goes to a sealed file."""
    toc = (bundle.parent.parent / "build" / "build_installer" / "PYZ-00.toc").read_text(
        encoding="utf-8")
    for module in ("keyring.backends.Windows", "keyring.backends.SecretService",
                   "keyring.backends.chainer", "cunwu.sync.memory_keyring"):
        assert f"'{module}'" in toc, module
    data, user = _demo(made_demo, tmp_path)
    memory = {"PYTHON_KEYRING_BACKEND": "cunwu.sync.memory_keyring.MemoryKeyring", **user}
    p = run(bundle, "--data-dir", str(data), "sync", "enrol-request", "--out",
            str(tmp_path / "req.json"), env=memory, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "No system keyring" not in p.stderr and "Traceback" not in p.stderr
    assert (tmp_path / "req.json").is_file()

    none = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
            "CUNWU_KEY_PASSPHRASE": "village passphrase", **user}
    p = run(bundle, "--data-dir", str(data), "sync", "enrol-request", "--new-key", "--out",
            str(tmp_path / "req2.json"), env=none, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "No system keyring" in p.stderr

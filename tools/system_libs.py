"""Which shared libraries of the system the window's Qt parts (and the browser tests' driver)
cannot find (`ldd … => not found`).

`./run` and `./run tests` call this before starting Qt, so a machine that lacks a library says
which one (and the Debian package that has it) instead of failing later inside an import; the
suite runs it too, so the package lists in `run` cannot drift from what PySide6 really loads.
Standard library only: it must work before anything else does.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The Qt plugins the window loads on Linux: the X11 and offscreen platforms with their GL
# integrations, keyboard input, image formats, icons and printing (CUPS). Wayland desktops use
# xcb through XWayland, and the GTK theme plugin is not used (the app styles itself).
PLUGINS = ("platforms/libqxcb.so", "platforms/libqoffscreen.so", "xcbglintegrations/*.so",
           "platforminputcontexts/libcomposeplatforminputcontextplugin.so",
           "platforminputcontexts/libibusplatforminputcontextplugin.so",
           "imageformats/*.so", "iconengines/*.so", "printsupport/*.so")

# Debian 12 packages that provide each library Qt's parts link to (for the message only; the
# check itself is ldd's answer).
PACKAGES = {
    "libglib-2.0.so.0": "libglib2.0-0", "libgthread-2.0.so.0": "libglib2.0-0",
    "libEGL.so.1": "libegl1", "libGL.so.1": "libgl1", "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1", "libdbus-1.so.3": "libdbus-1-3",
    "libfontconfig.so.1": "libfontconfig1", "libfreetype.so.6": "libfreetype6",
    "libxkbcommon.so.0": "libxkbcommon0", "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb.so.1": "libxcb1", "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4", "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0", "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0", "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0", "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-shm.so.0": "libxcb-shm0", "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1", "libxcb-render.so.0": "libxcb-render0",
    "libxcb-glx.so.0": "libxcb-glx0", "libbrotlidec.so.1": "libbrotli1",
    "libbrotlicommon.so.1": "libbrotli1", "libcups.so.2": "libcups2",
    "libatomic.so.1": "libatomic1",  # Playwright's Node.js, which drives chromium in the tests
}


def pyside_dir() -> Path | None:
    spec = importlib.util.find_spec("PySide6")  # finds the package without importing Qt
    return Path(next(iter(spec.submodule_search_locations))) if spec else None


def qt_modules() -> list[str]:
    """The PySide6 modules the code imports, read from the code."""
    names = set()
    for path in (ROOT / "cunwu").rglob("*.py"):
        names.update(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    return sorted(names)


def targets(base: Path, tests: bool = False) -> list[Path]:
    files = [base / f"{name}.abi3.so" for name in qt_modules()]
    for pattern in PLUGINS:
        files += sorted((base / "Qt" / "plugins").glob(pattern))
    # The browser tests' driver (a test dependency): its Node.js links to system libraries too.
    driver = importlib.util.find_spec("playwright") if tests else None
    if driver is not None:
        files.append(Path(next(iter(driver.submodule_search_locations))) / "driver" / "node")
    return [f for f in files if f.exists()]


def missing(tests: bool = False) -> dict[str, set[str]]:
    """{library: {file that needs it}} for every library ldd cannot find (`tests`: the test
    tools' too)."""
    base = pyside_dir()
    if base is None or not shutil.which("ldd"):
        return {}
    found: dict[str, set[str]] = {}
    for f in targets(base, tests):
        out = subprocess.run(["ldd", str(f)], capture_output=True, text=True).stdout
        for lib in re.findall(r"^\s*(\S+) => not found", out, re.M):
            found.setdefault(lib, set()).add(f.name if base not in f.parents else
                                             str(f.relative_to(base)))
    return found


def main() -> int:
    if not sys.platform.startswith("linux"):
        return 0
    gaps = missing(tests="--tests" in sys.argv[1:])
    if not gaps:
        return 0
    print("Qt (or a test tool) cannot find these system libraries:", file=sys.stderr)
    for lib, users in sorted(gaps.items()):
        package = PACKAGES.get(lib, "?")
        print(f"  {lib}  (Debian package {package}; needed by {', '.join(sorted(users)[:3])})",
              file=sys.stderr)
    packages = sorted({PACKAGES.get(lib, "?") for lib in gaps} - {"?"})
    if packages:
        print(f"install them with: apt-get install {' '.join(packages)}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())

"""Refresh the district workbench's vendored scripts from their npm packages: htmx (partial page
updates) and Apache ECharts (charts), each with its licence, into cunwu/district/web/static/vendor.

The workbench loads nothing from outside the server (district offices are often offline), so the
files are committed. Run `python tools/web_assets.py` (needs `npm`); pass NAME@VERSION to move a
package to another version. vendor/MANIFEST.json records the versions and SHA-256 of each file.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "cunwu/district/web/static/vendor"
MANIFEST = VENDOR / "MANIFEST.json"

# npm package -> (pinned version, {file in the package: name in vendor/})
PACKAGES = {
    "htmx.org": ("2.0.11", {"dist/htmx.min.js": "htmx.min.js", "LICENSE": "htmx.LICENSE"}),
    "echarts": ("6.1.0", {"dist/echarts.min.js": "echarts.min.js", "LICENSE": "echarts.LICENSE",
                          "NOTICE": "echarts.NOTICE"}),
}


def _pack(name: str, version: str, work: Path) -> Path:
    """The package's tarball as the registry serves it (npm checks its integrity)."""
    out = subprocess.run(["npm", "pack", f"{name}@{version}", "--silent"], cwd=work, check=True,
                         capture_output=True, text=True).stdout.split()
    return work / out[-1]


def refresh(versions: dict[str, str]) -> dict:
    manifest: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, (pinned, files) in PACKAGES.items():
            version = versions.get(name, pinned)
            tarball = _pack(name, version, Path(tmp))
            entry = {"version": version, "files": {}}
            with tarfile.open(tarball) as tar:
                for inside, target in files.items():
                    data = tar.extractfile(f"package/{inside}").read()
                    (VENDOR / target).write_bytes(data)
                    entry["files"][target] = hashlib.sha256(data).hexdigest()
            manifest[name] = entry
    MANIFEST.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str]) -> int:
    versions = dict(arg.rsplit("@", 1) for arg in argv)
    unknown = set(versions) - set(PACKAGES)
    if unknown:
        print(f"unknown package(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    VENDOR.mkdir(parents=True, exist_ok=True)
    for name, entry in refresh(versions).items():
        print(f"{name} {entry['version']}: {', '.join(entry['files'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

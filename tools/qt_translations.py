"""Refresh the window's Qt Linguist catalog: collect every tr()/translate() string from
cunwu/ui into resources/translations/cunwu_zh_CN.ts (keeping existing translations), report
what is untranslated, and compile cunwu_zh_CN.qm.

    python tools/qt_translations.py                  # refresh, report, compile
    python tools/qt_translations.py --fill map.json  # also fill from {"English": "中文"}

Translate in Qt Linguist (pyside6-linguist) or with --fill, then run it again until it
reports 0 untranslated. The core's own messages live in tools/i18n.py's gettext catalog.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "cunwu" / "ui"
LANGUAGES = ("zh_CN",)


def tool(name: str) -> str:
    """The PySide6 tool beside this Python (a virtual environment), else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: install PySide6")
    return found


def ts_path(lang: str) -> Path:
    return ROOT / "resources" / "translations" / f"cunwu_{lang}.ts"


def lupdate(ts: Path, lang: str) -> None:
    files = sorted(str(p.relative_to(ROOT)) for p in SOURCES.rglob("*.py"))
    ts.parent.mkdir(parents=True, exist_ok=True)
    # No source locations: line numbers would churn the file on every edit.
    subprocess.run([tool("pyside6-lupdate"), *files, "-ts", str(ts.relative_to(ROOT)),
                    "-target-language", lang, "-no-obsolete", "-locations", "none",
                    "-silent"], cwd=ROOT, check=True)


def fill(ts: Path, mapping: dict[str, str]) -> int:
    """Put translations from `mapping` into unfinished entries; returns how many."""
    tree = ET.parse(ts)
    count = 0
    for message in tree.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if translation is None or translation.get("type") != "unfinished":
            continue
        if source in mapping and mapping[source]:
            translation.text = mapping[source]
            del translation.attrib["type"]
            count += 1
    if count:
        body = ET.tostring(tree.getroot(), encoding="unicode")
        ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                      encoding="utf-8")
    return count


def untranslated(ts: Path) -> list[tuple[str, str]]:
    missing = []
    for context in ET.parse(ts).iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") == "unfinished" \
                    or not (translation.text or "").strip():
                missing.append((name, message.findtext("source")))
    return missing


def lrelease(ts: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm",
                    str(ts.with_suffix(".qm"))], cwd=ROOT, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fill", type=Path, help="JSON object: English source → translation")
    args = parser.parse_args(argv)
    mapping = json.loads(args.fill.read_text(encoding="utf-8")) if args.fill else {}
    status = 0
    for lang in LANGUAGES:
        ts = ts_path(lang)
        lupdate(ts, lang)
        if mapping:
            print(f"{lang}: filled {fill(ts, mapping)}")
            lupdate(ts, lang)  # back to lupdate's own layout
        missing = untranslated(ts)
        for context, source in missing:
            print(f"untranslated ({lang}, {context}): {source!r}")
        lrelease(ts)
        total = sum(1 for _ in ET.parse(ts).iter("message"))
        print(f"{lang}: {total} messages, {len(missing)} untranslated")
        status = status or (1 if missing else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())

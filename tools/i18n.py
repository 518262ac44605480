"""Refresh the core's message catalog: extract `_()`/`N_()` strings from cunwu/ (not ui/,
which uses Qt Linguist), merge them into the zh_CN .po keeping existing translations,
and compile the .mo. Run it as `./run i18n`; then fill any empty msgstr and run it again.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "cunwu/locale/zh_CN/LC_MESSAGES/cunwu.po"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def extracted() -> Catalog:
    template = Catalog(project="cunwu")
    method_map = [("ui/**.py", "ignore"), ("**.py", "python")]
    for _file, _line, message, _comments, _ctx in extract_from_dir(
            ROOT / "cunwu", method_map, keywords=KEYWORDS):
        template.add(message)
    return template


def current() -> Catalog:
    if PO.exists():
        with PO.open("rb") as f:
            return read_po(f, locale="zh_CN")
    return Catalog(locale="zh_CN", project="cunwu")


def refreshed() -> Catalog:
    catalog = current()
    created = catalog.creation_date
    catalog.update(extracted(), no_fuzzy_matching=True)
    # update() stamps the template's time; keeping the file's own makes a refresh repeatable
    catalog.creation_date = created
    catalog.obsolete.clear()
    return catalog


def po_bytes(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, catalog, omit_header=False, sort_output=True, no_location=True, width=100)
    return buf.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def main() -> int:
    catalog = refreshed()
    PO.parent.mkdir(parents=True, exist_ok=True)
    PO.write_bytes(po_bytes(catalog))
    PO.with_suffix(".mo").write_bytes(mo_bytes(catalog))
    missing = [m.id for m in catalog if m.id and not m.string]
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    print(f"{len(catalog) - 1} messages, {len(missing)} untranslated")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())

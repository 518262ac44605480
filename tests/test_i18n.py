"""The core's catalog: every message has a Chinese translation, and the .mo is current."""

from __future__ import annotations

import string
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import i18n as catalog_tool  # noqa: E402

from cunwu import i18n  # noqa: E402
from cunwu.errors import MESSAGES, CunwuError  # noqa: E402


def test_every_message_is_translated_and_compiled():
    catalog = catalog_tool.refreshed()
    missing = [m.id for m in catalog if m.id and not m.string]
    assert missing == [], "run ./run i18n and translate these"
    assert catalog_tool.PO.read_bytes() == catalog_tool.po_bytes(catalog), "run ./run i18n"
    assert catalog_tool.PO.with_suffix(".mo").read_bytes() == catalog_tool.mo_bytes(catalog)


def test_every_error_reads_in_both_languages():
    for code in MESSAGES:
        params = {field: "x" for _text, field, _spec, _conv in
                  string.Formatter().parse(MESSAGES[code]) if field}
        i18n.set_language("zh_CN")
        zh = CunwuError(code, **params).message
        i18n.set_language("en")
        en = CunwuError(code, **params).message
        assert zh and en
        if code not in ("E_USAGE",):
            assert zh != en, code

"""The core's message catalog: gettext with English message ids, zh_CN by default.

The window translates its own widgets with Qt Linguist files; everything the core says
(errors, command output) goes through `_` here, so both front ends share one catalog.
"""

from __future__ import annotations

import gettext as _gettext
import os
from pathlib import Path

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
_LOCALE_DIR = Path(__file__).parent / "locale"

_language = None
_translation: _gettext.NullTranslations | None = None


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message


def language() -> str:
    if _language is None:
        set_language(os.environ.get("CUNWU_LANG") or DEFAULT_LANGUAGE)
    return _language


def set_language(lang: str) -> None:
    global _language, _translation
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    _language = lang
    if lang == "en":
        _translation = _gettext.NullTranslations()
    else:
        _translation = _gettext.translation("cunwu", _LOCALE_DIR, [lang], fallback=True)


def _(message: str) -> str:
    if _translation is None:
        language()
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    if _translation is None:
        language()
    return _translation.ngettext(singular, plural, n)


_catalogs: dict[str, _gettext.NullTranslations] = {}


def translate(message: str, lang: str) -> str:
    """`message` in `lang` whatever the process's language: the district's pages are written
    in Chinese even when its commands speak English."""
    if lang not in _catalogs:
        _catalogs[lang] = (_gettext.NullTranslations() if lang == "en" else
                           _gettext.translation("cunwu", _LOCALE_DIR, [lang], fallback=True))
    return _catalogs[lang].gettext(message)

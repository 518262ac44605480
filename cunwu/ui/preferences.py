"""The settings file and what it changes in the running window: font size, language and
the window's place on the screen. Changes apply at once and are saved at once.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from cunwu import i18n
from cunwu.config import FONT_SIZES, Paths, Settings, resources_dir
from cunwu.errors import CunwuError
from cunwu.ui.sizing import install_screen_fit
from cunwu.ui.style import stylesheet

log = logging.getLogger("cunwu.ui")

BUNDLED_FONT = "wqy-microhei.ttc"
# Windows' own Chinese UI font reads best there; the bundled font covers every other PC.
_SYSTEM_FAMILIES = ("Microsoft YaHei UI", "Microsoft YaHei") if sys.platform == "win32" else ()

_bundled_families: list[str] | None = None
# Translators belong to the application, not to one Preferences: a new one must be able to
# take the old language out.
_translators: list[QTranslator] = []


def load_bundled_font() -> list[str]:
    """Register the bundled Chinese font once per process; a PC without CJK fonts shows boxes
    otherwise."""
    global _bundled_families
    if _bundled_families is None:
        path = resources_dir() / "fonts" / BUNDLED_FONT
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load the bundled font %s", path)
            _bundled_families = []
        else:
            _bundled_families = list(QFontDatabase.applicationFontFamilies(font_id))
    return _bundled_families


def translations_dir() -> Path:
    return resources_dir() / "translations"


class Preferences:
    """One installation's window preferences, applied to the QApplication."""

    def __init__(self, app: QApplication, paths: Paths) -> None:
        self.app = app
        self.path = paths.settings
        self.settings = Settings.load(self.path)
        install_screen_fit(app)

    def apply(self) -> None:
        self.apply_language(self.settings.language)
        self.apply_font_size(self.settings.font_size)

    # -- font size ------------------------------------------------------------
    @property
    def point_size(self) -> int:
        return FONT_SIZES.get(self.settings.font_size, FONT_SIZES["normal"])

    def apply_font_size(self, key: str) -> None:
        points = FONT_SIZES.get(key, FONT_SIZES["normal"])
        font = QFont(self.app.font())
        families = [*_SYSTEM_FAMILIES, *load_bundled_font()]
        if families:
            font.setFamilies(families)
        font.setPointSize(points)
        self.app.setFont(font)
        self.app.setStyleSheet(stylesheet(points))

    def set_font_size(self, key: str) -> None:
        if key not in FONT_SIZES:
            raise ValueError(key)
        self.settings.font_size = key
        self.apply_font_size(key)
        self.save()

    # -- language -------------------------------------------------------------
    @property
    def language(self) -> str:
        return self.settings.language if self.settings.language in i18n.LANGUAGES \
            else i18n.DEFAULT_LANGUAGE

    def apply_language(self, lang: str) -> None:
        """Core catalog first, so that widgets re-reading core words on LanguageChange get
        the new language; then Qt's and our translators (installing one tells every widget)."""
        lang = lang if lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE
        i18n.set_language(lang)
        QLocale.setDefault(QLocale(lang if lang != "en" else "en_US"))
        while _translators:
            old = _translators.pop()
            self.app.removeTranslator(old)
            old.deleteLater()
        if lang == "en":
            return  # English is the source language: no translator needed
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in ((f"qtbase_{lang}", qt_dir), (f"cunwu_{lang}", str(translations_dir()))):
            translator = QTranslator(self.app)
            if translator.load(name, folder):
                self.app.installTranslator(translator)
                _translators.append(translator)
            else:
                log.warning("translation %s not found in %s", name, folder)

    def set_language(self, lang: str) -> None:
        if lang not in i18n.LANGUAGES:
            raise ValueError(lang)
        self.settings.language = lang
        self.apply_language(lang)
        self.save()

    # -- saving ---------------------------------------------------------------
    def save(self) -> None:
        """A preference that cannot be saved is no reason to stop work: log it and go on."""
        try:
            self.settings.save(self.path)
        except CunwuError as e:
            log.warning("settings not saved to %s: %s", self.path, e)

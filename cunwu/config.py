"""Where cunwu keeps its things: data folder, settings file, log, bundled resources."""

from __future__ import annotations

import json
import logging
import logging.handlers
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from cunwu import __version__
from cunwu.files import private, private_folder, write_atomic

APP_NAME = "cunwu"
DB_NAME = "cunwu.sqlite3"
SETTINGS_NAME = "settings.json"
VERSION = __version__

FONT_SIZES = {"normal": 12, "large": 15, "xlarge": 19}


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(arg: str | os.PathLike | None = None) -> Path:
    """--data-dir beats CUNWU_DATA_DIR beats the platform's user data folder."""
    chosen = arg or os.environ.get("CUNWU_DATA_DIR")
    return Path(chosen).expanduser().absolute() if chosen else default_data_dir()


def resources_dir() -> Path:
    """Fonts, translations and icons: beside the package, or inside a PyInstaller build."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


@dataclass
class Paths:
    data_dir: Path

    @property
    def db(self) -> Path:
        return self.data_dir / DB_NAME

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    @property
    def settings(self) -> Path:
        return self.data_dir / SETTINGS_NAME

    @property
    def window_lock(self) -> Path:
        return self.data_dir / ".window.lock"


@dataclass
class Settings:
    """Per-installation preferences (the window's look), not village rules."""

    language: str = "zh_CN"
    font_size: str = "normal"
    window_geometry: str = ""
    extra: dict = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> "Settings":
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        s = cls()
        for key in ("language", "font_size", "window_geometry"):
            if isinstance(raw.get(key), str):
                setattr(s, key, raw[key])
        if isinstance(raw.get("extra"), dict):
            s.extra = raw["extra"]
        if s.font_size not in FONT_SIZES:
            s.font_size = "normal"
        return s

    def save(self, path: Path) -> None:
        data = {"language": self.language, "font_size": self.font_size,
                "window_geometry": self.window_geometry, "extra": self.extra}
        write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))


# 18-digit resident ID numbers (and old 15-digit ones) never reach the log.
_ID_PATTERN = re.compile(r"(?<!\d)(\d{6})(\d{8}|\d{6})(\d{3}[\dXx]?)(?!\d)")


class RedactIdNumbers(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = _ID_PATTERN.sub(lambda m: m.group(1) + "*" * (len(m.group(0)) - 6), message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


class PrivateLog(logging.handlers.RotatingFileHandler):
    """The rotating log, owner-only (0600 on POSIX) each time it opens a new file."""

    def _open(self):
        stream = super()._open()
        private(Path(self.baseFilename))
        return stream


def setup_logging(paths: Paths) -> None:
    """A rotating log in the data folder; quiet if the folder cannot be written."""
    root = logging.getLogger("cunwu")
    target = paths.logs / "cunwu.log"
    for h in [h for h in root.handlers if getattr(h, "_cunwu", None)]:
        if h._cunwu == target:
            return
        root.removeHandler(h)  # another data folder in the same process (tests, restore)
        h.close()
    try:
        private_folder(paths.data_dir)
        private_folder(paths.logs)
        handler = PrivateLog(
            paths.logs / "cunwu.log", maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        return
    handler._cunwu = target
    handler.addFilter(RedactIdNumbers())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)

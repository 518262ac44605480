"""The bundled Chinese TrueType font (WenQuanYi Micro Hei), registered once, embedded as a
subset; and what to do with characters it lacks: show their code point, and say so.
"""

from __future__ import annotations

import threading
from functools import lru_cache

FONT = "WQYMicroHei"
FONT_FILE = "wqy-microhei.ttc"
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _font():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from cunwu.config import resources_dir

    # subfontIndex=0: the .ttc holds Micro Hei and Micro Hei Mono; ReportLab embeds a subset.
    font = TTFont(FONT, str(resources_dir() / "fonts" / FONT_FILE), subfontIndex=0)
    pdfmetrics.registerFont(font)
    return font


def register() -> str:
    """Register the font with ReportLab (idempotent, thread-safe); returns its name."""
    with _lock:
        _font()
    return FONT


def covered(ch: str) -> bool:
    return ch.isspace() or ord(ch) in _font().face.charToGlyph


def missing(text: str) -> list[str]:
    """Characters of `text` the font cannot draw, in order of first appearance."""
    if not text or text.isascii():
        return []
    cmap = _font().face.charToGlyph
    out = []
    for ch in text:
        if ord(ch) not in cmap and not ch.isspace() and ch not in out:
            out.append(ch)
    return out


def placeholder(ch: str) -> str:
    """How a character the font lacks appears on paper: its code point, never a blank."""
    return f"[U+{ord(ch):04X}]"


def drawable(text: str, lacking: set[str] | None = None) -> str:
    """`text` with every character the font lacks replaced by its placeholder.

    Characters replaced are added to `lacking` so the caller can report them.
    """
    gone = missing(text)
    if not gone:
        return text
    if lacking is not None:
        lacking.update(gone)
    return "".join(placeholder(c) if c in gone else c for c in text)

"""How table cells compare when a header is clicked: numbers (also "+5" and the digits inside
"10组" or a date) by value, Chinese by pinyin, other text without regard to case."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from PySide6.QtWidgets import QTableWidgetItem

_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
_DIGITS = re.compile(r"(\d+)")


def _spelled(text: str) -> str:
    # Imported at the first sort, not with the widgets: the login box shows before SQLAlchemy
    # (which the search module needs) has loaded.
    from cunwu.services.search import pinyin

    # a space after each syllable, so that 西安 (xi an) comes before 先 (xian)
    return "".join(f"{pinyin(c)[0] or c} " if "\u3400" <= c <= "\u9fff" else c.lower()
                   for c in text)


@lru_cache(maxsize=65536)
def sort_key(text: str) -> tuple:
    """(parts, text): (kind, value) parts, numbers before words; the text itself then keeps
    two names that sound alike (张, 章) apart and always in the same order."""
    text = text.strip()
    if _NUMBER.fullmatch(text):
        return ((0, Decimal(text)),), text  # exact for an 18-digit ID number
    # split() puts the runs of digits at the odd places
    parts = tuple((0, int(p)) if i % 2 else (1, _spelled(p))
                  for i, p in enumerate(_DIGITS.split(text)) if p)
    return parts, text


class SortItem(QTableWidgetItem):
    """A table cell that sorts by `sort_key` of its text."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        return sort_key(self.text()) < sort_key(other.text())

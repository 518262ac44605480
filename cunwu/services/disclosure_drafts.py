"""Saving a draft notice with what the clerk must check before sign-off: characters the
printing font cannot draw, and health or disability words a posted notice must not carry.
"""

from __future__ import annotations

from dataclasses import dataclass

from cunwu.domain.disclosures import Disclosure
from cunwu.services import disclosures


@dataclass
class Draft:
    disclosure: Disclosure
    lacking: list[str]  # characters the font has no glyph for
    health: list[str]  # health or disability words found in the text


def save_draft(store, actor, data: dict, *, uuid: str | None = None,
               corrects: str | None = None) -> Draft:
    """A new draft (or, with uuid, the draft changed) and its warnings."""
    from cunwu.printing import fonts, masking

    d = disclosures.update(store, actor, uuid, data) if uuid else \
        disclosures.add(store, actor, data, corrects=corrects)
    text = " ".join([d.title, d.body, d.tables, d.place, d.phone])
    return Draft(d, fonts.missing(text), masking.health_words(text))

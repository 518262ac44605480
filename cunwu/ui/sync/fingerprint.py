"""A key's fingerprint as two clerks read it to each other by phone: groups of four
characters, four groups to a line."""

from __future__ import annotations


def readable(fingerprint: str | None) -> str:
    groups = (fingerprint or "").split()
    if len(groups) == 1:  # an ungrouped one (an older file): group it here
        text = groups[0]
        groups = [text[i:i + 4] for i in range(0, len(text), 4)]
    return "\n".join(" ".join(groups[i:i + 4]) for i in range(0, len(groups), 4))

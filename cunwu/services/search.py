"""Finding people: the FTS5 trigram index over name, pinyin (full and initials) and ID
number, kept in step with `persons` inside the same transaction, and ranked, paged search.

SQLite 3.40's trigram tokenizer cannot match fewer than three characters, so the index
also holds the name and the initials with every character written three times
("张伟强" → "张张张伟伟伟强强强"): a 1-character query "伟" becomes "伟伟伟", and a
2-character query "伟强" becomes "伟伟强", which occurs there only where 伟 is followed by 强.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache

from sqlalchemy import text

_KEEP = re.compile(r"[^0-9a-z\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=None)
def _char_pinyin(char: str) -> str:
    # Per-character readings are all the index needs. pypinyin's phrase table would add
    # ~190,000 objects (40 MB) that every full garbage collection walks: a pause the window
    # feels while scrolling. pypinyin reads this switch when first imported.
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "true")
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(char)).lower()


def pinyin(name: str) -> tuple[str, str]:
    """(full pinyin, initials) of a name: 张伟强 → ("zhangweiqiang", "zwq")."""
    syllables = [_char_pinyin(c) for c in name if not c.isspace() and c != "·"]
    syllables = [s for s in (_KEEP.sub("", s) for s in syllables) if s]
    return "".join(syllables), "".join(s[0] for s in syllables)


def _triple(value: str) -> str:
    return "".join(c * 3 for c in value)


def index_row(name: str, id_number: str | None) -> tuple:
    full, initials = pinyin(name)
    bare = _KEEP.sub("", name.lower())
    return (name, full, initials, id_number or "", _triple(bare), _triple(initials))


_INSERT_FTS = ("INSERT INTO person_fts(rowid, name, pinyin, initials, id_number, name3, initials3) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)")


def index_new(session, people: list[tuple[str, str, str | None]]) -> None:
    """Add (uuid, name, id_number) of new persons to the index, in bulk."""
    if not people:
        return
    raw = session.connection().connection.driver_connection
    start = raw.execute("SELECT coalesce(max(id), 0) FROM person_search").fetchone()[0]
    raw.executemany("INSERT INTO person_search(id, person_uuid) VALUES (?, ?)",
                    ((start + i + 1, p[0]) for i, p in enumerate(people)))
    raw.executemany(_INSERT_FTS, ((start + i + 1, *index_row(p[1], p[2]))
                                  for i, p in enumerate(people)))


def reindex(session, people: list[tuple[str, str, str | None]]) -> None:
    """Refresh the index rows of changed persons (new ones are added)."""
    raw = session.connection().connection.driver_connection
    fresh = []
    for uuid, name, id_number in people:
        row = raw.execute("SELECT id FROM person_search WHERE person_uuid = ?", (uuid,)).fetchone()
        if row is None:
            fresh.append((uuid, name, id_number))
            continue
        raw.execute("DELETE FROM person_fts WHERE rowid = ?", (row[0],))
        raw.execute(_INSERT_FTS, (row[0], *index_row(name, id_number)))
    index_new(session, fresh)


def rebuild(session) -> int:
    """Rebuild the whole index from persons (after a restore, or if it is ever in doubt)."""
    session.execute(text("DELETE FROM person_fts"))
    session.execute(text("DELETE FROM person_search"))
    people = session.execute(text(
        "SELECT uuid, name, id_number FROM persons ORDER BY created_at, uuid")).all()
    index_new(session, [tuple(p) for p in people])
    return len(people)


def normalise_query(query: str) -> str:
    q = unicodedata.normalize("NFKC", query or "").strip().lower()
    return q


def match_expression(query: str) -> str | None:
    """The FTS5 MATCH string for what a clerk typed, or None when it can match nothing."""
    q = normalise_query(query)
    if not q:
        return None
    if re.fullmatch(r"[\d\sx]+", q) and any(c.isdigit() for c in q):
        digits = re.sub(r"\s", "", q)
        if len(digits) < 3:
            return None
        return f'id_number : "{digits}"'
    if re.fullmatch(r"[a-z\s]+", q):
        letters = re.sub(r"\s", "", q)
        if len(letters) >= 3:
            return f'{{pinyin initials}} : "{letters}"'
        if len(letters) == 2:
            # initials (zw) or a syllable (ma, li, wu): the trigram index finds the syllable
            # as any of the 52 trigrams around it
            around = " OR ".join(f'"{letters}{c}" OR "{c}{letters}"'
                                 for c in "abcdefghijklmnopqrstuvwxyz")
            return f'initials3 : "{_short(letters)}" OR pinyin : ({around})'
        return f'initials3 : "{_short(letters)}"'
    name = _KEEP.sub("", q)
    if not name:
        return None
    if len(name) >= 3:
        return f'name : "{name}"'
    return f'name3 : "{_short(name)}"'


def _short(value: str) -> str:
    """The tripled-column phrase for a 1- or 2-character query (see the module docstring)."""
    return value * 3 if len(value) == 1 else value[0] * 2 + value[1]

"""The special groups a roster names (低保, 特困供养, 残疾 …): checked with each row by the tag
rules, and opened with the import's people in its one transaction, all or nothing, through
the record writer the person dialog's 添加 uses (`monitoring.add_tag_row`)."""

from __future__ import annotations

from sqlalchemy import text

from cunwu import clock
from cunwu.domain.monitoring import DERIVED_TAG, tag_data
from cunwu.io.roster_rows import Row
from cunwu.services.monitoring import add_tag_row


def clean_groups(row: Row) -> Row:
    """Each group's details checked (E_TAG_UNKNOWN, E_TAG_DATA); 高龄 comes from the age, so
    a roster that lists it adds nothing."""
    row.tags = {tag: tag_data(tag, data) for tag, data in row.tags.items() if tag != DERIVED_TAG}
    return row


def add_groups(session, uow, people: list[tuple[str, Row]]) -> int:
    """Open each group a row names that its person has no open record of (a roster loaded
    twice adds nothing); returns how many were (or, without uow, would be) added."""
    wanted = [(uuid, tag, details, row.tag_since) for uuid, row in people
              for tag, details in row.tags.items()]
    if not wanted:
        return 0
    today = clock.today()
    open_now = set(session.execute(text(
        "SELECT person_uuid, tag FROM person_tags WHERE until IS NULL OR until >= :today"),
        {"today": today.isoformat()}).all())
    added = 0
    for uuid, tag, details, since in wanted:
        if (uuid, tag) in open_now:
            continue
        open_now.add((uuid, tag))
        if uow is not None:
            add_tag_row(uow, uuid, tag, since=since or today, details=details)
        added += 1
    return added

"""A fuzzer for what an enrolled village signs: properly signed and sealed bundles whose op
lines are mutated. The importer applies, refuses (E_BUNDLE_PAYLOAD) or quarantines each one
whole, never crashes, and what it applies passes the row checks again when read back.

A couple of hundred cases by default; CUNWU_FUZZ_CASES=10000 for a long run on demand
(CUNWU_FUZZ_SEED picks the sequence, so a failure can be replayed).
"""

from __future__ import annotations

import os
import random

import pytest

from district_support import enrol_key, forge, household, op_lines
from sync_support import district_counts

CASES = int(os.environ.get("CUNWU_FUZZ_CASES", "200"))
SEED = int(os.environ.get("CUNWU_FUZZ_SEED", "20261126"))
# Bytes that matter to JSON and to the checks: quotes, brackets, escapes, digits, signs, the
# separators of UUIDs and dates, a newline, bad UTF-8, a Chinese character.
TOKENS = [b'"', b"\\", b"{", b"}", b"[", b"]", b",", b":", b"0", b"9", b"-", b"+", b"e", b".",
          b"\n", b"null", b"true", b"NaN", b"1e999", b"\xff", "户".encode(), b'"x":1,', b"\\u0000"]


def _lines(rng: random.Random) -> list[bytes]:
    made = [household(i) for i in range(rng.randint(1, 6))]
    ops = [("households", r["uuid"], "upsert", 1, r) for r in made]
    if rng.random() < 0.3:
        ops.append(("households", made[0]["uuid"], "delete", 2, None))
    lines = op_lines(ops)
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(lines))
        b = bytearray(lines[i])
        at = rng.randrange(len(b) + 1)
        kind = rng.randrange(4)
        if kind == 0:
            b[at:at] = rng.choice(TOKENS)
        elif kind == 1:
            del b[at:at + rng.randint(1, 8)]
        elif kind == 2 and b:
            b[min(at, len(b) - 1)] ^= 1 << rng.randrange(8)
        else:
            b[at:at + rng.randint(1, 8)] = rng.choice(TOKENS)
        lines[i] = bytes(b)
    return lines


@pytest.mark.parametrize("store", ["district", "pg_district"])
def test_mutated_ops_are_applied_refused_or_quarantined_whole(store, request):
    from cunwu.district import importer, report, rows
    from cunwu.errors import CunwuError

    d = request.getfixturevalue(store)
    rng = random.Random(SEED)
    seen: dict[str, int] = {}
    cases = CASES if store == "district" else CASES // 4
    for case in range(cases):
        lines = _lines(rng)
        if b"\n" in b"".join(lines):  # a newline makes more lines than the envelope counts
            lines = b"\n".join(lines).split(b"\n")
        before = district_counts(d)
        village = f"330106{case + 10:06d}"  # each case a fresh village: every bundle its first
        private, key_id = enrol_key(d, village, f"村{case}")
        try:
            out = importer.import_bytes(d, forge(d, private, key_id, village, lines))
            outcome = out.status
        except CunwuError as e:
            outcome = e.code
            assert e.code in ("E_BUNDLE_PAYLOAD", "E_BUNDLE_QUARANTINED"), (case, e.code, e.params)
            after = district_counts(d)
            assert after["records"] == before["records"] and after["bundles"] == before["bundles"], case
        seen[outcome] = seen.get(outcome, 0) + 1
    with d.engine.connect() as conn:  # what was applied reads back as rows that pass the checks
        held = conn.exec_driver_sql("SELECT entity, uuid, row FROM records").fetchall()
    for entity, uuid, text in held:
        value = rows.stored(text)
        assert value is None if text == "null" else value is not None and value["uuid"] == uuid, text
    report.report(d)
    assert {"applied", "E_BUNDLE_PAYLOAD", "E_BUNDLE_QUARANTINED"} <= seen.keys(), seen
    print(f"ops fuzz [{store}]: {cases} cases, seed {SEED}: {seen}")


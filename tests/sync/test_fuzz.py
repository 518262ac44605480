"""A fuzzer that mutates valid bundles: the importer never crashes, hangs or writes.

A few hundred cases by default; CUNWU_FUZZ_CASES=10000 for a long run on demand
(CUNWU_FUZZ_SEED picks the sequence, so a failure can be replayed).
"""

from __future__ import annotations

import os
import random
import time

from cunwu.district import importer
from cunwu.errors import CunwuError
from sync_support import add_households, district_counts, entries_of, export, rezip

CASES = int(os.environ.get("CUNWU_FUZZ_CASES", "300"))
SEED = int(os.environ.get("CUNWU_FUZZ_SEED", "20261122"))
NAMES = ["envelope.json", "envelope.sig", "payload.bin"]


def _mutate(rng: random.Random, data: bytes, parts: dict[str, bytes]) -> bytes:
    kind = rng.randrange(8)
    b = bytearray(data)
    if kind == 0:  # flip bits
        for _ in range(rng.randint(1, 8)):
            b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
    elif kind == 1:  # overwrite a run with interesting bytes
        at = rng.randrange(len(b))
        b[at:at + 4] = rng.choice([b"\xff\xff\xff\xff", b"\x00\x00\x00\x00", b"\x7f\xff\xff\xff", b"PK\x05\x06"])
    elif kind == 2:  # truncate
        del b[rng.randrange(len(b)):]
    elif kind == 3:  # insert junk
        at = rng.randrange(len(b))
        b[at:at] = rng.randbytes(rng.randint(1, 64))
    elif kind == 4:  # delete a slice
        at = rng.randrange(len(b))
        del b[at:at + rng.randint(1, 64)]
    elif kind == 5:  # duplicate a slice
        at = rng.randrange(len(b))
        b[at:at] = b[at:at + rng.randint(1, 256)]
    else:  # re-zip with one entry mutated, renamed, dropped or repeated (CRCs right)
        entries = [(n, bytearray(parts[n])) for n in NAMES]
        i = rng.randrange(3)
        name, body = entries[i]
        action = rng.randrange(5)
        if action == 0 and body:
            body[rng.randrange(len(body))] ^= 1 << rng.randrange(8)
        elif action == 1:
            entries[i] = (rng.choice(["../" + name, name.upper(), name + "/", "x"]), body)
        elif action == 2:
            del entries[i]
        elif action == 3:
            entries.append((name, body))
        else:
            entries[i] = (name, body[: rng.randrange(len(body) + 1)])
        rng.shuffle(entries) if rng.random() < 0.3 else None
        return rezip([(n, bytes(v)) for n, v in entries])
    return bytes(b)


def test_mutated_bundles_never_crash_hang_or_write(enrolled, admin, district, tmp_path):
    add_households(enrolled, admin, 40)
    data = export(enrolled, admin, tmp_path / "usb").read_bytes()
    assert importer.import_bytes(district, data).status == "applied"  # mutants must add nothing
    before = district_counts(district)
    parts = entries_of(data)
    rng = random.Random(SEED)
    codes: dict[str, int] = {}
    slowest = 0.0
    for case in range(CASES):
        mutant = _mutate(rng, data, parts)
        started = time.perf_counter()
        try:
            outcome = importer.import_bytes(district, mutant)
            assert outcome.status == "already", f"case {case} applied a mutant"
            codes["already"] = codes.get("already", 0) + 1
        except CunwuError as e:
            assert e.code.startswith("E_BUNDLE_"), (case, e)
            codes[e.code] = codes.get(e.code, 0) + 1
        slowest = max(slowest, time.perf_counter() - started)
    assert district_counts(district) == before
    assert slowest < 5.0, f"one case took {slowest:.1f} s"
    assert len(codes) >= 4, codes  # the mutations reach several stages
    print(f"fuzz: {CASES} cases, seed {SEED}, slowest {slowest * 1000:.1f} ms, {codes}")

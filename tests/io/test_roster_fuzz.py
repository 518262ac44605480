"""A fuzzer that mutates real rosters (xlsx, xls, csv): bytes, zip entries, shared strings,
cell types and text encodings. Each import ends in a coded refusal that changes nothing, or an
import that adds up (every row imported, updated, unchanged or rejected with its reason);
never E_INTERNAL, another exception or a hang.

A few hundred cases by default; CUNWU_FUZZ=long runs 10,000 (CUNWU_FUZZ_CASES sets any
number, CUNWU_FUZZ_SEED picks the sequence so a failure can be replayed).
"""

from __future__ import annotations

import io
import os
import random
import time
import zipfile
from pathlib import Path

from sqlalchemy import text

from cunwu.errors import CunwuError
from cunwu.services import roster_import
from roster_files import person_row, write_csv, write_xlsx

CASES = int(os.environ.get("CUNWU_FUZZ_CASES")
            or (10_000 if os.environ.get("CUNWU_FUZZ") == "long" else 300))
SEED = int(os.environ.get("CUNWU_FUZZ_SEED", "20261126"))
SLOWEST = 10.0  # seconds for one import
FIXTURES = Path(__file__).parent / "fixtures"
ODD = ["\x00", "\u202e", "\u2066", "\x1b", "\ufeff", "\ud800", "../../x", "1" * 1000, "字" * 30_000,
       "=1+1", "TRUE", "1.10105194912E+17", "-", "", "13800138000123", "<![CDATA[x]]>", "&amp;"]


def _counts(store) -> tuple[int, int, int]:
    with store.engine.connect() as c:
        return tuple(c.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                     for t in ("persons", "households", "change_log"))


def _bytes(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    kind = rng.randrange(5)
    if kind == 0:
        for _ in range(rng.randint(1, 8)):
            b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
    elif kind == 1:
        del b[rng.randrange(len(b)):]
    elif kind == 2:
        at = rng.randrange(len(b))
        b[at:at] = rng.randbytes(rng.randint(1, 64))
    elif kind == 3:
        at = rng.randrange(len(b))
        del b[at:at + rng.randint(1, 64)]
    else:
        at = rng.randrange(len(b))
        b[at:at] = b[at:at + rng.randint(1, 256)]
    return bytes(b)


def _xml_text(rng: random.Random, xml: str) -> str:
    """A sheet or shared-strings entry with a value, a cell type or the structure changed."""
    kind = rng.randrange(6)
    if kind == 0 and "<t" in xml:  # a shared string replaced by something odd
        parts = xml.split("<t", 1 + rng.randrange(xml.count("<t")))
        head, tail = "<t".join(parts[:-1]), parts[-1]
        close = tail.find("</t>")
        if close > 0:
            start = tail.find(">") + 1
            odd = rng.choice(ODD).replace("&", "&amp;").replace("<", "&lt;")
            return head + "<t" + tail[:start] + odd + tail[close:]
    if kind == 1:  # a cell's type changed: number, boolean, error, inline or formula text
        return xml.replace(' t="s"', rng.choice([' t="n"', ' t="b"', ' t="e"', ' t="str"', ' t="x"']), 1 + rng.randrange(3))
    if kind == 2:  # a value replaced
        return xml.replace("<v>", "<v>" + rng.choice(["-1", "1e308", "NaN", "99999999", "x", ""]), 1)
    if kind == 3:  # the dimension or a row number changed
        return xml.replace('r="3"', rng.choice(['r="1048577"', 'r="0"', 'r="-1"', 'r="A"']), 1)
    if kind == 4:
        return xml[: rng.randrange(len(xml) + 1)]
    return xml.replace("<", "<" * rng.randint(1, 3), 1)


def _xlsx(rng: random.Random, data: bytes) -> bytes:
    if rng.random() < 0.3:
        return _bytes(rng, data)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        entries = [(i.filename, z.read(i)) for i in z.infolist()]
    targets = [i for i, (n, _) in enumerate(entries)
               if n.endswith(("sharedStrings.xml", "sheet1.xml", "workbook.xml", "styles.xml"))]
    i = rng.choice(targets)
    name, body = entries[i]
    action = rng.randrange(4)
    if action == 0:
        del entries[i]
    elif action == 1:
        entries[i] = (name, rng.randbytes(rng.randint(0, 200)))
    else:
        for _ in range(rng.randint(1, 3)):
            body = _xml_text(rng, body.decode("utf-8", "replace")).encode("utf-8", "surrogatepass")
        entries[i] = (name, body)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in entries:
            z.writestr(n, b)
    return out.getvalue()


def _csv(rng: random.Random, data: bytes) -> bytes:
    kind = rng.randrange(4)
    textual = data.decode("utf-8-sig")
    if kind == 0:  # another encoding: GBK is read, UTF-16 and others are refused by name
        return textual.encode(rng.choice(["gbk", "utf-16", "utf-16-le", "gb18030", "big5", "utf-8"]),
                              errors="replace")
    if kind == 1:  # an odd value in a random cell
        lines = textual.split("\n")
        row = rng.randrange(len(lines))
        cells = lines[row].split(",")
        cells[rng.randrange(len(cells))] = rng.choice(ODD)
        lines[row] = ",".join(cells)
        return "\n".join(lines).encode("utf-8", "surrogatepass")
    if kind == 2:  # quotes that never close, or a line of a million commas
        return (textual + rng.choice(['"unclosed,', "," * 1_000_000, "\x00" * 100])).encode()
    return _bytes(rng, data)


def test_mutated_rosters_never_crash_hang_or_write_half(store, clerk, tmp_path):
    rows = [person_row(i, name) for i, name in enumerate(["张三", "李四", "王五", "赵六", "孙七", "周八"])]
    seeds = {".xlsx": write_xlsx(tmp_path / "r.xlsx", rows).read_bytes(),
             ".csv": write_csv(tmp_path / "r.csv", rows).read_bytes(),
             ".xls": (FIXTURES / "roster.xls").read_bytes()}
    mutate = {".xlsx": _xlsx, ".csv": _csv, ".xls": _bytes}
    rng = random.Random(SEED)
    outcomes: dict[str, int] = {}
    slowest = 0.0
    for case in range(CASES):
        ext = rng.choice(sorted(seeds))
        path = tmp_path / f"case{ext}"
        path.write_bytes(mutate[ext](rng, seeds[ext]))
        before = _counts(store)
        if os.environ.get("CUNWU_FUZZ_TRACE"):
            print("case", case, ext, flush=True)
            path.with_name(f"last{ext}").write_bytes(path.read_bytes())
        started = time.perf_counter()
        try:
            result = roster_import.import_roster(store, clerk, path)
        except CunwuError as e:
            # a guard's refusal is coded too, but says the import itself wrote something wrong
            assert e.code not in ("E_INTERNAL", "E_STORE_UNLOGGED_WRITE"), (case, ext, e)
            assert _counts(store) == before, (case, ext, e.code)
            outcomes[e.code] = outcomes.get(e.code, 0) + 1
        else:
            assert result.imported + result.updated + result.unchanged + len(result.rejected) \
                == result.rows, (case, ext, result.json())
            assert _counts(store)[0] == before[0] + result.imported, (case, ext)
            key = "imported" if not result.rejected else "imported, rows rejected"
            outcomes[key] = outcomes.get(key, 0) + 1
        took = time.perf_counter() - started
        assert took < SLOWEST, f"case {case} ({ext}) took {took:.1f} s"
        slowest = max(slowest, took)
    assert len(outcomes) >= 4, outcomes  # the mutations reach several stages
    print(f"roster fuzz: {CASES} cases, seed {SEED}, slowest {slowest * 1000:.0f} ms, {outcomes}")

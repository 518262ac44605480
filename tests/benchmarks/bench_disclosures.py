"""Benchmark: a 低保 notice of 2,000 rows to PDF, against the floor of a plain ReportLab
table of the same rows and font. Prints the figures; exits 1 when a target is missed.

Targets: ≤ 2 s, ≤ 1.3 × the floor, file ≤ 1.5 MB. Run: python tests/benchmarks/bench_disclosures.py
"""

from __future__ import annotations

import io
import random
import statistics
import sys
import time

ROWS = 2000
COLUMNS = ["序号", "户主姓名", "身份证号", "村民小组", "保障人数", "月保障金额（元）", "起始年月"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def rows(n: int = ROWS) -> list[list[str]]:
    rng = random.Random(6)
    out = []
    for i in range(n):
        masked_id = f"330106********{rng.randint(0, 999):03d}{rng.choice('0123456789X')}"
        out.append([str(i + 1), rng.choice(SURNAMES) + "*" * rng.choice((1, 2)), masked_id,
                    f"第{rng.randint(1, 12)}村民小组", str(rng.randint(1, 5)),
                    f"{rng.randint(4, 30) * 50}.00", f"2026-0{rng.randint(1, 9)}"])
    return out


def floor(data: list[list[str]]) -> bytes:
    """A plain ReportLab table: same rows, same font, header repeated, grid."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    from cunwu.printing import fonts

    f = fonts.register()
    buf = io.BytesIO()
    table = Table([COLUMNS] + data, repeatRows=1)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), f, 9.5),
                               ("GRID", (0, 0), (-1, -1), 0.5, colors.grey)]))
    SimpleDocTemplate(buf, pagesize=A4).build([table])
    return buf.getvalue()


class StoredNotice:
    """A 低保 notice of the given rows kept in a fresh store; printing reads it back."""

    def __init__(self, data: list[list[str]]) -> None:
        import tempfile
        from pathlib import Path

        from cunwu.services import disclosures as svc
        from cunwu.services.village import admin_actor, init_village

        self.tmp = tempfile.TemporaryDirectory()
        self.store = init_village(Path(self.tmp.name) / "data", code="330106001001",
                                  name="青山村", district_code="330106", admin="admin",
                                  password="bench-pass-1")
        admin = admin_actor(self.store, "admin")
        d = svc.add(self.store, admin, {
            "kind": "dibao", "title": "2026年第三季度城乡居民最低生活保障对象公示",
            "period": "2026Q3", "posting_date": "2026-10-08", "phone": "0571-88886666",
            "body": "根据《社会救助暂行办法》，经村民代表会议民主评议、乡镇审核，现将本村低保对象公示如下。",
            "tables": [{"title": "低保对象名单", "columns": COLUMNS, "rows": data}]})
        self.uuid = d.uuid

    def __call__(self, _data) -> bytes:
        from cunwu.services.disclosure_print import print_pdf

        return print_pdf(self.store, self.uuid).pdf

    def close(self) -> None:
        self.store.close()
        self.tmp.cleanup()


def timed(fn, data, repeat: int = 3) -> tuple[float, float, bytes]:
    """Median wall time and median CPU time of `repeat` runs (CPU time is steadier on a
    busy machine), and the last output."""
    walls, cpus, out = [], [], b""
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        out = fn(data)
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return statistics.median(walls), statistics.median(cpus), out


def main() -> int:
    from cunwu.printing import fonts

    fonts.register()  # loading the font file is the same for both; not measured
    data = rows()
    notice = StoredNotice(data)
    try:
        floor(data[:50])
        notice(data)  # warm imports
        w_floor, t_floor, pdf_floor = timed(floor, data)
        w_notice, t_notice, pdf_notice = timed(notice, data)
    finally:
        notice.close()
    ratio = t_notice / t_floor
    size_mb = len(pdf_notice) / 1e6
    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(pdf_notice)).pages)
    print(f"rows: {ROWS}")
    print(f"floor (plain ReportLab table): cpu {t_floor:.3f} s, wall {w_floor:.3f} s, "
          f"{len(pdf_floor) / 1e6:.3f} MB")
    print(f"notice (read from the store, masked, printed): cpu {t_notice:.3f} s, "
          f"wall {w_notice:.3f} s, {size_mb:.3f} MB, {pages} pages")
    print(f"ratio to floor (cpu): {ratio:.2f}")
    ok = t_notice <= 2.0 and ratio <= 1.3 and size_mb <= 1.5
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

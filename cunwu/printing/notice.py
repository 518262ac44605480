"""The printed disclosure notice (村务公开): title, village, period, body, tables, 公示期,
where posted, 监督电话, the supervisor's sign-off, the seal area, the verification code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether

from cunwu.printing import flowables as fl
from cunwu.printing import masking, page


@dataclass
class NoticeTable:
    title: str
    columns: list[str]
    rows: list[list]


@dataclass
class Notice:
    """Everything printed on a notice, as plain values (no store objects)."""

    village: str
    category: str  # 党务 / 村务 / 财务
    title: str
    period_from: dt.date
    period_to: dt.date
    body: str = ""
    tables: list[NoticeTable] = field(default_factory=list)
    posting_date: dt.date | None = None
    posting_days: int = 7
    place: str = ""
    phone: str = ""
    signed_by: str = ""
    signed_on: dt.date | None = None
    corrects: str = ""  # "《title》（核验码 …）" of the notice this one corrects
    code: str = ""
    qr_payload: str = ""
    draft: bool = False


@dataclass
class Printed:
    pdf: bytes
    lacking: list[str]  # characters the font lacks, printed as their code point
    health: list[str] = field(default_factory=list)  # health words found: check before posting


def all_text(n: Notice) -> str:
    parts = [n.title, n.body]
    for t in n.tables:
        parts.append(t.title)
        parts.extend(t.columns)
        parts.extend(str(v) for row in t.rows for v in row)
    return "\n".join(parts)


def cn_date(d: dt.date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else "____年__月__日"


def period_text(a: dt.date, b: dt.date) -> str:
    return f"{cn_date(a)}至{cn_date(b)}"


def issuer(village: str) -> str:
    """村民委员会 for a village, 居民委员会 for an urban community (社区)."""
    return f"{village}{'居民委员会' if village.endswith('社区') else '村民委员会'}"


def story(n: Notice, clean: fl.Text) -> list:
    st = fl.styles()
    out = [fl.para(n.title, st["title"], clean),
           fl.para(f"公开类别：{n.category}　公开期间：{period_text(n.period_from, n.period_to)}",
                   st["subtitle"], clean)]
    if n.corrects:
        out.append(fl.para(f"本公告更正此前发布的{n.corrects}，原公告作废。", st["plain"], clean))
    out += fl.body(n.body, st, clean)
    for t in n.tables:
        if t.title:
            # Not keepWithNext: that would push a long table whole onto the next page.
            out.append(CondPageBreak(30 * mm))
            out.append(fl.para(t.title, st["caption"], clean))
        out.append(fl.data_table(t.columns, t.rows, clean))
    out.append(fl.gap(5))
    closing = []  # the posting facts and the seal area stay on one page
    end = None
    if n.posting_date:
        end = n.posting_date + dt.timedelta(days=max(n.posting_days, 1) - 1)
    lines = [f"公示期：{period_text(n.posting_date, end) if end else '自张贴之日起'}（{n.posting_days}天）",
             f"张贴地点：{n.place or '村务公开栏'}"]
    for line in lines:
        closing.append(fl.para(line, st["plain"], clean))
    # The 监督电话 is public on purpose: never masked, even when it is a mobile number.
    closing.append(fl.para(f"监督电话：{n.phone or '________'}", st["plain"],
                           fl.Text(mask=False, lacking=clean.lacking)))
    closing.append(fl.para("公示期内如有意见或异议，请向村务监督委员会或村民委员会反映，也可向乡镇（街道）反映。",
                       st["plain"], clean))
    closing.append(fl.gap(6))
    signer = n.signed_by or "__________"
    left = [f"村务监督委员会审核：{signer}（签字）", f"审核日期：{cn_date(n.signed_on)}"]
    right = [issuer(n.village), cn_date(n.posting_date)]
    closing.append(fl.SealArea(left, right, clean))
    out.append(KeepTogether(closing))
    return out


def render(n: Notice, out: str | Path | None = None) -> Printed:
    """The notice as a PDF (written to `out` when given)."""
    clean = fl.Text()
    pieces = story(n, clean)
    heading = f"{n.category}公开" + (" · 草稿（未经审核，不得张贴）" if n.draft else "")
    info = page.SheetInfo(village=n.village, heading=heading, title=n.title,
                          code=n.code, qr_payload=n.qr_payload, draft=n.draft)
    pdf = page.build(pieces, info, out)
    return Printed(pdf, sorted(clean.lacking), masking.health_words(all_text(n)))

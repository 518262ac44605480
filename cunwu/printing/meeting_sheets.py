"""A meeting's printed sheets: the sign-in sheet (签到表) with the expected names and an empty
signature column, and the minutes (会议记录) with attendance, items, votes, resolutions and
the signature and seal area. Built on the shared A4 sheet (page.py, flowables.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Table, TableStyle

from cunwu.printing import flowables as fl
from cunwu.printing import fonts, page
from cunwu.printing.notice import Printed, cn_date, issuer

SIGN_ROW = 11 * mm
NUMERALS = "一二三四五六七八九十"
NAMES_INLINE = 80  # longer lists of names are left to the sign-in sheet


@dataclass
class Item:
    title: str
    votes: tuple[int, int, int] | None  # 同意, 反对, 弃权
    passed: bool
    resolution: str = ""


@dataclass
class Concern:
    raised_by: str
    topic: str
    answer: str = ""
    follow_up: str = ""


@dataclass
class MeetingSheet:
    """Everything printed about one meeting, as plain values (no store objects)."""

    village: str
    kind: str
    title: str
    held_at: dt.datetime  # local time
    place: str = ""
    chair: str = ""
    recorder: str = ""
    expected: list[str] = field(default_factory=list)  # names, in sign-in order
    present: list[str] = field(default_factory=list)
    excused: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    quorum_met: bool = True
    quorum: str = ""  # the village's rules as stored: ">=2/3", ">1/2", "" (none needed)
    households: str = ""
    passing: str = ">1/2"
    households_expected: int = 0
    households_present: int = 0
    items: list[Item] = field(default_factory=list)
    minutes: str = ""
    concerns: list[Concern] = field(default_factory=list)
    corrects: str = ""  # "2026年11月20日的记录" when this corrects an earlier one
    correction_reason: str = ""


def cn_number(n: int) -> str:
    if n <= 10:
        return "零一二三四五六七八九十"[n]
    return str(n)


def cn_share(rule: str) -> str:
    """">1/2" → 过半数, ">=2/3" → 三分之二以上（含本数）."""
    strict = not rule.startswith(">=")
    num, den = (int(x) for x in rule.lstrip(">=").split("/"))
    if strict and (num, den) == (1, 2):
        return "过半数"
    share = f"{cn_number(den)}分之{cn_number(num)}"
    return f"超过{share}" if strict else f"{share}以上（含本数）"


def quorum_text(sheet: "MeetingSheet") -> str:
    """The rule as printed, always in Chinese (a printed record is the village's, not the PC's)."""
    if not sheet.quorum:
        return "本会议不设法定人数。"
    text = f"应到人员{cn_share(sheet.quorum)}出席"
    if sheet.households:
        text += f"，或{cn_share(sheet.households)}的户的代表出席（应到{sheet.households_expected}户，" \
                f"实到{sheet.households_present}户）"
    return text + f"；决定须经到会人员{cn_share(sheet.passing)}同意。"


def cn_time(moment: dt.datetime) -> str:
    return f"{cn_date(moment.date())} {moment:%H:%M}"


def item_label(i: int) -> str:
    return f"议题{NUMERALS[i] if i < len(NUMERALS) else i + 1}"


def _facts(sheet: MeetingSheet, clean: fl.Text) -> list:
    st = fl.styles()
    return [fl.para(sheet.title, st["title"], clean),
            fl.para(f"{sheet.village}　{sheet.kind}　{cn_time(sheet.held_at)}"
                    + (f"　{sheet.place}" if sheet.place else ""), st["subtitle"], clean)]


def signin_story(sheet: MeetingSheet, clean: fl.Text) -> list:
    """Two people per row (序号, 姓名, 签名 twice), tall rows to sign in, header repeated."""
    st = fl.styles()
    out = _facts(sheet, clean)
    out.insert(1, fl.para("签　到　表", st["subtitle"], clean))
    out.append(fl.para(f"应到 {len(sheet.expected)} 人　　实到 ______ 人　　请假 ______ 人",
                       st["plain"], clean))
    out.append(fl.gap(2))
    head = ["序号", "姓名", "签名", "序号", "姓名", "签名"]
    rows = []
    names = [clean.clean(n) for n in sheet.expected]
    # Row by row (1 2 / 3 4 …), so the order reads on across page breaks.
    for j in range(0, len(names), 2):
        row = [str(j + 1), names[j], ""]
        row += [str(j + 2), names[j + 1], ""] if j + 1 < len(names) else ["", "", ""]
        rows.append(row)
    if not rows:
        rows = [["", "", "", "", "", ""] for _ in range(10)]
    w = page.FRAME_W / 2
    widths = [w * 0.14, w * 0.34, w * 0.52] * 2
    table = Table([head] + rows, colWidths=widths, rowHeights=[8 * mm] + [SIGN_ROW] * len(rows),
                  repeatRows=1, hAlign="CENTER")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), fonts.FONT, 11),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#555555")),
        ("LINEAFTER", (2, 0), (2, -1), 1.5, colors.HexColor("#222222")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    out.append(table)
    out.append(fl.gap(6))
    out.append(KeepTogether([fl.para("主持人（签字）：____________　　　记录人（签字）：____________",
                                     st["plain"], clean)]))
    return out


def _tally_table(sheet: MeetingSheet, clean: fl.Text):
    rows = []
    for i, item in enumerate(sheet.items):
        if item.votes is None:
            rows.append([item_label(i), item.title, "", "", "", "未表决"])
        else:
            result = "通过" if item.passed else ("无效" if not sheet.quorum_met else "未通过")
            rows.append([item_label(i), item.title, *map(str, item.votes), result])
    w = page.FRAME_W
    return fl.data_table(["序号", "议题", "同意", "反对", "弃权", "结果"], rows, clean,
                         col_widths=[w * 0.11, w * 0.49, w * 0.09, w * 0.09, w * 0.09, w * 0.13])


def minutes_story(sheet: MeetingSheet, clean: fl.Text) -> list:
    st = fl.styles()
    out = _facts(sheet, clean)
    out.insert(1, fl.para("会　议　记　录", st["subtitle"], clean))
    if sheet.corrects:
        out.append(fl.para(f"本记录更正{sheet.corrects}，原记录作废。更正原因：{sheet.correction_reason}",
                           st["plain"], clean))
    facts = [["主持人", sheet.chair or "", "记录人", sheet.recorder or ""],
             ["应到", f"{len(sheet.expected)} 人", "实到", f"{len(sheet.present)} 人"],
             ["请假", f"{len(sheet.excused)} 人", "缺席", f"{len(sheet.absent)} 人"]]
    w = page.FRAME_W
    out.append(fl.data_table(["项目", "内容", "项目", "内容"], facts, clean,
                             col_widths=[w * 0.14, w * 0.36, w * 0.14, w * 0.36]))
    out.append(fl.gap(3))
    out.append(fl.para(f"法定人数：{quorum_text(sheet)}", st["plain"], clean))
    if sheet.quorum_met and sheet.quorum:
        out.append(fl.para("出席人数符合规定，会议有效。", st["plain"], clean))
    elif not sheet.quorum_met:
        out.append(fl.para("出席人数未达到法定人数，本次会议所作决定无效，须另行召开会议表决。",
                           st["caption"], clean))
    for label, names in (("实到人员", sheet.present), ("请假人员", sheet.excused),
                         ("缺席人员", sheet.absent)):
        if len(names) > NAMES_INLINE:  # a 村民会议: the sign-in sheet is the list
            out.append(fl.para(f"{label}：共 {len(names)} 人，名单见签到表。", st["plain"], clean))
        elif names:
            out.append(fl.para(f"{label}：{'、'.join(names)}", st["plain"], clean))
    if sheet.items:
        out.append(CondPageBreak(30 * mm))
        out.append(fl.para("议题与表决", st["caption"], clean))
        out.append(_tally_table(sheet, clean))
        out.append(fl.gap(3))
        for i, item in enumerate(sheet.items):
            if item.resolution:
                out.append(fl.para(f"{item_label(i)}决议：{item.resolution}", st["plain"], clean))
    if sheet.minutes.strip():
        out.append(CondPageBreak(30 * mm))
        out.append(fl.para("会议记录", st["caption"], clean))
        out += fl.body(sheet.minutes, st, clean)
    if sheet.concerns:
        out.append(CondPageBreak(30 * mm))
        out.append(fl.para("民情诉求", st["caption"], clean))
        out.append(fl.data_table(["提出人", "诉求", "答复", "跟进"],
                                 [[c.raised_by, c.topic, c.answer, c.follow_up] for c in sheet.concerns],
                                 clean, col_widths=[w * 0.14, w * 0.34, w * 0.28, w * 0.24]))
    out.append(fl.gap(8))
    left = ["主持人（签字）：__________", "记录人（签字）：__________", "参会人员代表（签字）：__________"]
    right = [issuer(sheet.village), cn_date(sheet.held_at.date())]
    out.append(fl.SealArea(left, right, clean, height=48 * mm))
    return out


def render(sheet: MeetingSheet, what: str, out: str | Path | None = None) -> Printed:
    """The sign-in sheet ("signin") or the minutes ("minutes") as a PDF."""
    clean = fl.Text()
    fonts.register()
    if what == "signin":
        story, heading = signin_story(sheet, clean), f"{sheet.kind} · 签到表"
    else:
        story, heading = minutes_story(sheet, clean), f"{sheet.kind} · 会议记录"
    info = page.SheetInfo(village=sheet.village, heading=heading, title=sheet.title)
    pdf = page.build(story, info, out)
    return Printed(pdf, sorted(clean.lacking))

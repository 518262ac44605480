"""The 入户核查表 printed for a visit about a case (工单): who, what the case is about, the
household's members, and blank lines for what the visitor finds, with the signatures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.platypus import KeepTogether

from cunwu.printing import flowables as fl
from cunwu.printing import page
from cunwu.printing.notice import Printed, cn_date, issuer

# What a 入户核查 looks at, each with room to write.
CHECKS = ("家庭成员及健康状况", "住房状况", "收入来源及就业情况", "主要困难及诉求", "核查意见")


@dataclass
class CheckSheet:
    village: str
    number: str
    category: str
    title: str
    name: str
    household: str = ""  # 户号, 村民小组
    address: str = ""
    due: dt.date | None = None
    handler: str = ""
    members: list[list] = field(default_factory=list)  # 姓名, 与户主关系, 年龄, 状况, 特殊群体
    printed_on: dt.date = field(default_factory=dt.date.today)


def check_sheet(doc: CheckSheet, out: str | Path | None = None) -> Printed:
    clean = fl.Text()
    st = fl.styles()
    story = [fl.para(f"{doc.village}入户核查表", st["title"], clean),
             fl.para(f"工单 {doc.number}　{doc.category}　办理时限 {cn_date(doc.due) if doc.due else '—'}",
                     st["subtitle"], clean),
             fl.para(f"核查对象：{doc.name}　{doc.household}", st["plain"], clean),
             fl.para(f"住址：{doc.address or '—'}", st["plain"], clean),
             fl.para(f"事由：{doc.title}", st["plain"], clean),
             fl.para(f"承办人：{doc.handler or '—'}", st["plain"], clean)]
    if doc.members:
        story += [fl.para("家庭成员", st["caption"], clean),
                  fl.data_table(["姓名", "与户主关系", "年龄", "状况", "特殊群体"], doc.members, clean)]
    for check in CHECKS:
        story += [fl.para(check, st["caption"], clean),
                  fl.para("＿" * 40, st["plain"], clean), fl.para("＿" * 40, st["plain"], clean)]
    story.append(KeepTogether([
        fl.gap(6),
        fl.SealArea(["核查人（签字）：__________", "被核查人（签字或按手印）：__________",
                     "核查日期：____年__月__日"], [issuer(doc.village), cn_date(doc.printed_on)], clean)]))
    info = page.SheetInfo(village=doc.village, heading="入户核查表", title=f"入户核查表 {doc.number}")
    return Printed(page.build(story, info, out), sorted(clean.lacking))

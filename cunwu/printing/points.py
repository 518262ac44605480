"""Printed sheets of the points system: the 积分公示 list of an activity, and the receipt of
a redemption at the 积分超市. Both sit on the shared A4 sheet (page.py, flowables.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.platypus import KeepTogether

from cunwu.printing import flowables as fl
from cunwu.printing import page
from cunwu.printing.notice import Printed, cn_date, issuer, period_text


@dataclass
class PublicityList:
    """积分公示: who earned how many points at one activity, for the display period."""

    village: str
    title: str
    held_on: dt.date
    place: str
    organiser: str
    rule: str  # "参加环境整治 +5 分/次（第2版）"
    rows: list[list] = field(default_factory=list)  # 序号, 姓名, 村民小组, 户号, 数量, 积分
    published_on: dt.date | None = None
    days: int = 7
    approved_by: str = ""
    draft: bool = False


@dataclass
class Receipt:
    """兑换凭证: what was taken, for how many points, and the balance left."""

    village: str
    number: str
    name: str
    redeemed_on: dt.date
    lines: list[list] = field(default_factory=list)  # 商品, 单价, 数量, 积分
    total: int = 0
    balance_after: int = 0
    scope: str = "person"  # whose balance: the person's or the household's
    clerk: str = ""
    reversed: bool = False


def publicity_list(doc: PublicityList, out: str | Path | None = None) -> Printed:
    clean = fl.Text()
    st = fl.styles()
    ends = doc.published_on + dt.timedelta(days=max(doc.days, 1) - 1) if doc.published_on else None
    story = [fl.para(f"{doc.village}志愿服务积分公示", st["title"], clean),
             fl.para(f"{doc.title}　{cn_date(doc.held_on)}", st["subtitle"], clean),
             fl.para(f"活动地点：{doc.place or '—'}　组织者：{doc.organiser or '—'}", st["plain"], clean),
             fl.para(f"积分规则：{doc.rule}", st["plain"], clean),
             fl.para("经审核，现将本次活动参与人员及所得积分公示如下：", st["body"], clean),
             fl.data_table(["序号", "姓名", "村民小组", "户号", "数量", "积分"], doc.rows, clean),
             fl.gap(5)]
    closing = [fl.para(f"公示期：{period_text(doc.published_on, ends) if ends else '自张贴之日起'}"
                       f"（{doc.days}天）", st["plain"], clean),
               fl.para("公示期内如有异议，请向村务监督委员会或村民委员会反映；公示期满无异议的积分记入积分台账。",
                       st["plain"], clean),
               fl.gap(6),
               fl.SealArea([f"审核人：{doc.approved_by or '__________'}（签字）"],
                           [issuer(doc.village), cn_date(doc.published_on)], clean)]
    story.append(KeepTogether(closing))
    info = page.SheetInfo(village=doc.village, heading="志愿服务积分公示", title=doc.title,
                          draft=doc.draft)
    return Printed(page.build(story, info, out), sorted(clean.lacking))


def receipt(doc: Receipt, out: str | Path | None = None) -> Printed:
    clean = fl.Text()
    st = fl.styles()
    whose = "本户" if doc.scope == "household" else "本人"
    story = [fl.para(f"{doc.village}积分超市兑换凭证", st["title"], clean),
             fl.para(f"凭证号 {doc.number}　{cn_date(doc.redeemed_on)}", st["subtitle"], clean)]
    if doc.reversed:
        story.append(fl.para("本次兑换已撤销，积分和商品已退回。", st["plain"], clean))
    story += [fl.para(f"兑换人：{doc.name}", st["plain"], clean),
              fl.data_table(["商品", "单价（分）", "数量", "积分"], doc.lines, clean),
              fl.gap(3),
              fl.para(f"合计扣除积分：{doc.total} 分　　{whose}剩余积分：{doc.balance_after} 分",
                      st["plain"], clean),
              fl.gap(8),
              fl.SealArea(["兑换人签字：__________", f"经办人：{doc.clerk}"],
                          [issuer(doc.village), cn_date(doc.redeemed_on)], clean)]
    info = page.SheetInfo(village=doc.village, heading="积分超市", title=f"兑换凭证 {doc.number}")
    return Printed(page.build(story, info, out), sorted(clean.lacking))

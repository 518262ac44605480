"""The 积分公示 list and the redemption receipt: their text, masking, embedded fonts."""

from __future__ import annotations

import datetime as dt
import re

from cunwu.printing import points
from tests.printing import pdftools


def test_publicity_list_shows_people_points_and_period(tmp_path):
    rows = [[str(i + 1), f"王{i}", "第1组", f"H{i:03d}", "2次", "+10"] for i in range(80)]
    rows.append(["81", "李四 11010519491231002X", "第2组", "H100", "1次", "+5"])
    out = tmp_path / "list.pdf"
    printed = points.publicity_list(points.PublicityList(
        village="青山村", title="春季环境整治", held_on=dt.date(2026, 3, 2), place="村文化广场",
        organiser="村委会", rule="参加环境整治 +5 分/次（第1版）", rows=rows,
        published_on=dt.date(2026, 3, 2), days=7, approved_by="李监督"), out)
    assert printed.lacking == []
    pages = pdftools.pages(out)
    assert len(pages) >= 2 and all("序号" in p for p in pages)  # header on every page
    flat = re.sub(r"\s+", "", pdftools.text(out))
    assert "青山村志愿服务积分公示" in flat and "2026年3月2日至2026年3月8日（7天）" in flat
    assert "11010519491231002X" not in flat and "110105********002X" in flat
    assert all(f["emb"] == "yes" for f in pdftools.fonts(out))


def test_receipt_shows_goods_total_and_balance(tmp_path):
    out = tmp_path / "receipt.pdf"
    points.receipt(points.Receipt(
        village="青山村", number="2026-00017", name="张三", redeemed_on=dt.date(2026, 3, 10),
        lines=[["洗衣粉", "4", "2", "8"], ["食用油", "20", "1", "20"]], total=28,
        balance_after=12, scope="household", clerk="clerk"), out)
    flat = re.sub(r"\s+", "", pdftools.text(out))
    for text in ("积分超市兑换凭证", "2026-00017", "张三", "洗衣粉", "食用油",
                 "合计扣除积分：28分", "本户剩余积分：12分", "兑换人签字"):
        assert text in flat, text

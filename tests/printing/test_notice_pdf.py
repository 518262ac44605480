"""The printed notice: text, masking, embedded subset font, tables split with headers."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest

from cunwu.printing import notice
from tests.printing import pdftools

FULL_ID = "11010519491231002X"
PHONE = "13812345678"


def _notice(rows: int = 5, **kw) -> notice.Notice:
    data = [[f"张{i}", FULL_ID, f"第{i % 5 + 1}组", str(i % 3 + 1), "650.00", PHONE]
            for i in range(rows)]
    table = notice.NoticeTable("低保对象名单", ["户主姓名", "身份证号", "村民小组", "保障人数",
                                                "月保障金额（元）", "联系电话"], data)
    base = dict(village="青山村", category="村务", title="2026年第三季度低保对象公示",
                period_from=dt.date(2026, 7, 1), period_to=dt.date(2026, 9, 30),
                body=f"经评议，现将低保对象公示如下。联系人电话{PHONE}。", tables=[table],
                posting_date=dt.date(2026, 10, 8), posting_days=7, place="村委会公开栏",
                phone="0571-88886666", signed_by="李四", signed_on=dt.date(2026, 10, 7),
                code="ABCD-EFGH-JKMN", qr_payload="CW1:X:Y")
    base.update(kw)
    return notice.Notice(**base)


@pytest.fixture
def pdf(tmp_path):
    out = tmp_path / "n.pdf"
    notice.render(_notice(), out)
    return out


def test_text_has_title_village_masks_and_no_personal_numbers(pdf):
    text = pdftools.text(pdf)
    flat = re.sub(r"\s+", "", text)
    assert "2026年第三季度低保对象公示" in flat
    assert "青山村" in flat
    assert "110105********002X" in flat
    assert FULL_ID not in flat and PHONE not in flat
    assert "138****5678" in flat
    assert "0571-88886666" in flat  # the 监督电话 is public
    assert "监督电话" in flat and "公示期" in flat and "2026年10月8日" in flat
    assert "第1页共1页" in flat
    assert "ABCD-EFGH-JKMN" in flat


def test_chinese_font_embedded_as_subset_only(pdf):
    fonts = pdftools.fonts(pdf)
    assert fonts, "no fonts listed"
    for f in fonts:
        assert f["emb"] == "yes" and f["sub"] == "yes", f
        assert re.match(r"^[A-Z]{6}\+WenQuanYi", f["name"]), f


def test_long_table_splits_with_header_on_every_page(tmp_path):
    out = tmp_path / "long.pdf"
    notice.render(_notice(rows=200), out)
    pages = pdftools.pages(out)
    assert len(pages) >= 4
    table_pages = [p for p in pages if "张1" in p or "张199" in p or "110105" in p]
    assert len(table_pages) >= 4
    for p in table_pages:
        assert "户主姓名" in p and "身份证号" in p
    for p_no, p in enumerate(pages, start=1):
        assert f"第{p_no}页共{len(pages)}页" in re.sub(r"\s+", "", p)
    flat = "".join(pages)
    assert all(f"张{i} " in flat or f"张{i}\n" in flat for i in (0, 100, 199))


def test_characters_outside_the_font_are_shown_and_reported(tmp_path):
    out = tmp_path / "rare.pdf"
    printed = notice.render(_notice(title="关于吉𠮷同学的公示"), out)
    assert printed.lacking == ["𠮷"]
    assert "[U+20BB7]" in re.sub(r"\s+", "", pdftools.text(out))


def test_draft_is_marked(tmp_path):
    out = tmp_path / "d.pdf"
    notice.render(_notice(draft=True), out)
    assert "草稿" in pdftools.text(out)


def test_page_one_renders_to_png(pdf, tmp_path):
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "p")], check=True)
    png = next(tmp_path.glob("p*.png"))
    assert png.stat().st_size > 5000


def test_health_words_are_reported(tmp_path):
    printed = notice.render(_notice(body="户主患有精神病，长期住院。"), tmp_path / "h.pdf")
    assert printed.health == ["患有", "住院", "精神病"]
    assert notice.render(_notice(), tmp_path / "ok.pdf").health == []

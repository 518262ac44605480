"""Masks for personal data on paper (DOMAIN.md: ID, phone, name)."""

from cunwu.domain.idnumbers import mask
from cunwu.printing import masking


def test_id_number_mask():
    assert mask("11010519491231002X") == "110105********002X"
    assert mask("11010519491231002x") == "110105********002X"
    assert mask("440524800101001") == "440524******001"


def test_phone_mask():
    assert masking.mask_phone("13800000000") == "138****0000"
    assert masking.mask_phone("138 0000 0000") == "138****0000"
    assert masking.mask_phone("0571-88886666") == "********6666"


def test_name_mask():
    assert masking.mask_name("张三") == "张*"
    assert masking.mask_name("张三丰") == "张*"
    assert masking.mask_name("欧阳娜娜") == "欧阳*"
    assert masking.mask_name("张") == "张*"
    assert masking.mask_name("") == ""


def test_scrub_masks_numbers_in_free_text():
    text = "户主11010519491231002X，电话13812345678，老号440524800101001，金额600.00"
    out = masking.scrub(text)
    assert "11010519491231002X" not in out and "110105********002X" in out
    assert "13812345678" not in out and "138****5678" in out
    assert "440524******001" in out
    assert "600.00" in out
    assert masking.has_personal_numbers(text) and not masking.has_personal_numbers(out)


def test_scrub_leaves_dates_and_amounts():
    text = "2026年7月1日，合计 123456.78 元，编号 20260701"
    assert masking.scrub(text) == text


def test_scrub_masks_bank_account_numbers():
    out = masking.scrub("一卡通账号 6222021234567890123 已发放")
    assert out == "一卡通账号 6222***********0123 已发放"
    assert masking.scrub("20260701") == "20260701"

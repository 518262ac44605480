"""Names, sexes, statuses, relations, tag data."""

import pytest

from cunwu.domain import monitoring, residents
from cunwu.errors import CunwuError


@pytest.mark.parametrize("raw,clean", [("阿依古丽·买买提", "阿依古丽·买买提"),
                                       ("阿依古丽.买买提", "阿依古丽·买买提"),
                                       ("阿依古丽 · 买买提", "阿依古丽·买买提"),
                                       ("张  伟", "张伟"), (" 王芳 ", "王芳"),
                                       ("John  Smith", "John Smith")])
def test_names(raw, clean):
    assert residents.clean_name(raw) == clean


@pytest.mark.parametrize("raw", ["", "  ", "张3", "·张三"])
def test_bad_names(raw):
    with pytest.raises(CunwuError):
        residents.clean_name(raw)


def test_sex_status_relation():
    assert residents.clean_sex("女性") == "女"
    with pytest.raises(CunwuError):
        residents.clean_sex("?")
    assert residents.clean_status("") == "户籍在册"
    with pytest.raises(CunwuError):
        residents.clean_status("失踪")
    assert residents.clean_relation("妻") == "配偶"
    assert residents.clean_relation("堂兄") == "其他"


def test_tag_data():
    assert monitoring.tag_data("低保", {"covered": "3", "monthly_amount": "560"}) == \
        {"covered": 3, "monthly_amount": "560.00"}
    assert monitoring.tag_data("残疾", {"type": "肢体", "level": "二级", "two_subsidies": True}) == \
        {"type": "肢体", "level": "二级", "two_subsidies": True}
    with pytest.raises(CunwuError):
        monitoring.tag_data("残疾", {"level": "五级"})
    with pytest.raises(CunwuError):
        monitoring.tag_data("高龄", {})

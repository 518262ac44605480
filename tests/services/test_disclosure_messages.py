"""Every disclosure error reads in English and in Chinese, with all its parameters."""

import string

from cunwu import i18n
from cunwu.errors import MESSAGES, CunwuError


def test_disclosure_errors_read_in_both_languages():
    codes = [c for c in MESSAGES if c.startswith("E_DISCLOSURE_")]
    assert len(codes) > 20
    for code in codes:
        fields = {f for _, f, _, _ in string.Formatter().parse(MESSAGES[code]) if f}
        params = {f: "x" for f in fields}
        i18n.set_language("zh_CN")
        zh = CunwuError(code, **params).message
        i18n.set_language("en")
        en = CunwuError(code, **params).message
        assert zh != en, code

"""Verification codes: short code and QR payload round-trip; typos are forgiven."""

import uuid

import pytest

from cunwu.domain import verification as v
from cunwu.errors import CunwuError


def test_short_code_round_trips():
    u, sha = str(uuid.uuid4()), "ab" * 32
    code = v.short_code(u, sha)
    assert len(code) == 14 and code.count("-") == 2
    form, head, tail = v.parse(code.lower().replace("0", "o"))
    assert form == "short"
    assert head == v.uuid_part(u)
    assert tail == v.content_part(u, sha)


def test_qr_payload_round_trips():
    u, sha = str(uuid.uuid4()), "cd" * 32
    assert v.parse(v.qr_payload(u, sha)) == ("qr", u, sha)


def test_one_changed_hash_gives_another_code():
    u = str(uuid.uuid4())
    assert v.short_code(u, "ab" * 32) != v.short_code(u, "ab" * 31 + "ac")


@pytest.mark.parametrize("bad", ["", "ABC", "7K2M-9QXD-4HB", "CW1:nothing"])
def test_bad_codes_are_refused(bad):
    with pytest.raises(CunwuError) as e:
        v.parse(bad)
    assert e.value.code == "E_DISCLOSURE_CODE"

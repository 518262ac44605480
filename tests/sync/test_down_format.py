"""The district bundle's format (sync/down.py): built by the district, checked by the village;
tampered, foreign, misaddressed, replayed and reordered bundles are refused with their codes."""

from __future__ import annotations

import io
import zipfile

import pytest

from cunwu.errors import CunwuError
from cunwu.sync import bundle, crypto, down

DISTRICT, VILLAGE = "330106", "330106001001"


@pytest.fixture(scope="module")
def keys():
    d_priv, d_pub = crypto.new_signing_key()
    v_priv, v_pub = crypto.new_signing_key()
    return d_priv, d_pub, v_priv, v_pub


def make(keys, seq=1, prev="", items=None, district=DISTRICT, village=VILLAGE):
    d_priv, d_pub, _v_priv, v_pub = keys
    items = items if items is not None else [{"id": f"p{seq}", "kind": "policy", "name": "elderly_age",
                                              "value": 70, "effective_from": "2027-01-01"}]
    return down.build(district=district, village=village, seq=seq, prev_envelope_sha256=prev,
                      items=items, signing_private=d_priv, signing_public=d_pub, village_public=v_pub)


def check(keys, data):
    _d_priv, d_pub, v_priv, v_pub = keys
    parsed = down.verify(data, district=DISTRICT, district_signing_public=d_pub, village=VILLAGE,
                         village_key_ids={crypto.key_id(v_pub)})
    return parsed, down.open_items(parsed, v_priv)


def test_round_trip_and_name(keys):
    data, sha = make(keys)
    parsed, items = check(keys, data)
    assert parsed.envelope_sha256 == sha
    assert parsed.envelope["format"] == "cunwu.district-bundle/1"
    assert items[0]["value"] == 70
    assert down.file_name(DISTRICT, VILLAGE, 3) == "CD-330106-330106001001-000003.cdb"
    assert down.NAME.match(down.file_name(DISTRICT, VILLAGE, 3))
    # the envelope is signed exactly as stored, by the district's key
    assert crypto.verifies(keys[1], parsed.signature, parsed.envelope_bytes)


def _entries(data):
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _zip(entries):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as zf:
        for name, body in entries.items():
            zf.writestr(name, body)
    return out.getvalue()


@pytest.mark.parametrize("entry", bundle.ENTRIES)
def test_a_flipped_byte_in_any_entry_is_refused(keys, entry):
    data, _ = make(keys)
    entries = _entries(data)
    body = bytearray(entries[entry])
    body[len(body) // 2] ^= 0x01
    entries[entry] = bytes(body)
    with pytest.raises(CunwuError) as e:
        check(keys, _zip(entries))
    assert e.value.code in ("E_BUNDLE_SIGNATURE", "E_BUNDLE_PAYLOAD", "E_BUNDLE_FORMAT")


def test_extra_or_missing_entries_are_refused(keys):
    data, _ = make(keys)
    entries = _entries(data)
    with pytest.raises(CunwuError) as e:
        check(keys, _zip({**entries, "../x": b"1"}))
    assert e.value.code == "E_BUNDLE_ENTRIES"
    del entries[bundle.PAYLOAD]
    with pytest.raises(CunwuError) as e:
        check(keys, _zip(entries))
    assert e.value.code == "E_BUNDLE_ENTRIES"


def test_a_village_bundle_is_not_a_district_bundle(keys):
    data, _ = make(keys)
    entries = _entries(data)
    entries[bundle.ENVELOPE] = entries[bundle.ENVELOPE].replace(b"district-bundle", b"bundle")
    with pytest.raises(CunwuError) as e:
        check(keys, _zip(entries))
    assert e.value.code == "E_BUNDLE_FORMAT"


def test_foreign_district_is_refused(keys):
    other_priv, other_pub = crypto.new_signing_key()
    data, _ = down.build(district=DISTRICT, village=VILLAGE, seq=1, prev_envelope_sha256="", items=[],
                         signing_private=other_priv, signing_public=other_pub, village_public=keys[3])
    with pytest.raises(CunwuError) as e:
        check(keys, data)
    assert e.value.code == "E_DOWN_DISTRICT"
    data, _ = make(keys, district="330107")
    with pytest.raises(CunwuError) as e:
        check(keys, data)
    assert e.value.code == "E_DOWN_DISTRICT"


def test_another_villages_bundle_is_refused(keys):
    data, _ = make(keys, village="330106001002")
    with pytest.raises(CunwuError) as e:
        check(keys, data)
    assert e.value.code == "E_DOWN_VILLAGE"


def test_a_bundle_sealed_to_another_key_is_refused(keys):
    _priv, other_village = crypto.new_signing_key()
    data, _ = down.build(district=DISTRICT, village=VILLAGE, seq=1, prev_envelope_sha256="", items=[],
                         signing_private=keys[0], signing_public=keys[1], village_public=other_village)
    with pytest.raises(CunwuError) as e:
        check(keys, data)
    assert e.value.code == "E_DOWN_KEY"


def test_order_already_replay_and_gaps(keys):
    one, sha1 = make(keys, 1)
    two, sha2 = make(keys, 2, sha1)
    env1, env2 = check(keys, one)[0].envelope, check(keys, two)[0].envelope
    assert down.order(env1, sha1, 0, "", None) == "apply"
    assert down.order(env2, sha2, 1, sha1, None) == "apply"
    assert down.order(env1, sha1, 2, sha2, sha1) == "already"
    with pytest.raises(CunwuError) as e:  # 2 before 1
        down.order(env2, sha2, 0, "", None)
    assert e.value.code == "E_DOWN_ORDER"
    other, other_sha = make(keys, 1, items=[])  # another bundle 1 after 1 was applied
    with pytest.raises(CunwuError) as e:
        down.order(check(keys, other)[0].envelope, other_sha, 2, sha2, sha1)
    assert e.value.code == "E_DOWN_REPLAY"
    forked, forked_sha = make(keys, 2, "f" * 64)  # 2 that does not follow the 1 applied
    with pytest.raises(CunwuError) as e:
        down.order(check(keys, forked)[0].envelope, forked_sha, 1, sha1, None)
    assert e.value.code == "E_DOWN_ORDER"


def test_an_unknown_item_kind_is_refused(keys):
    data, _ = make(keys, items=[{"id": "x", "kind": "delete_everything"}])
    with pytest.raises(CunwuError) as e:
        check(keys, data)
    assert e.value.code == "E_DOWN_ITEM"


def test_the_conversion_matches_x25519(keys):
    from cryptography.hazmat.primitives import serialization as ser
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    priv = X25519PrivateKey.from_private_bytes(crypto.x25519_private_of(keys[2]))
    raw = priv.public_key().public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw)
    assert raw == crypto.x25519_public_of(keys[3])

"""The village signing key: keyring first, else a passphrase-sealed file, never plain text."""

from __future__ import annotations

import pytest

from cunwu.errors import CunwuError


def test_key_goes_to_the_keyring_when_one_works(store, admin, memory_keyring):
    from cunwu.services import sync

    key = sync.ensure_key(store, admin)
    assert key.storage == "keyring"
    assert any(name.startswith("village-") for _, name in memory_keyring.items)
    assert not (store.paths.data_dir / "keys").exists()
    assert sync.ensure_key(store, admin).key_id == key.key_id  # made once


def _no_keyring():
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())


def test_without_a_keyring_the_key_file_is_sealed_under_the_passphrase(store, admin, monkeypatch):
    from cunwu.sync import village
    from cunwu.services import sync

    _no_keyring()
    monkeypatch.setenv("CUNWU_KEY_PASSPHRASE", "correct horse battery")
    key = sync.ensure_key(store, admin)
    assert key.storage == "file"
    private = village.private_key(store, key)
    sealed = (store.paths.data_dir / "keys" / f"village-{key.key_id}.key").read_bytes()
    assert private not in sealed and private.hex().encode() not in sealed
    assert b"scrypt" in sealed

    monkeypatch.setenv("CUNWU_KEY_PASSPHRASE", "wrong passphrase!")
    with pytest.raises(CunwuError) as e:
        village.private_key(store, key)
    assert e.value.code == "E_KEY_PASSPHRASE_WRONG"


def test_without_keyring_or_passphrase_the_program_says_so(store, admin):
    from cunwu.services import sync

    _no_keyring()
    with pytest.raises(CunwuError) as e:
        sync.ensure_key(store, admin)
    assert e.value.code == "E_KEY_PASSPHRASE"
    assert "no system keyring" in e.value.message.lower()


def test_plain_text_keyring_backends_are_not_trusted(monkeypatch):
    from cunwu.sync import keystore

    class PlaintextKeyring:  # looks like keyrings.alt's
        pass

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    import keyring

    monkeypatch.setattr(keyring, "get_keyring", lambda: PlaintextKeyring())
    assert keystore.keyring_usable() is False


def test_fingerprint_reads_in_groups_of_four():
    from cunwu.sync import crypto

    _, public = crypto.new_signing_key()
    fp = crypto.fingerprint(public)
    assert len(fp.split()) == 16 and all(len(g) == 4 for g in fp.split())
    assert crypto.key_id(public) == fp.replace(" ", "").lower()[:16]

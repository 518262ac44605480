"""Nothing makes or uses the village key for a user who may not write: the refusal comes first,
so no sealed key file, keyring entry or request is left behind; an enrolment request is audited."""

from __future__ import annotations

import pytest

from cunwu.errors import CunwuError

PASSPHRASE = {"CUNWU_KEY_PASSPHRASE": "correct horse battery"}


def _no_keyring():
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())


def _audit(store, action):
    from cunwu.services.audit import list_entries

    return [e for e in list_entries(store, limit=1000) if e["action"] == action]


@pytest.mark.parametrize("call", ["ensure_key", "rotate_key", "replace_lost_key", "enrol_request"])
def test_a_supervisor_gets_no_key(store, admin, supervisor, memory_keyring, tmp_path, call):
    from cunwu.services import sync

    if call == "rotate_key":
        sync.ensure_key(store, admin)
    before = list(memory_keyring.items)
    args = (tmp_path / "req.json",) if call == "enrol_request" else ()
    with pytest.raises(CunwuError) as e:
        getattr(sync, call)(store, supervisor, *args)
    assert e.value.code == "E_PERMISSION"
    assert list(memory_keyring.items) == before
    assert not (tmp_path / "req.json").exists()


def test_a_refused_first_enrolment_leaves_no_sealed_key_file(store, supervisor, monkeypatch, tmp_path):
    from cunwu.services import sync

    _no_keyring()
    monkeypatch.setenv("CUNWU_KEY_PASSPHRASE", PASSPHRASE["CUNWU_KEY_PASSPHRASE"])
    for call in (lambda: sync.enrol_request(store, supervisor, tmp_path / "req.json"),
                 lambda: sync.replace_lost_key(store, supervisor)):
        with pytest.raises(CunwuError) as e:
            call()
        assert e.value.code == "E_PERMISSION"
    assert not (store.paths.data_dir / "keys").exists()
    assert not (tmp_path / "req.json").exists()


def test_a_supervisor_cannot_sign_a_request_with_the_existing_key(store, admin, cli, tmp_path):
    from cunwu.services import sync

    sync.ensure_key(store, admin)
    store.close()
    r = cli("sync", "enrol-request", "--out", str(tmp_path / "req.json"), user="supervisor")
    assert r.code == 1 and "E_PERMISSION" in r.err
    assert not (tmp_path / "req.json").exists()
    r = cli("sync", "rotate-key", user="supervisor")
    assert r.code == 1 and "E_PERMISSION" in r.err


def test_an_enrolment_request_is_an_audit_entry(store, admin, tmp_path):
    from cunwu.services import sync

    info = sync.enrol_request(store, admin, tmp_path / "req.json")
    [entry] = _audit(store, "sync.enrol.request")
    assert entry["actor"] == "admin"
    assert entry["detail"] == {"file": "req.json", "key_id": info["key_id"]}

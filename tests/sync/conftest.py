"""Sync fixtures: an in-memory keyring, a district, and the fixture village enrolled there."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch):
    import keyring

    from cunwu.sync.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    monkeypatch.delenv("CUNWU_KEY_PASSPHRASE", raising=False)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def district(tmp_path):
    from cunwu.district.store import District

    d = District.create(tmp_path / "district", "330106", "西湖区民政")
    yield d
    d.close()


@pytest.fixture
def enrolled(store, admin, district, tmp_path):
    """The fixture village enrolled at `district`, certificate installed."""
    from cunwu.district.enrol import enrol
    from cunwu.sync import village

    req = tmp_path / "request.json"
    village.enrol_request(store, admin, req)
    cert, _ = enrol(district, req.read_bytes())
    (tmp_path / "cert.json").write_bytes(cert)
    village.accept_district(store, admin, tmp_path / "cert.json")
    return store

"""Sync fixtures: an in-memory keyring, a district, and the fixture village enrolled there."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _keys_in_memory(memory_keyring):
    """Every sync test keeps its keys in the in-memory keyring (tests/conftest.py)."""
    yield memory_keyring


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
    from cunwu.services import sync

    req = tmp_path / "request.json"
    sync.enrol_request(store, admin, req)
    cert, _ = enrol(district, req.read_bytes())
    (tmp_path / "cert.json").write_bytes(cert)
    sync.accept_district(store, admin, tmp_path / "cert.json")
    return store


@pytest.fixture
def pg_district(pg_server, tmp_path):
    """A district store on a fresh PostgreSQL database."""
    import uuid

    from cunwu.district.store import District

    url = pg_server.create_database(f"d_{uuid.uuid4().hex[:12]}")
    d = District.create(tmp_path / "pg-district", "330106", "西湖区民政", db_url=url)
    yield d
    d.close()

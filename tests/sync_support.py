"""Helpers for sync tests: village edits, exporting, importing, comparing both sides."""

from __future__ import annotations

import json
import uuid as _uuid
from pathlib import Path

import sqlalchemy as sa


def add_households(store, actor, n: int, start: int = 0) -> list[str]:
    from cunwu.domain.households import Household
    from cunwu import clock

    with store.write(actor, "test.households") as uow:
        tag = _uuid.uuid4().hex[:6]  # numbers stay unique however often a test adds
        objs = [Household(number=f"H{start + i:05d}-{tag}", address=f"村{i}号", group_name="一组",
                          notes="", created_at=clock.now_utc()) for i in range(n)]
        uow.add_many(Household, objs)
    return [o.uuid for o in objs]


def export(store, actor, folder: Path) -> Path:
    from cunwu.services import sync

    folder.mkdir(parents=True, exist_ok=True)
    return Path(sync.export_bundle(store, actor, folder)["path"])


def village_rows(store) -> dict:
    """(entity, uuid) -> (row_version, row) of every synced row, from the change log."""
    from sqlalchemy import text

    out = {}
    with store.read() as s:
        for entity, uuid, op, version, row in s.execute(text(
                "SELECT entity, uuid, op, row_version, row FROM change_log ORDER BY log_seq")):
            out[(entity, uuid)] = (version, op == "delete", json.loads(row))
    return out


def district_rows(d, village: str) -> dict:
    from cunwu.district.schema import records

    with d.engine.connect() as conn:
        rows = conn.execute(sa.select(records).where(records.c.village == village)).mappings().all()
    return {(r["entity"], r["uuid"]): (r["row_version"], bool(r["deleted"]), json.loads(r["row"]))
            for r in rows}


def district_counts(d) -> dict:
    from cunwu.district import schema

    out = {}
    with d.engine.connect() as conn:
        for t in (schema.records, schema.bundles, schema.quarantine, schema.villages, schema.village_keys):
            out[t.name] = conn.execute(sa.select(sa.func.count()).select_from(t)).scalar()
    return out


def rezip(entries: list[tuple[str, bytes]], compression=None) -> bytes:
    """A zip with exactly these entries (names may repeat), for building hostile bundles."""
    import io
    import warnings
    import zipfile

    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are the point of some tests
        with zipfile.ZipFile(out, "w", compression=compression or zipfile.ZIP_STORED) as zf:
            for name, data in entries:
                zf.writestr(name, data)
    return out.getvalue()


def entries_of(data: bytes) -> dict[str, bytes]:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def resign(data: bytes, private: bytes, **changes) -> bytes:
    """The same bundle with envelope fields changed and signed again by `private`."""
    from cunwu.store.canonical import canonical_json
    from cunwu.sync import crypto

    parts = entries_of(data)
    env = json.loads(parts["envelope.json"]) | changes
    env_bytes = canonical_json(env)
    return rezip([("envelope.json", env_bytes), ("envelope.sig", crypto.sign(private, env_bytes)),
                  ("payload.bin", parts["payload.bin"])])


def assert_rejected(d, data: bytes, codes) -> str:
    """The import fails with one of `codes` and writes nothing at all."""
    import pytest

    from cunwu.district import importer
    from cunwu.errors import CunwuError

    before = district_counts(d)
    with pytest.raises(CunwuError) as e:
        importer.import_bytes(d, data)
    assert e.value.code in ({codes} if isinstance(codes, str) else set(codes)), e.value
    assert district_counts(d) == before
    return e.value.code


def enrol_at(store, actor, d, folder: Path) -> None:
    from cunwu.district.enrol import enrol
    from cunwu.services import sync

    folder.mkdir(parents=True, exist_ok=True)
    sync.enrol_request(store, actor, folder / "request.json")
    cert, _ = enrol(d, (folder / "request.json").read_bytes())
    (folder / "cert.json").write_bytes(cert)
    sync.accept_district(store, actor, folder / "cert.json")


def import_twice_at_once(folder: Path, data: bytes) -> list[str]:
    """The same bundle imported by two district connections started together: the statuses."""
    import threading

    from cunwu.district import importer
    from cunwu.district.store import District

    others = [District.open(folder) for _ in range(2)]
    barrier, results = threading.Barrier(2), []

    def run(d):
        barrier.wait()
        results.append(importer.import_bytes(d, data).status)

    threads = [threading.Thread(target=run, args=(d,)) for d in others]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for d in others:
        d.close()
    return results


NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
              "CUNWU_KEY_PASSPHRASE": "district and village passphrase"}


def cli_district(cli, tmp_path: Path) -> dict:
    """Through the command line: the fixture village's enrolment request at tmp_path/req.json
    and a district initialised in tmp_path/district (the store must be closed first). Returns
    the environment both sides run in."""
    from support import PASSWORD

    env = NO_KEYRING | {"CUNWU_DISTRICT_DIR": str(tmp_path / "district")}
    assert cli("sync", "enrol-request", "--out", str(tmp_path / "req.json"), user="admin", env=env).code == 0
    r = cli("district", "init", "--district-code", "330106", "--name", "西湖区", "--admin", "admin",
            env=env | {"CUNWU_NEW_PASSWORD": PASSWORD})
    assert r.code == 0, r.err
    return env

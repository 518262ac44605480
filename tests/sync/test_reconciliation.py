"""Reconciliation: each receipt carries the district's count and digest of the village's live
rows per entity; the village compares them with its own change log as of the same change,
reports the verdict, and re-sends a differing entity in full with the next bundle."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from cunwu.district import importer, records_io
from cunwu.sync import documents
from sync_support import add_households, district_rows, export, village_rows

VILLAGE = "330106001001"


def _sync(store, admin, district, folder) -> dict:
    from cunwu.services import sync

    outcome = importer.import_file(district, export(store, admin, folder))
    return sync.import_receipt(store, admin, outcome.receipt)


def _delete_household(store, admin, uuid: str) -> None:
    from cunwu.domain.households import Household

    with store.write(admin, "test.households.delete") as uow:
        uow.delete(uow.session.get(Household, uuid))


def test_digest_is_over_sorted_uuid_version_lines():
    import hashlib

    assert documents.live_digest([("b", 2), ("a", 1)]) == hashlib.sha256(b"a:1\nb:2\n").hexdigest()
    assert documents.compare({"x": {"count": 1, "digest": "0" * 64}}, {}) == {
        "x": {"village": 1, "district": 0, "matches": False}}


def test_the_receipt_counts_live_rows_and_the_village_agrees(enrolled, admin, district, tmp_path):
    from cunwu.services import sync

    uuids = add_households(enrolled, admin, 6)
    _delete_household(enrolled, admin, uuids[0])  # deleted rows count on neither side
    got = _sync(enrolled, admin, district, tmp_path / "usb")
    assert got["matches"] is True and got["resend"] == []
    assert got["reconciliation"]["households"] == {"village": 5, "district": 5, "matches": True}

    with district.engine.connect() as conn:
        receipt = conn.execute(sa.text("SELECT receipt FROM bundles")).scalar()
    body = json.loads(receipt)["body"]
    assert body["reconciliation"]["log_seq"] == body["last_log_seq"]
    assert body["reconciliation"]["entities"]["households"]["count"] == 5

    st = sync.status(enrolled)
    assert st["matches"] is True and st["resend"] == [] and st["next_step"] == "nothing"
    assert st["reconciliation"]["households"]["matches"] is True
    assert st["reconciled_log_seq"] == body["last_log_seq"]


def test_a_row_lost_at_the_district_is_reported_and_sent_again(enrolled, admin, district, tmp_path):
    from cunwu.services import sync

    uuids = add_households(enrolled, admin, 10)
    assert _sync(enrolled, admin, district, tmp_path / "usb1")["matches"] is True
    with district.engine.begin() as conn:  # someone deletes a row in the district's database
        conn.execute(sa.text("DELETE FROM records WHERE entity = 'households' AND uuid = :u"),
                     {"u": uuids[3]})
    add_households(enrolled, admin, 1, start=50)

    got = _sync(enrolled, admin, district, tmp_path / "usb2")
    assert got["matches"] is False and got["resend"] == ["households"]
    assert got["reconciliation"]["households"] == {"village": 11, "district": 10, "matches": False}
    st = sync.status(enrolled)
    assert st["matches"] is False and st["resend"] == ["households"]
    assert st["next_step"] == "export" and st["unconfirmed_changes"] == 0

    # the next export starts early enough to carry every household again
    (tmp_path / "usb3").mkdir()
    again = sync.export_bundle(enrolled, admin, tmp_path / "usb3")
    assert again["log_from"] <= min(_log_seqs(enrolled, "households"))
    outcome = importer.import_file(district, Path(again["path"]))
    assert outcome.status == "applied"
    got = sync.import_receipt(enrolled, admin, outcome.receipt)
    assert got["matches"] is True and got["resend"] == []
    assert district_rows(district, VILLAGE) == village_rows(enrolled)
    st = sync.status(enrolled)
    assert st["matches"] is True and st["next_step"] == "nothing"
    # and once it matches, bundles are cumulative again
    (tmp_path / "usb4").mkdir()
    assert sync.export_bundle(enrolled, admin, tmp_path / "usb4")["changes"] == 0


def test_a_receipt_without_counts_is_still_accepted(enrolled, admin, district, tmp_path):
    from cunwu.services import sync

    add_households(enrolled, admin, 2)
    outcome = importer.import_file(district, export(enrolled, admin, tmp_path / "usb"))
    body, _sig = documents.load(outcome.receipt, documents.RECEIPT_FORMAT, "E_RECEIPT_FORMAT")
    del body["reconciliation"]  # as a district before reconciliation signed it
    old = documents.dump(body, district.signing_private())
    got = sync.import_receipt(enrolled, admin, old)
    assert got["matches"] is None and got["reconciliation"] is None
    st = sync.status(enrolled)
    assert st["matches"] is None and st["reconciliation"] is None and st["next_step"] == "nothing"


def _log_seqs(store, entity: str) -> list[int]:
    from sqlalchemy import text

    with store.read() as s:
        return [r[0] for r in s.execute(text("SELECT log_seq FROM change_log WHERE entity = :e"),
                                        {"e": entity})]


def test_reconciliation_on_postgresql(enrolled, admin, pg_district, tmp_path):
    """The same counts and digests from a PostgreSQL district (booleans and ordering differ)."""
    from cunwu.district.enrol import enrol
    from cunwu.services import sync

    sync.enrol_request(enrolled, admin, tmp_path / "request.json")
    cert, _ = enrol(pg_district, (tmp_path / "request.json").read_bytes())
    (tmp_path / "pg-cert.json").write_bytes(cert)
    sync.accept_district(enrolled, admin, tmp_path / "pg-cert.json")
    uuids = add_households(enrolled, admin, 7)
    _delete_household(enrolled, admin, uuids[1])
    got = _sync(enrolled, admin, pg_district, tmp_path / "usb1")
    assert got["matches"] is True and got["reconciliation"]["households"]["district"] == 6
    with pg_district.engine.begin() as conn:
        conn.execute(sa.text("UPDATE records SET deleted = true WHERE uuid = :u"), {"u": uuids[2]})
    got = _sync(enrolled, admin, pg_district, tmp_path / "usb2")
    assert got["resend"] == ["households"]
    # deleted at the district with the same row_version: a re-send cannot win (newer versions
    # only), so the difference stays for the district to look into
    got = _sync(enrolled, admin, pg_district, tmp_path / "usb3")
    assert got["resend"] == ["households"] and got["reconciliation"]["households"]["district"] == 5


def _read_both_ways(d, village: str) -> tuple[dict, dict]:
    """The receipt's figures as the importer reads them (joined by the database) and row by row."""
    with d.engine.connect() as conn:
        joined = records_io.reconciliation(conn, village, 1)["entities"]
        rows = conn.execute(sa.text("SELECT entity, uuid, row_version FROM records "
                                    "WHERE village = :v AND NOT deleted"), {"v": village}).all()
    return joined, documents.summarise(rows)


def _stored(d, village: str, rows: list[tuple]) -> None:
    """Rows put straight into the district's table, as a store from before the row checks holds them."""
    with d.engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO records (village, entity, uuid, row_version, deleted, log_seq, row) "
                             "VALUES (:v, :e, :u, :rv, :dl, 1, '{}')"),
                     [{"v": village, "e": e, "u": u, "rv": rv, "dl": dl} for e, u, rv, dl in rows])


@pytest.mark.parametrize("which", ["district", "pg_district"])
def test_the_joined_read_agrees_with_the_rows(request, which):
    """Several entities, deleted rows, versions of different lengths, on both databases: the
    database's joined lines give what reading the rows one by one gives."""
    from district_support import enrol_key

    d = request.getfixturevalue(which)
    enrol_key(d, VILLAGE, "青山村")
    _stored(d, VILLAGE, [("persons", "p-2", 10, False), ("persons", "p-1", 9, False),
                         ("persons", "p-3", 1, True), ("meetings", "m-1", 123456, False),
                         ("households", "h-1", 2, False), ("households", "h-0", 1, True)])
    joined, rows = _read_both_ways(d, VILLAGE)
    assert joined == rows
    assert list(joined) == ["households", "meetings", "persons"]
    assert joined["persons"] == {"count": 2, "digest": documents.live_digest([("p-1", 9), ("p-2", 10)])}


def test_a_stored_uuid_holding_a_newline_is_read_row_by_row(district):
    """Joined lines could not be told apart: the count gives it away and the rows are read one
    by one, so the receipt is right rather than the import failing."""
    from district_support import enrol_key

    enrol_key(district, VILLAGE, "青山村")
    _stored(district, VILLAGE, [("households", "a\nb", 1, False), ("households", "c", 2, False)])
    joined, rows = _read_both_ways(district, VILLAGE)
    assert joined == rows and joined["households"]["count"] == 2
    assert joined["households"]["digest"] == documents.live_digest([("a\nb", 1), ("c", 2)])

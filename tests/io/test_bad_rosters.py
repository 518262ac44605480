"""Bad roster files get a clear reason and change nothing."""

import zipfile

import pytest
from sqlalchemy import text

from cunwu.errors import CunwuError
from cunwu.services import roster_import
from roster_files import HEADER, person_row, write_xlsx


def refused(store, clerk, path) -> CunwuError:
    with pytest.raises(CunwuError) as e:
        roster_import.import_roster(store, clerk, path)
    with store.read() as s:
        assert s.execute(text("SELECT count(*) FROM persons")).scalar() == 0
    return e.value


def test_not_a_spreadsheet(store, clerk, tmp_path):
    png = tmp_path / "photo.xlsx"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert refused(store, clerk, png).code == "E_ROSTER_NOT_SPREADSHEET"
    docx = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    assert refused(store, clerk, docx).code == "E_ROSTER_NOT_SPREADSHEET"


def test_corrupt_xlsx(store, clerk, tmp_path):
    good = write_xlsx(tmp_path / "good.xlsx", [person_row(0, "张三")])
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(good.read_bytes()[:2000])
    e = refused(store, clerk, bad)
    assert e.code == "E_ROSTER_CORRUPT" and "damaged" in e.message
    garbage = tmp_path / "garbage.xlsx"
    with zipfile.ZipFile(garbage, "w") as z:
        z.writestr("xl/workbook.xml", "not xml at all <<<")
        z.writestr("xl/worksheets/sheet1.xml", "<<<")
    assert refused(store, clerk, garbage).code == "E_ROSTER_CORRUPT"


def test_encrypted_xlsx(store, clerk, tmp_path):
    # An encrypted workbook is an OLE compound file holding EncryptionInfo/EncryptedPackage.
    path = tmp_path / "secret.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
                     + "EncryptionInfo".encode("utf-16-le") + bytes(64)
                     + "EncryptedPackage".encode("utf-16-le") + bytes(4096))
    e = refused(store, clerk, path)
    assert e.code == "E_ROSTER_ENCRYPTED" and "password" in e.message


def test_empty_sheet(store, clerk, tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "empty.xlsx"
    Workbook().save(path)
    assert refused(store, clerk, path).code == "E_ROSTER_EMPTY"
    csv = tmp_path / "empty.csv"
    csv.write_text("\n\n", encoding="utf-8")
    assert refused(store, clerk, csv).code == "E_ROSTER_EMPTY"


def _zip_sheet(path, sheet_xml: bytes):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return path


def test_over_a_million_rows_is_refused_up_front(store, clerk, tmp_path):
    path = _zip_sheet(tmp_path / "huge.xlsx",
                      b'<?xml version="1.0"?><worksheet><dimension ref="A1:L1500000"/><sheetData/></worksheet>')
    e = refused(store, clerk, path)
    assert e.code == "E_ROSTER_TOO_BIG" and "1500000" in e.message


def test_zip_bomb(store, clerk, tmp_path):
    path = _zip_sheet(tmp_path / "bomb.xlsx", b"<worksheet>" + b" " * (40 << 20) + b"</worksheet>")
    assert path.stat().st_size < 1 << 20
    assert refused(store, clerk, path).code == "E_ROSTER_ZIP_BOMB"


def test_formula_without_a_value_rejects_its_row(store, clerk, tmp_path):
    rows = [person_row(0, "张三"), person_row(1, "李四")]
    rows[1][HEADER.index("姓名")] = "=B3"
    rows[0][HEADER.index("备注")] = "=1+1"  # a formula in notes: openpyxl writes no cached value
    path = write_xlsx(tmp_path / "f.xlsx", rows)
    result = roster_import.import_roster(store, clerk, path)
    assert {r.row for r in result.rejected} == {3, 4}
    assert all("formula" in r.reason for r in result.rejected)


def test_bad_encoding(store, clerk, tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes("姓名,身份证号\n".encode("utf-16-le"))
    assert refused(store, clerk, path).code in ("E_ROSTER_ENCODING", "E_ROSTER_NOT_SPREADSHEET")


def test_damaged_xls_is_refused_after_a_second_reader(store, clerk, tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048))
    assert refused(store, clerk, path).code == "E_ROSTER_CORRUPT"

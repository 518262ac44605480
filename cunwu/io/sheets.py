"""Reading a roster file into rows of cell values, safely: xlsx through calamine, xls through xlrd,
csv as UTF-8 (with or without BOM) or GBK/GB18030. Refuses, with a reason, files that are
not spreadsheets, encrypted, damaged, zip bombs, empty, or over the row limit.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from cunwu.errors import CunwuError

MAX_ROWS = 1_000_000
MAX_UNPACKED = 1 << 30  # 1 GiB: a 1,000,000-row roster unpacks to a few hundred MB
MAX_RATIO = 200  # real sheets compress 5-30 times; bombs thousands of times
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_DIMENSION = re.compile(rb'<dimension ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"')
_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*?(?:/>|>(.*?)</c>)', re.S)


@dataclass
class Table:
    """The first sheet with data: rows[i] is row i+1 of the source file."""

    rows: list[list[object]]
    formulas: set[tuple[int, int]] = field(default_factory=set)  # (row index, column index)
    sheet: str = ""


def read_table(path: Path) -> Table:
    path = Path(path)
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError as e:
        raise CunwuError("E_ROSTER_UNREADABLE", path=path.name, detail=e.strerror or str(e)) from e
    if head.startswith(_ZIP):
        return _read_xlsx(path)
    if head.startswith(_OLE):
        return _read_ole(path)
    if path.suffix.lower() in (".csv", ".txt"):
        return _read_csv(path)
    raise CunwuError("E_ROSTER_NOT_SPREADSHEET", path=path.name)


def _column_index(letters: bytes) -> int:
    n = 0
    for c in letters:
        n = n * 26 + (c - 64)
    return n - 1


def _check_zip(path: Path) -> tuple[str | None, list[str]]:
    """Refuse damaged archives and zip bombs before anything unpacks; find the sheets."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            names = [i.filename for i in infos]
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as e:
        raise CunwuError("E_ROSTER_CORRUPT", path=path.name) from e  # NotImplemented: a bad version
    if "xl/workbook.xml" not in names:
        raise CunwuError("E_ROSTER_NOT_SPREADSHEET", path=path.name)
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED or any(
            i.file_size > (1 << 24) and i.file_size > MAX_RATIO * max(i.compress_size, 1)
            for i in infos):
        raise CunwuError("E_ROSTER_ZIP_BOMB", path=path.name)
    sheets = sorted((n for n in names if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)),
                    key=lambda n: int(re.search(r"\d+", n.rsplit("/", 1)[1]).group()))
    return None, sheets


def _sheet_facts(path: Path, member: str) -> tuple[int | None, set[tuple[int, int]]]:
    """The row count the sheet declares, and which cells hold formulas."""
    with zipfile.ZipFile(path) as z, z.open(member) as f:
        start = f.read(4096)
        m = _DIMENSION.search(start)
        rows = int(m.group(1) or 1) if m else None
        if rows is not None and rows > MAX_ROWS:
            return rows, set()
        data = start + f.read(MAX_UNPACKED)
    formulas = set()
    if b"<f>" in data or b"<f " in data:
        for cell in _CELL.finditer(data):
            if cell.group(3) and b"<f" in cell.group(3):
                formulas.add((int(cell.group(2)) - 1, _column_index(cell.group(1))))
    return rows, formulas


def _read_xlsx(path: Path) -> Table:
    _, members = _check_zip(path)
    declared, formulas = None, set()
    if members:
        try:
            declared, formulas = _sheet_facts(path, members[0])
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
                NotImplementedError) as e:
            raise CunwuError("E_ROSTER_CORRUPT", path=path.name) from e  # a damaged entry
        if declared is not None and declared > MAX_ROWS:
            raise CunwuError("E_ROSTER_TOO_BIG", path=path.name, rows=declared, limit=MAX_ROWS)
    table = _calamine(path)
    table.formulas = formulas
    return table


def _read_ole(path: Path) -> Table:
    with open(path, "rb") as f:
        blob = f.read(1 << 20)
    # An encrypted .xlsx is an OLE container holding EncryptionInfo (names are UTF-16).
    if "EncryptionInfo".encode("utf-16-le") in blob or "EncryptedPackage".encode("utf-16-le") in blob:
        raise CunwuError("E_ROSTER_ENCRYPTED", path=path.name)
    _check_container(path)
    # xlrd, in Python, reads the workbook stream: calamine trusts the record lengths in it, and
    # a damaged one makes it ask for terabytes and abort the program.
    return _xlrd(path, CunwuError("E_ROSTER_CORRUPT", path=path.name))


def _check_container(path: Path) -> None:
    """The OLE container of an .xls walked in Python first: calamine trusts its sector chains
    and sizes, and a damaged one makes it ask for gigabytes and abort the whole program."""
    import os

    from xlrd import compdoc

    try:
        with open(os.devnull, "w") as quiet:
            doc = compdoc.CompDoc(path.read_bytes(), logfile=quiet)
            found = any(doc.locate_named_stream(name)[0] is not None for name in ("Workbook", "Book"))
    except Exception:  # xlrd's CompDocError, or an index past the end of a damaged file
        found = False
    if not found:
        raise CunwuError("E_ROSTER_CORRUPT", path=path.name)


def _xlrd(path: Path, first: CunwuError) -> Table:
    """A second opinion on an old .xls that calamine could not read."""
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if sheet.nrows > MAX_ROWS:
                raise CunwuError("E_ROSTER_TOO_BIG", path=path.name, rows=sheet.nrows, limit=MAX_ROWS)
            rows = [sheet.row_values(i) for i in range(sheet.nrows)]
            if any(any(c not in ("", None) for c in r) for r in rows):
                return Table(rows, sheet=sheet.name)
    except CunwuError:
        raise
    except Exception:  # xlrd's own errors: the file really is damaged
        raise first from None
    raise CunwuError("E_ROSTER_EMPTY", path=path.name)


def _calamine(path: Path) -> Table:
    import python_calamine as pc

    try:
        wb = pc.CalamineWorkbook.from_path(str(path))
        for index, meta in enumerate(wb.sheets_metadata):
            if str(meta.typ) != str(pc.SheetTypeEnum.WorkSheet):
                continue
            sheet = wb.get_sheet_by_index(index)
            if sheet.total_height > MAX_ROWS:
                raise CunwuError("E_ROSTER_TOO_BIG", path=path.name, rows=sheet.total_height,
                                 limit=MAX_ROWS)
            rows = sheet.to_python(skip_empty_area=False)
            if any(any(c not in ("", None) for c in r) for r in rows):
                return Table(rows, sheet=meta.name)
    except pc.PasswordError as e:
        raise CunwuError("E_ROSTER_ENCRYPTED", path=path.name) from e
    except CunwuError:
        raise
    except Exception as e:  # calamine's parse errors: a damaged or foreign file
        raise CunwuError("E_ROSTER_CORRUPT", path=path.name) from e
    raise CunwuError("E_ROSTER_EMPTY", path=path.name)


def decode_text(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8", errors="strict")
        except UnicodeDecodeError:  # says UTF-8, is not: a damaged or re-saved file
            raise CunwuError("E_ROSTER_ENCODING", path=name) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise CunwuError("E_ROSTER_ENCODING", path=name) from None


def _read_csv(path: Path) -> Table:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise CunwuError("E_ROSTER_NOT_SPREADSHEET", path=path.name)
    text = decode_text(data, path.name)
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows = []
    for row in csv.reader(io.StringIO(text, newline=""), dialect):
        rows.append(row)
        if len(rows) > MAX_ROWS:
            raise CunwuError("E_ROSTER_TOO_BIG", path=path.name, rows=f"> {MAX_ROWS}", limit=MAX_ROWS)
    if not any(any(c.strip() for c in r) for r in rows):
        raise CunwuError("E_ROSTER_EMPTY", path=path.name)
    return Table(rows, sheet=path.stem)

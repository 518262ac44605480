"""A bundle carried on a USB stick, uploaded through the 数据包 page's form: the multipart body
is parsed as it arrives, the CSRF field checked before a byte of the file is kept, and the file
streamed to the district's spool under the bundle cap (never held in memory); the import then
takes the same checked path as every other bundle (importer.import_spooled).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from cunwu.district import spool

MAX_FIELDS = 8
MAX_FIELD_BYTES = 4096
OVERHEAD = 64 * 1024  # the form's other fields and the multipart boundaries around the file
READ_TIMEOUT = 30.0  # seconds for the next piece of the body


class Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


@dataclass
class Upload:
    fields: dict[str, str] = field(default_factory=dict)
    path: Path | None = None  # the spooled file; the caller removes it
    filename: str = ""
    size: int = 0


async def receive(request: Request, folder: Path, cap: int, csrf_ok: Callable[[str | None], bool]) -> Upload:
    """The form's fields and its one file, spooled; Refused (with the status to answer) for a
    wrong token, a file over `cap`, a second file, a slow or malformed body."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > cap + OVERHEAD):
        raise Refused(413, f"文件过大：数据包最大 {cap // (1024 * 1024)} MB。")
    kind, params = parse_options_header(request.headers.get("content-type", ""))
    if kind != b"multipart/form-data" or b"boundary" not in params:
        raise Refused(400, "请用页面上的表单选择数据包文件上传。")
    got = Upload()
    part: dict = {}
    out = None

    def on_part_begin():
        part.clear()
        part.update(headers=[], name=b"", value=b"")

    def on_header_field(data, start, end):
        part["field"] = part.get("field", b"") + data[start:end]

    def on_header_value(data, start, end):
        part["hvalue"] = part.get("hvalue", b"") + data[start:end]

    def on_header_end():
        if part.pop("field", b"").lower() == b"content-disposition":
            part["disposition"] = part.get("hvalue", b"")
        part.pop("hvalue", None)

    def on_headers_finished():
        nonlocal out
        _, options = parse_options_header(part.get("disposition", b""))
        part["name"] = options.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" not in options:
            if len(got.fields) >= MAX_FIELDS:
                raise Refused(400, "表单字段过多。")
            return
        if got.path is not None:
            raise Refused(400, "一次只能上传一个数据包。")
        if not csrf_ok(got.fields.get("csrf_token")):  # the token comes before the file
            raise Refused(403, "表单已失效或来源不明（CSRF 校验失败），请刷新页面后重试。")
        got.filename = options[b"filename"].decode("utf-8", "replace")[:200]
        got.path = spool.new_path(folder)
        out = open(got.path, "wb")
        part["file"] = True

    def on_part_data(data, start, end):
        if part.get("file"):
            got.size += end - start
            if got.size > cap:
                raise Refused(413, f"文件过大：数据包最大 {cap // (1024 * 1024)} MB。")
            out.write(data[start:end])
        else:
            part["value"] += data[start:end]
            if len(part["value"]) > MAX_FIELD_BYTES:
                raise Refused(400, "表单字段过长。")

    def on_part_end():
        if part.get("file"):
            out.close()
        elif part.get("name"):
            got.fields[part["name"]] = part["value"].decode("utf-8", "replace")

    parser = MultipartParser(params[b"boundary"], {
        "on_part_begin": on_part_begin, "on_header_field": on_header_field,
        "on_header_value": on_header_value, "on_header_end": on_header_end,
        "on_headers_finished": on_headers_finished, "on_part_data": on_part_data,
        "on_part_end": on_part_end})
    pieces = request.stream().__aiter__()
    try:
        while True:
            try:
                chunk = await asyncio.wait_for(pieces.__anext__(), READ_TIMEOUT)
            except StopAsyncIteration:
                break
            except asyncio.TimeoutError:
                raise Refused(408, "上传太慢，已中断，请重试。") from None
            parser.write(chunk)
        parser.finalize()
    except Refused:
        discard(got)
        raise
    except Exception:  # python-multipart's errors for a malformed body
        discard(got)
        raise Refused(400, "上传的表单已损坏，请重试。") from None
    finally:
        if out is not None and not out.closed:
            out.close()
    if got.path is None and not csrf_ok(got.fields.get("csrf_token")):
        raise Refused(403, "表单已失效或来源不明（CSRF 校验失败），请刷新页面后重试。")
    return got


def discard(upload: Upload) -> None:
    if upload.path is not None:
        upload.path.unlink(missing_ok=True)


"""The workbench's 数据包 page: the import log, the quarantine with its reasons, release and
reject for admins (district/quarantine.py, audited there), a bundle from a USB stick uploaded
through the form (web/uploads.py, then the importer's own checks), its receipt, the xlsx
export of every table (district/exports.py), and the receiver's TLS certificate beside what
each village pinned (district/tls_status.py).
"""

from __future__ import annotations

from urllib.parse import urlencode

import sqlalchemy as sa
from starlette.responses import RedirectResponse, Response

from cunwu.district import audit, exports, importer, imports_log, overview, quarantine, tls_status
from cunwu.district.schema import bundles as bundles_table
from cunwu.errors import CunwuError

STATUS = exports.STATUS


def bundles(v, status: int = 200, error: str = "") -> Response:
    village = str(v.request.query_params.get("village") or "").strip()
    held = [r for r in quarantine.listing(v.d, overview.PAGE_LANGUAGE) if not village or r["village"] == village]
    return v.render("bundles.html", status=status, village=village, log=imports_log.entries(v.d, village),
                    held=held, statuses=STATUS, error=error,
                    done=str(v.request.query_params.get("done") or "")[:300],
                    max_mb=v.web.max_bytes // (1024 * 1024), tls=tls_view(v))


def tls_view(v) -> dict:
    """tls_status.status for the certificate this server was started with, plus the scheme
    the page came by: https without a certificate of its own means a proxy ended TLS."""
    found = tls_status.status(v.d, v.web.served)
    return found | {"scheme": v.request.url.scheme, "lines": tls_status.by_fingerprint(found),
                    "mismatching": [x for x in found["villages"] if x["pin"] == "mismatch"]}


def _back(message: str) -> Response:
    return RedirectResponse("/bundles?" + urlencode({"done": message}), status_code=303)


def release(v) -> Response:
    try:
        r = quarantine.release(v.d, v.request.path_params["id"], v.user.name,
                               str(v.form.get("reason") or "").strip())
    except CunwuError as e:
        return bundles(v, 409, e.message)
    return _back(f"已放行 {r['village']} 第 {r['seq']} 号数据包，写入 {r['rows']} 行。")


def reject(v) -> Response:
    try:
        r = quarantine.reject(v.d, v.request.path_params["id"], v.user.name, str(v.form.get("reason") or ""))
    except CunwuError as e:
        return bundles(v, 400 if e.code == "E_QUARANTINE_REASON" else 409, e.message)
    return _back(f"已拒收 {r['village']} 第 {r['seq']} 号数据包（留档备查）。")


def upload(v) -> Response:
    """A bundle from a USB stick: imported exactly as `district import` imports a file."""
    got = v.upload
    if got is None or got.path is None or got.size == 0:
        return bundles(v, 400, "请选择要上传的数据包文件（.cwb）。")
    try:
        outcome = importer.import_spooled(v.d, got.path)
    except CunwuError as e:
        audit.record(v.d, v.user.name, "bundles.upload", got.filename,
                     {"result": "rejected", "code": e.code, "size": got.size})
        return bundles(v, 409 if e.code == "E_BUNDLE_QUARANTINED" else 422, f"{got.filename}：{e.message}")
    audit.record(v.d, v.user.name, "bundles.upload", f"{outcome.village} {outcome.seq}",
                 {"result": outcome.status, "rows": outcome.rows, "size": got.size, "file": got.filename})
    said = "已导入" if outcome.status == "applied" else "此前已导入过"
    return _back(f"{got.filename}：{said}（{outcome.village} 第 {outcome.seq} 号，{outcome.rows} 行）。"
                 f"回执请在导入记录中下载，交回村里。")


upload.streams_upload = True  # the guard streams the body to the spool (web/uploads.py)


def receipt(v) -> Response:
    """The signed receipt of an imported bundle, to carry back to the village."""
    code, seq = v.request.path_params["code"], v.request.path_params["seq"]
    with v.d.reader.connect() as conn:
        text = conn.execute(sa.select(bundles_table.c.receipt).where(
            (bundles_table.c.village == code) & (bundles_table.c.seq == seq))).scalar()
    if text is None:
        return v.refuse(404, "没有这个数据包的回执。")
    name = importer.receipt_name(code, seq)
    return Response(text.encode("utf-8"), media_type="application/json",
                    headers={"content-disposition": f'attachment; filename="{name}"'})


def export(v) -> Response:
    table = v.request.path_params["table"]
    if table not in exports.TABLES:
        return v.refuse(404, "没有这个表格。")
    extra = exports.TABLES[table][0]
    if extra and not v.user.may(extra):
        return v.refuse(403, f"账户 {v.user.name} 没有此项权限。")
    query = dict(v.request.query_params)
    if table == "village" and not query.get("code"):
        return v.refuse(404, "没有这个村。")
    try:
        name, data = exports.export(v.d, v.user, table, query)
    except CunwuError as e:
        return v.refuse(404 if e.code == "E_USAGE" else 400, e.message)
    return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"content-disposition": f'attachment; filename="{name}"'})

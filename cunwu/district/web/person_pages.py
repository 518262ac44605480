"""The workbench's 人员查询, 跨村核查 and 核验 pages: thin handlers over district/people.py and
district/notices.py (which check the role again and write the audit entries)."""

from __future__ import annotations

from starlette.responses import Response

from cunwu.district import notices, people
from cunwu.errors import CunwuError


def lookup(v) -> Response:
    q = v.request.query_params
    asked = {k: str(q.get(k) or "") for k in ("id_number", "name", "village")}
    rows, error = None, ""
    if any(asked.values()) and not v.user.may("lookup"):
        return _not_allowed(v)
    if any(asked.values()):
        try:
            rows = people.lookup(v.d, v.user, **asked)
        except CunwuError as e:
            error = e.message
    return v.render("people.html", asked=asked, rows=rows, error=error)


def cross_check(v) -> Response:
    run = bool(v.request.query_params.get("run"))
    if run and not v.user.may("lookup"):
        return _not_allowed(v)
    found = people.cross_check(v.d, v.user) if run else None
    return v.render("cross_check.html", found=found)


def _not_allowed(v) -> Response:
    """A viewer reads the two pages' forms; looking people up is an officer's (and audited)."""
    return v.refuse(403, f"账户 {v.user.name}（查看人）没有此项权限：人员查询和跨村核查需要经办人或管理员账户。")


def verify(v) -> Response:
    code = str(v.request.query_params.get("code") or "").strip()
    result, error = None, ""
    if code:
        try:
            result = notices.verify_code(v.d, code)
        except CunwuError as e:
            error = e.message
    return v.render("verify.html", code=code, result=result, error=error)

"""The workbench's pages: logging in and out, 总览, 村详情, the accounts list (admin), and the
routes of 工单 (web/case_pages.py), 政策参数 (web/policy_pages.py), the person pages
(web/person_pages.py) and 数据包 (web/bundle_pages.py). Each handler is one sync function of a Visit (web/app.py guards it).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import sqlalchemy as sa
from starlette.responses import RedirectResponse, Response

from cunwu.district import accounts, overview
from cunwu.district.schema import bundles as bundles_table
from cunwu.sync import documents
from cunwu.district.web import bundle_pages, case_pages, person_pages, policy_pages
from cunwu.errors import CunwuError

# (path, title) of the top navigation, in the order a district officer works through them
NAV = [("/", "总览"), ("/villages", "村详情"), ("/cases", "工单"), ("/policy", "政策参数"),
       ("/cross-check", "跨村核查"), ("/people", "人员查询"), ("/verify", "核验"), ("/bundles", "数据包")]


def login_form(v) -> Response:
    if v.user is not None or v.session.user is not None:
        return RedirectResponse("/", status_code=303)
    return v.render("login.html", next=_local_path(v.request.query_params.get("next")))


def login(v) -> Response:
    name = str(v.form.get("name") or "").strip()
    target = _local_path(str(v.form.get("next") or ""))
    try:
        user = accounts.login(v.d, name, str(v.form.get("password") or ""),
                              where="web " + (v.request.client.host if v.request.client else "-"))
    except CunwuError as e:
        return v.render("login.html", status=401, error=e.message, name=name, next=target)
    v.session = v.web.sessions.log_in(v.session, user.name)
    return RedirectResponse(target, status_code=303)


def logout(v) -> Response:
    v.web.sessions.drop(v.session)
    v.session = v.web.sessions.new()
    return RedirectResponse("/login", status_code=303)


def home(v) -> Response:
    q = v.request.query_params
    data = overview.villages(v.d, sort=str(q.get("sort") or ""), desc=q.get("desc") == "1")
    return v.render("overview.html", data=data, sorts=SORT_COLUMNS, chart=_chart(data),
                    tls=bundle_pages.tls_view(v))


# (sort key, header) of the overview's sortable columns, in the table's order
SORT_COLUMNS = [("name", "村名"), ("code", "村代码"), ("last", "最近数据包"), ("days", "距今天数"),
                ("residents", "在册居民"), ("quarantined", "隔离待审"), ("households", "户数"),
                ("dibao", "低保户/人"), ("dibao_total", "低保月金额"), ("tekun", "特困"),
                ("disabled", "残疾（两项补贴）"), ("elderly", "高龄"), ("left_behind_children", "留守儿童"),
                ("open_alerts", "待办提醒"), ("overdue_disclosures", "逾期公开"), ("meetings_this_quarter", "本季会议"),
                ("open_matters", "督办"), ("points_issued", "积分发放")]


def _chart(data: dict) -> dict:
    """What static/charts.js draws: villages by 低保 households and by days since their last
    bundle, the staleness line at the district's setting."""
    rows = sorted(data["villages"], key=lambda r: r["code"])
    return {"names": [r["name"] for r in rows],
            "dibao": [r["dibao"]["households"] for r in rows],
            "dibao_people": [r["dibao"]["people"] for r in rows],
            "days": [r["days_since"] for r in rows], "stale_after": data["stale_after_days"]}


def villages(v) -> Response:
    return v.render("villages.html", data=overview.villages(v.d))


def village(v) -> Response:
    data = overview.village(v.d, v.request.path_params["code"])
    if data is None:
        return v.refuse(404, "没有这个村。")
    tls = bundle_pages.tls_view(v)
    pin = next(x for x in tls["villages"] if x["village"] == data["village"]["code"])
    return v.render("village.html", data=data, alerts=overview.alert_lines(data["alerts"], v.user.may("lookup")),
                    receipt=_last_receipt(v.d, data["village"]["code"]), pin=pin, served=tls["tls"],
                    down=policy_pages.village_section(v.d, data["village"]["code"]))


def _last_receipt(d, code: str) -> dict | None:
    """What the village's last receipt told it for reconciliation, read from the stored receipt
    as the importer signed it: {"seq", "issued_at", "log_seq", "entities": {entity: count}}."""
    with d.reader.connect() as conn:
        text = conn.execute(sa.select(bundles_table.c.receipt).where(bundles_table.c.village == code)
                            .order_by(bundles_table.c.seq.desc()).limit(1)).scalar()
    if text is None:
        return None
    try:
        body, _ = documents.load(text.encode("utf-8"), documents.RECEIPT_FORMAT, "E_RECEIPT_FORMAT")
        found = documents.reconciliation_of(body, "E_RECEIPT_FORMAT")
    except CunwuError:
        return None
    return {"seq": body.get("seq"), "issued_at": body.get("issued_at"),
            "log_seq": found["log_seq"] if found else None,
            "entities": {e: v["count"] for e, v in (found or {}).get("entities", {}).items()}}


def users(v) -> Response:
    return v.render("users.html", users=accounts.list_users(v.d))


def user_unlock(v) -> Response:
    """An admin clears a lockout by enabling the account again (a no-op for a live one)."""
    name = v.request.path_params["name"]
    try:
        accounts.set_disabled(v.d, v.user, name, disabled=False)
    except CunwuError as e:
        return v.refuse(400, e.message)
    return RedirectResponse("/users", status_code=303)


def _local_path(target: str | None) -> str:
    """Only a path on this server: a `next` pointing elsewhere goes to the overview."""
    target = target or "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target


# (path, handler, permission or None for no login, methods)
ROUTES = [
    ("/login", login_form, None, ["GET"]),
    ("/login", login, None, ["POST"]),
    ("/logout", logout, None, ["POST"]),
    ("/", home, "read", ["GET"]),
    ("/villages", villages, "read", ["GET"]),
    ("/villages/{code}", village, "read", ["GET"]),
    ("/cases", case_pages.cases, "read", ["GET"]),
    ("/cases/dispatch", case_pages.dispatch, "cases", ["POST"]),
    ("/cases/{village}/{uuid}/{action:str}", case_pages.update, "cases", ["POST"]),
    ("/policy", policy_pages.policy, "read", ["GET"]),
    ("/policy", policy_pages.set_value, "policy", ["POST"]),
    ("/cross-check", person_pages.cross_check, "read", ["GET"]),  # running it needs "lookup"
    ("/people", person_pages.lookup, "read", ["GET"]),
    ("/verify", person_pages.verify, "read", ["GET"]),
    ("/bundles", bundle_pages.bundles, "read", ["GET"]),
    ("/bundles/upload", bundle_pages.upload, "import", ["POST"]),
    ("/bundles/{id}/release", bundle_pages.release, "quarantine", ["POST"]),
    ("/bundles/{id}/reject", bundle_pages.reject, "quarantine", ["POST"]),
    ("/receipts/{code}/{seq:int}", bundle_pages.receipt, "import", ["GET"]),
    ("/export/{table}.xlsx", bundle_pages.export, "export", ["GET"]),
    ("/users", users, "manage_users", ["GET"]),
    ("/users/{name}/unlock", user_unlock, "manage_users", ["POST"]),
]

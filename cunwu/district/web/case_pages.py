"""The workbench's 工单 page: each village's open, overdue and escalated cases, the escalation
queue with 受理 / 办理 / 退回 / 办结, the overdue list, one village's cases, and 派单 to a
village — thin handlers over district/cases.py (which checks the role and writes the audit).
"""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.responses import RedirectResponse, Response

from cunwu.district import cases as dcases
from cunwu.domain import cases as c
from cunwu.errors import CunwuError

ACTIONS = {"accept": "受理", "act": "办理", "return": "退回", "close": "办结"}
OVERDUE_SHOWN = 200  # the oldest overdue cases listed; the per-village counts hold the rest


def cases(v, status: int = 200, error: str = "", form: dict | None = None) -> Response:
    code = str(v.request.query_params.get("village") or "").strip()[:12]
    data = dcases.overview(v.d)
    names = {row["code"]: row["name"] for row in data["villages"]}
    village_rows = dcases.village_cases(v.d, code) if code in names else None
    return v.render("cases.html", status=status, data=data, village=code, village_name=names.get(code, ""),
                    village_rows=village_rows, names=names, overdue=data["overdue"][:OVERDUE_SHOWN], actions=ACTIONS,
                    categories=c.CATEGORIES, severities=c.SEVERITIES, decisions=c.DECISIONS,
                    benefits=c.BENEFIT_CATEGORIES, error=error, form=form or {},
                    done=str(v.request.query_params.get("done") or "")[:300])


def _back(message: str) -> Response:
    return RedirectResponse("/cases?" + urlencode({"done": message}), status_code=303)


def update(v) -> Response:
    """受理 / 办理 / 退回 / 办结 an escalated case; it reaches the village with its next district
    bundle."""
    p, f = v.request.path_params, v.form
    action = p["action"]
    try:
        r = dcases.update(v.d, v.user, p["village"], p["uuid"], action, str(f.get("note") or ""),
                          str(f.get("result") or ""), str(f.get("decision") or ""))
    except CunwuError as e:
        return cases(v, 422, e.message)
    return _back(f"已{ACTIONS.get(action, action)}工单 {r['number']}（{r['village']}），"
                 f"随该村下一个区县数据包送达。")


def dispatch(v) -> Response:
    """派单: a new case to a village about one of its people or households."""
    f = v.form
    data = {k: str(f.get(k) or "").strip() for k in ("person", "household", "category", "severity",
                                                     "title", "description", "department")}
    village = str(f.get("village") or "").strip()
    try:
        r = dcases.dispatch(v.d, v.user, village, data)
    except CunwuError as e:
        return cases(v, 422, e.message, form=data | {"village": village})
    return _back(f"已向 {r['village']} 派单：{r['title']}，随该村下一个区县数据包送达。")

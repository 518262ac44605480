"""The workbench's 政策参数 page: the parameters the district has set and where each stands, the
form that sets one (admin, through outbox.set_policy like `district policy set`), each
village's down channel, and 村详情's 下发到本村 section.
"""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.responses import RedirectResponse, Response

from cunwu.district import outbox
from cunwu.district.overview import PAGE_LANGUAGE
from cunwu.domain.policy import PARAMS, SHOWN, amount
from cunwu.errors import MESSAGES, CunwuError
from cunwu.i18n import translate

STATES = {"in_force": "执行中", "scheduled": "待生效", "superseded": "已被新值取代"}


def _label(name: str) -> str:
    """The parameter with its unit, for the form (高龄年龄（岁）)."""
    return translate(PARAMS[name][0], PAGE_LANGUAGE)


def _what(name: str) -> str:
    """The parameter alone, beside a value that carries its unit (高龄年龄)."""
    return translate(SHOWN[name][0], PAGE_LANGUAGE)


def _reads(name: str, value: str) -> str:
    """The value with its unit, as the village's lists write it (每人每月 1,200 元)."""
    return translate(SHOWN[name][1], PAGE_LANGUAGE).format(value=amount(value))


def _message(e: CunwuError) -> str:
    """The service's coded message in the page's language, the parameter by its Chinese name."""
    values = dict(e.params)
    if e.code == "E_POLICY_VALUE" and values.get("name") in PARAMS:
        values["name"] = _what(values["name"])
    return translate(MESSAGES[e.code], PAGE_LANGUAGE).format(**values)


def down_rows(d, names: dict[str, str]) -> list[dict]:
    """Each village's down channel (outbox.statuses) with its name, in code order."""
    return [row | {"name": names.get(code, "")} for code, row in outbox.statuses(d).items()]


def policy(v, status: int = 200, error: str = "", form: dict | None = None) -> Response:
    names = outbox.village_names(v.d)
    settings = [s | {"label": _what(s["name"]), "shown": _reads(s["name"], s["value"]),
                     "state_text": STATES[s["state"]]} for s in outbox.policy_settings(v.d)]
    down = down_rows(v.d, names)
    return v.render("policy.html", status=status, settings=settings, names=names, down=down,
                    lagging=[r for r in down if r["unconfirmed"]],
                    params=[(n, _label(n) + f"：{amount(low)}–{amount(high)}{'，整数' if whole else ''}")
                            for n, (_l, low, high, whole, _s) in PARAMS.items()],
                    error=error, form=form or {}, done=str(v.request.query_params.get("done") or "")[:300])


def set_value(v) -> Response:
    """A new value from a day on, for every village or one: outbox.set_policy checks and audits
    it exactly as `district policy set` does."""
    form = {k: str(v.form.get(k) or "").strip() for k in ("name", "value", "effective_from", "village")}
    try:
        r = outbox.set_policy(v.d, v.user, form["name"], form["value"], form["effective_from"],
                              form["village"] or None)
    except CunwuError as e:
        return policy(v, 422, _message(e), form)
    where = f"全部 {len(r['villages'])} 个村" if not form["village"] else outbox.village_names(v.d).get(
        form["village"], form["village"])
    said = (f"已设定{_what(r['name'])}：{_reads(r['name'], r['value'])}，自 {r['effective_from']} 起，"
            f"适用于{where}；随各村下一个区县数据包送达。")
    return RedirectResponse("/policy?" + urlencode({"done": said}), status_code=303)


def village_section(d, code: str) -> dict:
    """村详情's 下发到本村: the village's down channel and the parameters set for it that are in
    force or scheduled."""
    held = [s | {"label": _what(s["name"]), "shown": _reads(s["name"], s["value"]),
                 "state_text": STATES[s["state"]]}
            for s in outbox.policy_settings(d, village=code) if s["state"] != "superseded"]
    return {"channel": outbox.statuses(d, code)[code], "policies": held}

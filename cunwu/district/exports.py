"""Every workbench table as an xlsx workbook (openpyxl), with the filters the page had: built
from the same functions as the pages, so IDs are masked unless the account may see them in
full; each export is a district audit entry.
"""

from __future__ import annotations

import io

from cunwu import clock
from cunwu.district import audit, imports_log, overview, people, quarantine
from cunwu.district.accounts import DistrictUser
from cunwu.district.store import District
from cunwu.errors import CunwuError
from cunwu.io.roster_export import neutralise

Sheet = tuple[str, list[str], list[list]]  # (title, header, rows)

STATUS = {"held": "待处理", "released": "已放行", "rejected": "已拒收"}
OVERVIEW = ["村名", "村代码", "最近数据包", "接收时间", "距今天数", "在册居民", "隔离待审", "户数",
            "低保户", "低保人数", "低保月金额", "特困", "残疾", "两项补贴", "高龄", "留守儿童",
            "待办提醒", "逾期公开", "本季会议", "督办", "积分发放"]


def _overview_row(v: dict, name: str, code: str) -> list:
    return [name, code, v.get("last_seq", ""), v.get("last_import_at", ""), v.get("days_since", ""),
            v["residents"], v["quarantined"], v["households"], v["dibao"]["households"],
            v["dibao"]["people"], v["dibao"]["total"], v["tekun"], v["disabled"], v["two_subsidies"],
            v["elderly"], v["left_behind_children"], v["open_alerts"], v["overdue_disclosures"],
            v["meetings_this_quarter"], v["open_matters"], v["points_issued"]]


def _overview(d, user, q) -> list[Sheet]:
    data = overview.villages(d, sort=q.get("sort", ""), desc=q.get("desc") == "1")
    rows = [_overview_row(v, v["name"], v["code"]) for v in data["villages"]]
    rows.append(_overview_row(data["totals"], "合计", f"{data['totals']['villages']} 个村"))
    return [(f"总览 {data['date']}", OVERVIEW, rows)]


def _village(d, user, q) -> list[Sheet]:
    data = overview.village(d, q.get("code", ""))
    if data is None:
        raise CunwuError("E_USAGE", detail=f"no village {q.get('code', '')[:20]}")
    v = data["village"]
    return [(v["name"], OVERVIEW, [_overview_row(v, v["name"], v["code"])]),
            ("待办提醒", ["类别", "对象", "提醒", "到期日"],
             [[a["category"], a["name"], a["message"], a["due"]]
              for a in overview.alert_lines(data["alerts"], user.may("lookup"))]),
            ("逾期未公开", ["事项", "类别", "应公开日期"],
             [[o.get("title"), o.get("category"), o.get("due")] for o in data["overdue"]]),
            ("隔离记录", ["数据包", "代码", "原因", "收到时间"],
             [[h["seq"], h["code"], h["reason"], h["received_at"]] for h in data["quarantine"]]),
            ("密钥", ["密钥", "指纹", "来源", "有效自", "停用自"],
             [[k["key_id"], k["fingerprint"], k["source"], k["valid_from_seq"], k["revoked_from_seq"]]
              for k in data["keys"]])]


def _places(g: dict) -> str:
    return "、".join(f"{p['name'] or p['code']}（{p['person']}）" for p in g["villages"])


def _cross_check(d, user, q) -> list[Sheet]:
    found = people.cross_check(d, user)
    return [("同一身份证号多村在册", ["身份证号", "所在村"],
             [[g["id_number"], _places(g)] for g in found["same_id"]]),
            ("多村享受同一待遇", ["身份证号", "待遇", "所在村"],
             [[g["id_number"], g["tag"], _places(g)] for g in found["benefit_twice"]]),
            ("死亡迁出仍享受待遇", ["村", "姓名", "身份证号", "状态", "待遇"],
             [[r["village_name"] or r["village"], r["name"], r["id_number"], r["status"], r["tag"]]
              for r in found["gone_with_benefit"]])]


def _people(d, user, q) -> list[Sheet]:
    rows = people.lookup(d, user, **{k: q.get(k, "") for k in ("id_number", "name", "village")})
    return [("人员查询", ["村", "姓名", "身份证号", "状态", "出生日期", "当前类别"],
             [[r["village_name"] or r["village"], r["name"], r["id_number"], r["status"],
               r["birth_date"], "、".join(r["tags"])] for r in rows])]


def _bundles(d, user, q) -> list[Sheet]:
    log = imports_log.entries(d, q.get("village", ""))
    held = [r for r in quarantine.listing(d, overview.PAGE_LANGUAGE)
            if not q.get("village") or r["village"] == q["village"]]
    return [("导入记录", ["村", "村代码", "数据包", "变更起", "变更止", "变更数", "写入行数", "导入时间"],
             [[r["village_name"], r["village"], r["seq"], r["log_from"], r["log_to"], r["ops_count"],
               r["applied_rows"], r["imported_at"]] for r in log]),
            ("隔离", ["编号", "村代码", "数据包", "代码", "原因", "收到时间", "状态", "处理人", "处理时间"],
             [[r["id"], r["village"], r["seq"], r["code"], r["reason"], r["received_at"],
               STATUS[r["status"]], r["decided_by"] or "", r["decided_at"] or ""] for r in held])]


# table -> (the permission it needs beyond `export`, builder, the filters it takes)
TABLES = {"overview": (None, _overview, ("sort", "desc")),
          "village": (None, _village, ("code",)),
          "cross-check": ("lookup", _cross_check, ()),
          "people": ("lookup", _people, ("id_number", "name", "village")),
          "bundles": (None, _bundles, ("village",))}


def workbook(sheets: list[Sheet]) -> bytes:
    """Text cells throughout (an ID number never becomes a float), formulas neutralised."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for title, header, rows in sheets:
        ws = wb.create_sheet(title[:31])  # Excel's limit on a sheet name
        ws.append(header)
        for r in rows:
            ws.append([c if isinstance(c, int) and not isinstance(c, bool) else neutralise(c)
                       for c in r])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def export(d: District, user: DistrictUser, table: str, filters: dict) -> tuple[str, bytes]:
    """(file name, xlsx bytes) of one table with its filters; needs `export` (and `lookup`
    for the person tables); audited with the filters and the number of rows."""
    if table not in TABLES:
        raise CunwuError("E_USAGE", detail=f"no table {table[:40]}")
    extra, build, names = TABLES[table]
    user.require("export")
    if extra:
        user.require(extra)
    q = {k: str(filters.get(k) or "").strip() for k in names}
    sheets = build(d, user, q)
    audit.record(d, user.name, "export", table, {"filters": {k: v for k, v in q.items() if v},
                                                 "rows": sum(len(s[2]) for s in sheets),
                                                 "full_id": user.may("full_id")})
    name = f"{d.code}-{table}{'-' + q['code'] if q.get('code') else ''}-{clock.today().isoformat()}.xlsx"
    return name, workbook(sheets)

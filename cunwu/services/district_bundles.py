"""Importing district bundles (the down channel, sync/down.py) in the village: verified, in
order, idempotent, all or nothing per bundle; policy parameters stored with their dates,
dispatched cases opened and case updates applied through the cases service. And the home
page's lines on what the district changed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func
from sqlmodel import select

from cunwu import clock
from cunwu.domain import cases as c
from cunwu.domain.dates import parse_date
from cunwu.domain.policy import PARAMS, PolicyParam, checked_value
from cunwu.errors import CunwuError
from cunwu.files import read_capped
from cunwu.i18n import _
from cunwu.services.cases import open_case_row, step_row
from cunwu.sync import bundle, down
from cunwu.sync import village as sv
from cunwu.sync.tables import DistrictBundleIn, SyncDistrict, SyncKey

# A district update → the village workflow's action; "accept" (受理) is a timeline line.
UPDATE_ACTIONS = {"accept": "act", "act": "act", "return": "return", "close": "close"}
HOME_DAYS = 30  # what the district changed is listed this many days after it arrived or took effect


def last_applied(session) -> DistrictBundleIn | None:
    return session.exec(select(DistrictBundleIn).order_by(DistrictBundleIn.seq.desc())).first()


def next_seq(store) -> int:
    """The number of the next district bundle this village expects (sync push asks for it)."""
    with store.read() as s:
        last = last_applied(s)
    return last.seq + 1 if last else 1


def import_files(store, actor, paths, passphrase=None) -> dict:
    """sync import-district FILE…: each file read under its cap, then applied in number order
    (a folder's files may come in any order), each bundle in its own transaction."""
    datas = [read_capped(Path(p), bundle.MAX_BUNDLE_BYTES) for p in paths]
    return import_many(store, actor, datas, "file", passphrase)


def import_many(store, actor, datas: list[bytes], via: str, passphrase=None) -> dict:
    actor.require("write", "sync.import_district")
    checked = sorted((_verify(store, d) for d in datas), key=lambda p: p.envelope["seq"])
    results = [_apply(store, actor, parsed, via, passphrase) for parsed in checked]
    return {"bundles": results, "applied": sum(r["status"] == "applied" for r in results),
            "next_seq": next_seq(store)}


def _verify(store, data: bytes) -> bundle.Parsed:
    if len(data) > bundle.MAX_BUNDLE_BYTES:
        raise CunwuError("E_BUNDLE_SIZE", size=len(data), limit=bundle.MAX_BUNDLE_BYTES)
    with store.read() as s:
        dist = s.exec(select(SyncDistrict)).first()
        keys = [k.key_id for k in s.exec(select(SyncKey))]
    if dist is None:
        raise CunwuError("E_SYNC_NOT_ENROLLED")
    return down.verify(data, district=dist.district_code,
                       district_signing_public=bytes.fromhex(dist.signing_key),
                       village=store.village().code, village_key_ids=keys)


def _apply(store, actor, parsed: bundle.Parsed, via: str, passphrase) -> dict:
    env, sha = parsed.envelope, parsed.envelope_sha256
    with store.read() as s:
        key = s.exec(select(SyncKey).where(SyncKey.key_id == env["recipient_key_id"])).one()
    items = down.open_items(parsed, sv.private_key(store, key, passphrase))
    out = {"seq": env["seq"], "envelope_sha256": sha, "items": len(items), "policy": 0,
           "params": [], "cases_opened": 0, "cases_updated": 0, "skipped": []}
    with store.write(actor, "sync.import_district") as uow:
        s = uow.session
        last = last_applied(s)
        held = s.exec(select(DistrictBundleIn).where(DistrictBundleIn.seq == env["seq"])).first()
        status = down.order(env, sha, last.seq if last else 0, last.envelope_sha256 if last else "",
                            held.envelope_sha256 if held else None)
        if status == "already":
            uow.detail = {"seq": env["seq"], "status": status}
            return out | {"status": status}
        village_code = store.village().code
        for n, item in enumerate(items, 1):
            try:
                _apply_item(uow, village_code, env["seq"], item, out)
            except CunwuError as e:
                if e.code.startswith("E_DOWN"):
                    raise
                raise CunwuError("E_DOWN_ITEM", n=n, detail=e.message) from e
        uow.add(DistrictBundleIn(seq=env["seq"], envelope_sha256=sha, items_count=len(items),
                                 via=via, imported_at=clock.now_utc()))
        uow.detail = {k: out[k] for k in ("seq", "items", "policy", "cases_opened", "cases_updated")} | {
            "skipped": out["skipped"][:20]}
    return out | {"status": "applied"}


def _apply_item(uow, village_code: str, seq: int, item: dict, out: dict) -> None:
    kind = item["kind"]
    if kind == "policy":
        name = str(item.get("name"))
        value = checked_value(name, item.get("value"))
        since = parse_date(item.get("effective_from"))
        if since is None:
            raise CunwuError("E_DOWN_ITEM", n=item["id"], detail="effective_from")
        if uow.session.exec(select(PolicyParam).where(PolicyParam.item_id == item["id"])).first() is None:
            uow.add(PolicyParam(item_id=item["id"], name=name, value=value, effective_from=since,
                                district_seq=seq, received_at=clock.now_utc()))
            out["policy"] += 1
            out["params"].append({"name": name, "value": value,
                                  "effective_from": since.isoformat()})
    elif kind == "case_dispatch":
        data = {k: item.get(k) for k in ("person", "household", "category", "severity", "title",
                                         "department")}
        # the timeline is append-only: who dispatched it goes with the description
        by = _("Dispatched by the township ({officer}).").format(officer=_officer(item))
        data |= {"source": "district", "source_ref": item["id"],
                 "description": "\n".join(filter(None, (str(item.get("description") or "").strip(), by)))}
        open_case_row(uow, village_code, data)
        out["cases_opened"] += 1
    else:
        _apply_update(uow, item, out)


def _officer(item: dict) -> str:
    return str(item.get("officer") or "-")[:64]


def _apply_update(uow, item: dict, out: dict) -> None:
    """An escalated case's update from the township. One the village has moved past (closed it
    meanwhile, say) is skipped and reported, never blocking the bundles after it."""
    action = UPDATE_ACTIONS.get(str(item.get("action")))
    case = uow.session.get(c.Case, str(item.get("case_uuid") or ""))
    if action is None or case is None:
        raise CunwuError("E_DOWN_ITEM", n=item["id"], detail="case or action")
    note = str(item.get("note") or "").strip()[:2000]
    prefix = _("Township ({officer})").format(officer=_officer(item))
    if item.get("action") == "accept":
        note = _("{who}: accepted. {note}").format(who=prefix, note=note).strip()
    else:
        note = f"{prefix}: {note}"
    if (case.status, action) not in c.TRANSITIONS:
        out["skipped"].append({"id": item["id"], "case": case.number, "status": case.status,
                               "action": item.get("action")})
        return
    detail = {"district_item": item["id"]}
    change = None
    if action == "close":
        result, decision = str(item.get("result") or "").strip(), str(item.get("decision") or "").strip()
        c.check_close(case.category, result, decision)

        def change(row: c.Case) -> None:
            row.result, row.decision, row.closed_on = result, decision, clock.today()

        detail |= {"result": result, "decision": decision}
    step_row(uow, case, action, note, change, **detail)
    out["cases_updated"] += 1


def status(store) -> dict:
    with store.read() as s:
        last = last_applied(s)
        count = s.exec(select(func.count()).select_from(DistrictBundleIn)).one()
    return {"last_seq": last.seq if last else 0, "bundles": count,
            "last_imported_at": last.imported_at.isoformat(timespec="seconds") if last else None}


def home_items(store, actor, today: dt.date) -> list[dict]:
    """What the district changed: each parameter that arrived or takes effect within HOME_DAYS
    (an upcoming one says from when), and the cases it dispatched that are still open."""
    since = today - dt.timedelta(days=HOME_DAYS)
    with store.read() as s:
        params = s.exec(select(PolicyParam)).all()
        dispatched = s.exec(select(c.Case).where(c.Case.source == "district",
                                                 c.Case.status.in_(c.OPEN))).all()
    items = []
    for p in params:
        arrived = p.received_at.date()
        if p.effective_from >= since or arrived >= since:
            label = _(PARAMS[p.name][0]) if p.name in PARAMS else p.name
            items.append({"kind": "due" if p.effective_from > today else "alert",
                          "category": _("District policy"), "due": p.effective_from,
                          "title": _("{label}: {value} from {day}").format(
                              label=label, value=p.value, day=p.effective_from.isoformat()),
                          "target": "sync"})
    for case in dispatched:
        items.append({"kind": "alert", "category": _("Dispatched by the township"), "due": case.due,
                      "title": f"{case.number} {case.subject_name}: {case.title}",
                      "target": f"cases:{case.uuid}"})
    return items


def fetch(store, actor, url: str | None = None, *, timeout: float = 15.0, passphrase=None,
          ca_file: Path | None = None) -> dict:
    """sync push's second half: ask the district for the bundles after the last one applied
    (signed by the village's active key) and import them as a file import would."""
    from cunwu.services.sync import tls_pin
    from cunwu.sync import crypto, push

    actor.require("write", "sync.import_district")
    dist = sv.district(store)
    url = (url or (dist.url if dist else "") or "").rstrip("/")
    if dist is None or not url:
        raise CunwuError("E_SYNC_NOT_ENROLLED" if dist is None else "E_SYNC_NO_URL")
    key = sv.active_key(store)
    if key is None:
        raise CunwuError("E_SYNC_NO_KEY")
    village, after = store.village().code, next_seq(store) - 1
    signature = crypto.sign(sv.private_key(store, key, passphrase), push.fetch_message(village, after))
    datas = push.fetch_down(url, village, after, key.key_id, signature, timeout=timeout,
                            tls_pin=tls_pin(dist), ca_file=ca_file)
    if not datas:
        return {"bundles": [], "applied": 0, "next_seq": after + 1}
    return import_many(store, actor, datas, "http", passphrase)

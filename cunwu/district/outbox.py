"""What the district sends down to a village (sync/down.py is the format): items waiting in
`down_items`, the next district bundle made from them, the bundles written again to a folder
(USB) or handed to the village over HTTP; and policy parameters, set for one village or all.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid as _uuid
from pathlib import Path

import sqlalchemy as sa

from cunwu import clock
from cunwu.district import audit
from cunwu.district.accounts import DistrictUser
from cunwu.district.schema import down_bundles, down_items, village_keys, villages
from cunwu.district.store import District
from cunwu.domain.dates import parse_date
from cunwu.domain.policy import PARAMS, checked_value, latest
from cunwu.errors import CunwuError
from cunwu.files import write_atomic
from cunwu.store.canonical import canonical_json
from cunwu.sync import down


def _now() -> str:
    return clock.now_utc().isoformat(timespec="seconds")


def village_codes(conn) -> list[str]:
    return list(conn.execute(sa.select(villages.c.code).order_by(villages.c.code)).scalars())


def village_names(d: District) -> dict[str, str]:
    """{code: name} of the enrolled villages, in code order, for the forms that pick one."""
    with d.reader.connect() as conn:
        return dict(conn.execute(sa.select(villages.c.code, villages.c.name).order_by(villages.c.code)).all())


def known_village(conn, code: str) -> str:
    if conn.execute(sa.select(villages.c.code).where(villages.c.code == str(code))).first() is None:
        raise CunwuError("E_BUNDLE_VILLAGE", village=str(code)[:12])
    return str(code)


def add_item(conn, user: DistrictUser, village: str, kind: str, body: dict, at: str | None = None) -> str:
    """One item for a village's next district bundle, inside the caller's transaction (`at`:
    the time of the action it belongs to, shared by the items one action makes)."""
    item_id = str(_uuid.uuid4())
    item = {**body, "id": item_id, "kind": kind}
    # the order matters (accept, act, then close): a number, not a clock that may tie
    n = conn.execute(sa.select(sa.func.max(down_items.c.n)).where(down_items.c.village == village)).scalar()
    conn.execute(down_items.insert(), {"id": item_id, "village": village, "kind": kind,
                                       "body": canonical_json(item).decode("utf-8"), "n": (n or 0) + 1,
                                       "created_at": at or _now(), "actor": user.name, "down_seq": None})
    return item_id


# -- policy parameters -----------------------------------------------------------------------
def set_policy(d: District, user: DistrictUser, name: str, value, effective_from,
               village: str | None = None) -> dict:
    """district policy set: a parameter from a day on, for one village or every enrolled one;
    it travels in each village's next district bundle."""
    user.require("policy")
    text = checked_value(name, value)
    since = parse_date(effective_from)
    if since is None:
        raise CunwuError("E_DATE", value=str(effective_from)[:20])
    with d.engine.begin() as conn:
        codes = [known_village(conn, village)] if village else village_codes(conn)
        body = {"name": name, "value": text, "effective_from": since.isoformat()}
        at = _now()  # one time for every village's item: the workbench lists them as one setting
        for code in codes:
            add_item(conn, user, code, "policy", body, at)
        audit.append(conn, user.name, "policy.set", village or "*", body | {"villages": len(codes)})
    return body | {"villages": codes}


def policies(d: District) -> list[dict]:
    """Every parameter set, newest first, with where it has gone."""
    with d.reader.connect() as conn:
        rows = conn.execute(sa.select(down_items).where(down_items.c.kind == "policy")
                            .order_by(down_items.c.created_at.desc())).mappings().all()
    out = []
    for r in rows:
        body = json.loads(r["body"])
        out.append({"village": r["village"], "name": body["name"], "value": body["value"],
                    "label": PARAMS[body["name"]][0], "effective_from": body["effective_from"],
                    "set_by": r["actor"], "set_at": r["created_at"], "bundle": r["down_seq"]})
    return out


def policy_settings(d: District, today: dt.date | None = None, village: str | None = None) -> list[dict]:
    """The parameters set, one entry per setting (the items one `set_policy` made), newest
    first: for which villages (`all`: every village enrolled by then), its state on `today`
    (`scheduled` before its date; `in_force` where no later setting replaced it, else
    `superseded`) and how far it has gone (items waiting, in a bundle not confirmed, confirmed).
    With `village`, only that village's part of each setting."""
    today = today or clock.today()
    q = (sa.select(down_items.c.id, down_items.c.village, down_items.c.body, down_items.c.actor,
                   down_items.c.created_at, down_items.c.n, down_bundles.c.applied_at, down_items.c.down_seq)
         .select_from(down_items.outerjoin(down_bundles, (down_bundles.c.village == down_items.c.village)
                                           & (down_bundles.c.seq == down_items.c.down_seq)))
         .where(down_items.c.kind == "policy").order_by(down_items.c.created_at, down_items.c.n))
    if village is not None:
        q = q.where(down_items.c.village == village)
    with d.reader.connect() as conn:
        rows = conn.execute(q).all()
        enrolled = conn.execute(sa.select(villages.c.code, villages.c.enrolled_at)).all()
    per_village: dict[str, list] = {}
    settings: dict[tuple, dict] = {}
    for r in rows:
        body = json.loads(r.body)
        since = dt.date.fromisoformat(body["effective_from"])
        per_village.setdefault(r.village, []).append((body["name"], r.id, since, (r.created_at, r.n)))
        key = (r.created_at, r.actor, body["name"], body["value"], body["effective_from"])
        s = settings.setdefault(key, {"name": body["name"], "value": body["value"], "effective_from": since,
                                      "set_by": r.actor, "set_at": r.created_at, "villages": [], "items": [],
                                      "delivery": {"waiting": 0, "sent": 0, "confirmed": 0}})
        s["villages"].append(r.village)
        s["items"].append(r.id)
        s["delivery"]["waiting" if r.down_seq is None else "sent" if r.applied_at is None else "confirmed"] += 1
    current = {row[1] for held in per_village.values() for row in latest(held, today).values()}
    out = []
    for s in reversed(settings.values()):  # the query read them oldest first
        before = {code for code, at in enrolled if at <= s["set_at"]}
        s["in_force_in"] = sorted(v for v, i in zip(s["villages"], s.pop("items")) if i in current)
        s["villages"].sort()
        s["all"] = len(s["villages"]) > 1 and before <= set(s["villages"])
        s["state"] = ("scheduled" if s["effective_from"] > today else
                      "in_force" if s["in_force_in"] else "superseded")
        out.append(s)
    return out


# -- district bundles ------------------------------------------------------------------------
def _village_key(conn, village: str) -> bytes:
    """The village's key to seal to: its newest key not revoked."""
    row = conn.execute(sa.select(village_keys.c.public_key).where(
        (village_keys.c.village == village) & village_keys.c.revoked_from_seq.is_(None))
        .order_by(village_keys.c.valid_from_seq.desc(), village_keys.c.added_at.desc())).first()
    if row is None:
        raise CunwuError("E_BUNDLE_VILLAGE", village=village)
    return bytes.fromhex(row[0])


def write_next(d: District, user: DistrictUser, village: str) -> dict | None:
    """The village's pending items as its next district bundle (None when nothing waits):
    numbered, chained to the one before, signed, sealed, kept, and the items marked as sent,
    all in one transaction."""
    signing = d.signing_private()  # read first: the key rows need a connection of their own
    with d.engine.begin() as conn:
        known_village(conn, village)
        pending = conn.execute(sa.select(down_items.c.id, down_items.c.body).where(
            (down_items.c.village == village) & down_items.c.down_seq.is_(None))
            .order_by(down_items.c.n)).all()
        if not pending:
            return None
        last = conn.execute(sa.select(down_bundles.c.seq, down_bundles.c.envelope_sha256).where(
            down_bundles.c.village == village).order_by(down_bundles.c.seq.desc()).limit(1)).first()
        seq = last.seq + 1 if last else 1
        data, sha = down.build(district=d.code, village=village, seq=seq,
                               prev_envelope_sha256=last.envelope_sha256 if last else "",
                               items=[json.loads(b) for _id, b in pending],
                               signing_private=signing, signing_public=d.signing_public,
                               village_public=_village_key(conn, village))
        conn.execute(down_bundles.insert(), {"village": village, "seq": seq, "envelope_sha256": sha,
                                             "items_count": len(pending), "created_at": _now(),
                                             "data": data, "applied_at": None})
        conn.execute(down_items.update().where(down_items.c.id.in_([i for i, _b in pending])),
                     {"down_seq": seq})
        audit.append(conn, user.name, "down.write", village, {"seq": seq, "items": len(pending)})
    return {"village": village, "seq": seq, "items": len(pending), "envelope_sha256": sha}


def export_down(d: District, user: DistrictUser, village: str, out_dir: Path) -> dict:
    """district export-down: the next bundle if anything waits, then every bundle the village
    has not confirmed written to the folder (a lost stick loses nothing; the village skips
    those it holds)."""
    user.require("import")
    written = write_next(d, user, village)
    with d.reader.connect() as conn:
        rows = conn.execute(sa.select(down_bundles.c.seq, down_bundles.c.data).where(
            (down_bundles.c.village == village) & down_bundles.c.applied_at.is_(None))
            .order_by(down_bundles.c.seq)).all()
    files = []
    for seq, data in rows:
        path = Path(out_dir) / down.file_name(d.code, village, seq)
        write_atomic(path, bytes(data))
        files.append(str(path))
    return {"village": village, "new": written, "files": files}


def pending_for(d: District, village: str, after: int) -> list[bytes]:
    """For the village's HTTP fetch: the next bundle if anything waits, and every bundle after
    `after` (the last one it applied, which also confirms those up to it)."""
    write_next(d, DistrictUser("village:" + village, "officer"), village)
    with d.engine.begin() as conn:
        confirm(conn, village, after)
        rows = conn.execute(sa.select(down_bundles.c.data).where(
            (down_bundles.c.village == village) & (down_bundles.c.seq > after))
            .order_by(down_bundles.c.seq)).scalars().all()
    return [bytes(r) for r in rows]


def confirm(conn, village: str, applied: int) -> None:
    """The village has applied its district bundles up to `applied`: said by its HTTP fetch, or
    by the manifest of a bundle it sent (`down_applied`), which is how bundles carried on a USB
    stick come to be confirmed and are no longer written out again."""
    conn.execute(down_bundles.update().where(
        (down_bundles.c.village == village) & (down_bundles.c.seq <= applied)
        & down_bundles.c.applied_at.is_(None)), {"applied_at": _now()})


def statuses(d: District, village: str | None = None) -> dict[str, dict]:
    """Each enrolled village's down channel (or the one named): items waiting for a bundle,
    bundles written, those it has not confirmed (seq and when written, oldest first) and when
    it last confirmed one; three queries for every village, not a few per village."""
    codes = sa.select(villages.c.code).order_by(villages.c.code)
    waiting = sa.select(down_items.c.village, sa.func.count()).where(
        down_items.c.down_seq.is_(None)).group_by(down_items.c.village)
    sent = sa.select(down_bundles.c.village, down_bundles.c.seq, down_bundles.c.created_at,
                     down_bundles.c.applied_at).order_by(down_bundles.c.village, down_bundles.c.seq)
    if village is not None:
        codes = codes.where(villages.c.code == village)
        waiting = waiting.where(down_items.c.village == village)
        sent = sent.where(down_bundles.c.village == village)
    with d.reader.connect() as conn:
        out = {code: _empty(code) for code in conn.execute(codes).scalars()}
        for code, n in conn.execute(waiting):
            out.setdefault(code, _empty(code))["waiting_items"] = n
        for code, seq, written, applied in conn.execute(sent):
            row = out.setdefault(code, _empty(code))
            row["bundles"] += 1
            if applied is None:
                row["unconfirmed"].append({"seq": seq, "written_at": written})
            elif row["last_confirmed_at"] is None or applied > row["last_confirmed_at"]:
                row["last_confirmed_at"] = applied
    return out


def _empty(code: str) -> dict:
    return {"village": code, "waiting_items": 0, "bundles": 0, "unconfirmed": [], "last_confirmed_at": None}


def status(d: District, village: str) -> dict:
    row = statuses(d, village).get(village) or _empty(village)
    return {"village": village, "waiting_items": row["waiting_items"], "bundles": row["bundles"],
            "unconfirmed": [b["seq"] for b in row["unconfirmed"]]}


def fetch_for(d: District, village: str, after: str, key_id: str, signature: str) -> list[str]:
    """The HTTP fetch: the request must be signed by one of the village's enrolled keys not
    revoked (sync/push.fetch_message); the bundles go back base64-encoded, oldest first."""
    import base64

    from cunwu.sync import crypto, push

    if not (village.isdigit() and len(village) == 12 and after.isdigit() and len(after) <= 9):
        raise CunwuError("E_DOWN_AUTH", village=village[:12])
    with d.reader.connect() as conn:
        row = conn.execute(sa.select(village_keys.c.public_key).where(
            (village_keys.c.village == village) & (village_keys.c.key_id == key_id)
            & village_keys.c.revoked_from_seq.is_(None))).first()
    try:
        sig = base64.b64decode(signature, validate=True)
    except ValueError:
        sig = b""
    if row is None or not crypto.verifies(bytes.fromhex(row[0]), sig, push.fetch_message(village, int(after))):
        raise CunwuError("E_DOWN_AUTH", village=village)
    return [base64.b64encode(b).decode() for b in pending_for(d, village, int(after))]

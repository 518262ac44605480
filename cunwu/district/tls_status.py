"""The receiver's TLS certificate beside the fingerprint each village's district certificate
pinned at enrolment: the workbench's 接收证书 section and `cunwu district tls-status`.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from cunwu import clock
from cunwu.district.schema import villages
from cunwu.district.store import District
from cunwu.sync import tls

WARN_DAYS = 30  # a certificate expiring within this many days is flagged (renew, then re-enrol)

# A village's pin against the certificate served:
#   match     it pinned this certificate
#   mismatch  it pinned another: its `sync push` refuses this server until it gets a new
#             district certificate (enrolled again with --tls-cert of this one)
#   none      its certificate pins nothing: it checks the server against CAs (or uses http)
#   unknown   enrolled before the district recorded pins (schema 10)
#   unchecked it pinned one, but no served certificate is known to compare with
PIN_STATES = ("match", "mismatch", "none", "unknown", "unchecked")


def certificate(cert: tls.Certificate, now: dt.datetime | None = None) -> dict:
    """A certificate's facts as shown and printed: the fingerprint in groups, the names, the
    last day it is valid (local date), days left and its state (valid, expiring, expired,
    not_yet_valid)."""
    now = now or clock.now_utc()
    until = cert.not_after.astimezone().date()
    days_left = (until - now.astimezone().date()).days
    if now >= cert.not_after:
        state = "expired"
    elif now < cert.not_before:
        state = "not_yet_valid"
    elif days_left <= WARN_DAYS:
        state = "expiring"
    else:
        state = "valid"
    return {"sha256": cert.sha256, "sha256_grouped": tls.grouped(cert.sha256),
            "subject_cn": cert.subject_cn, "issuer_cn": cert.issuer_cn, "self_signed": cert.self_signed,
            "not_before": cert.not_before.isoformat(), "not_after": cert.not_after.isoformat(),
            "valid_until": until.isoformat(), "days_left": days_left, "state": state}


def _pin_state(pinned: str | None, issued_at: str | None, served: str | None) -> str:
    if issued_at is None:
        return "unknown"
    if pinned is None:
        return "none"
    if served is None:
        return "unchecked"
    return "match" if pinned == served else "mismatch"


def status(d: District, served: tls.Certificate | None, now: dt.datetime | None = None) -> dict:
    """{"tls": certificate(served) or None (plain http, or TLS ended by a proxy), "warn_days",
    "villages": [{"village", "name", "certificate_issued_at", "tls_sha256", "tls_sha256_grouped",
    "pin"}…] by code, "counts": {pin state: n}, "needs_new_certificate": [code…]}."""
    with d.reader.connect() as conn:
        rows = conn.execute(sa.select(villages.c.code, villages.c.name, villages.c.certificate_issued_at,
                                      villages.c.tls_sha256).order_by(villages.c.code)).all()
    fp = served.sha256 if served else None
    out = [{"village": r.code, "name": r.name, "certificate_issued_at": r.certificate_issued_at,
            "tls_sha256": r.tls_sha256, "tls_sha256_grouped": tls.grouped(r.tls_sha256) if r.tls_sha256 else None,
            "pin": _pin_state(r.tls_sha256, r.certificate_issued_at, fp)} for r in rows]
    return {"tls": certificate(served, now) if served else None, "warn_days": WARN_DAYS, "villages": out,
            "counts": {s: sum(v["pin"] == s for v in out) for s in PIN_STATES},
            "needs_new_certificate": [v["village"] for v in out if v["pin"] == "mismatch"]}


def needs_action(found: dict) -> bool:
    """The certificate has expired or is not valid yet, or a village pinned another one."""
    return bool(found["needs_new_certificate"]) or (
        found["tls"] is not None and found["tls"]["state"] in ("expired", "not_yet_valid"))


def by_fingerprint(found: dict) -> list[dict]:
    """The villages counted by what they pinned, the served certificate's first: [{"tls_sha256",
    "grouped", "pin", "villages": n}…]; one line for those pinning nothing, one for the unknown."""
    lines: dict = {}
    for v in found["villages"]:
        key = v["tls_sha256"] if v["pin"] in ("match", "mismatch", "unchecked") else v["pin"]
        line = lines.setdefault(key, {"tls_sha256": v["tls_sha256"], "grouped": v["tls_sha256_grouped"],
                                      "pin": v["pin"], "villages": 0})
        line["villages"] += 1
    order = {s: i for i, s in enumerate(PIN_STATES)}
    return sorted(lines.values(), key=lambda x: (order[x["pin"]], -x["villages"]))

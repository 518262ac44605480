"""`cunwu district …`: the district's store, enrolment, imports, HTTP receiver and reports.

The district folder is `--district-dir DIR`, else env CUNWU_DISTRICT_DIR, else `district/`
inside the data folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cunwu.cli import district_demo, district_down, district_users
from cunwu.cli.common import new_password
from cunwu.cli.district_access import folder, open_as
from cunwu.i18n import _


def register(sub, common) -> None:
    import argparse

    where = argparse.ArgumentParser(add_help=False)
    where.add_argument("--district-dir", type=Path, metavar="DIR", default=argparse.SUPPRESS,
                       help=_("district folder (default: CUNWU_DISTRICT_DIR, else district/ in the data folder)"))
    common = argparse.ArgumentParser(add_help=False, parents=[common, where])
    p = sub.add_parser("district", parents=[common], help=_("the district's store of every village's records"))
    s = p.add_subparsers(dest="district_command", metavar=_("COMMAND"), required=True)

    q = s.add_parser("init", parents=[common], help=_("create the district store and its keys"))
    q.add_argument("--district-code", required=True)
    q.add_argument("--name", required=True)
    q.add_argument("--db-url", help=_("postgresql://… (default: SQLite in the district folder)"))
    q.add_argument("--admin", metavar="NAME",
                   help=_("create the first district account, an admin (password from CUNWU_NEW_PASSWORD or a prompt)"))
    q.set_defaults(handler=init)

    q = s.add_parser("enrol", parents=[common], help=_("enrol a village; writes the district certificate"))
    q.add_argument("request", type=Path)
    q.add_argument("--out", type=Path, required=True, metavar="CERT_FILE")
    q.add_argument("--revoke-from", type=int, metavar="SEQ",
                   help=_("enrolling again: revoke the village's earlier keys from this bundle number on"))
    q.add_argument("--url", default="", help=_("the address villages push to, written into the certificate"))
    q.add_argument("--tls-cert", type=Path, metavar="FILE",
                   help=_("the receiver's TLS certificate (PEM): its fingerprint goes into the "
                          "certificate and the village's pushes accept no other server"))
    q.set_defaults(handler=enrol)

    q = s.add_parser("import", parents=[common], help=_("verify and apply bundles; write receipts"))
    q.add_argument("files", type=Path, nargs="+", metavar="FILE")
    q.add_argument("--receipts", type=Path, metavar="DIR", help=_("folder for the receipts"))
    q.set_defaults(handler=import_)

    q = s.add_parser("serve", parents=[common], help=_("the HTTP receiver"))
    q.add_argument("--host", default="127.0.0.1")
    q.add_argument("--port", type=int, default=8750)
    q.add_argument("--max-bundle-mb", type=float, metavar="MB",
                   help=_("largest bundle accepted (default 64, or receiver.max_bytes in district.json)"))
    q.add_argument("--read-timeout", type=float, metavar="SECONDS",
                   help=_("longest wait for the next piece of an upload (default 30)"))
    q.add_argument("--body-timeout", type=float, metavar="SECONDS",
                   help=_("longest time for a whole upload (default 300)"))
    q.add_argument("--max-uploads", type=int, metavar="N",
                   help=_("uploads at once; more are told to retry later (default 16)"))
    q.add_argument("--tls-cert", type=Path, metavar="FILE", help=_("serve https with this certificate (PEM)"))
    q.add_argument("--tls-key", type=Path, metavar="FILE", help=_("the certificate's private key (PEM)"))
    q.set_defaults(handler=serve)

    q = s.add_parser("status", parents=[common], help=_("per village: last bundle, counts, quarantine"))
    q.set_defaults(handler=status)

    q = s.add_parser("tls-status", parents=[common],
                     help=_("the receiver's TLS certificate and the fingerprint each village pinned"))
    q.add_argument("--tls-cert", type=Path, metavar="FILE",
                   help=_("the certificate the receiver (or the proxy in front of it) serves (PEM)"))
    q.set_defaults(handler=tls_status)

    q = s.add_parser("quarantine", parents=[common], help=_("bundles set aside for review, with the reason"))
    q.add_argument("action", nargs="?", choices=("list", "release", "reject"), default="list",
                   help=_("list (default); release: import it again through every check; reject: keep it refused"))
    q.add_argument("id", nargs="?", metavar="ID", help=_("the bundle's id, as the list shows it"))
    q.add_argument("--reason", default="", help=_("why (required to reject)"))
    q.set_defaults(handler=quarantine)

    q = s.add_parser("verify-code", parents=[common],
                     help=_("check a printed notice's verification code against the district's copy"))
    q.add_argument("code")
    q.set_defaults(handler=verify_code)

    q = s.add_parser("report", parents=[common], help=_("aggregates across villages"))
    q.add_argument("--date", help=_("as of this day (default: today)"))
    q.set_defaults(handler=report)

    district_users.register(s, common)
    district_demo.register(s, common)
    district_down.register(s, common)


def init(ctx) -> int:
    from cunwu.cli.sync import key_passphrase
    from cunwu.district.accounts import add_user
    from cunwu.district.store import District

    a = ctx.args
    secret = new_password(a.admin) if a.admin else None  # asked before anything is made
    with District.create(folder(ctx), a.district_code, a.name, a.db_url, passphrase=key_passphrase) as d:
        if a.admin:
            add_user(d, None, a.admin, "admin", secret)
        info = {"district": d.code, "name": d.name, "folder": str(d.folder), "fingerprint": d.fingerprint(),
                "admin": a.admin}
    ctx.emit(info, [_("District store created in {dir}.").format(dir=info["folder"]),
                    _("District fingerprint: {fp}").format(fp=info["fingerprint"])])
    return 0


def enrol(ctx) -> int:
    from cunwu.files import write_atomic
    from cunwu.district.enrol import enrol as do_enrol
    from cunwu.sync import documents, tls
    from cunwu.files import read_capped

    data = read_capped(ctx.args.request, documents.MAX_DOCUMENT_BYTES)
    pin = tls.cert_fingerprint(ctx.args.tls_cert) if ctx.args.tls_cert else None
    cert, info = ctx.call(lambda d: do_enrol(d, data, ctx.args.revoke_from, ctx.args.url, pin),
                          opener=open_as("enrol"))
    write_atomic(ctx.args.out, cert)
    info["certificate"] = str(ctx.args.out)
    lines = [_("Enrolled {name} ({code}); certificate: {out}").format(
        name=info["village_name"], code=info["village"], out=ctx.args.out),
        _("Village key fingerprint (compare with the village's): {fp}").format(fp=info["village_fingerprint"]),
        _("District fingerprint: {fp}").format(fp=info["district_fingerprint"])]
    if info["revoked"]:
        lines.append(_("Earlier keys revoked from bundle {seq} on.").format(seq=info["revoked_from"]))
    if info["tls_sha256"]:
        lines.append(_("TLS certificate fingerprint (pinned): {fp}").format(fp=info["tls_sha256"]))
    ctx.emit(info, lines)
    return 0


def import_(ctx) -> int:
    from cunwu.district.importer import import_files
    from cunwu.errors import CunwuError

    def work(d):  # one line per file as it is done; a rejected file does not stop the others
        results = []
        for path, out in import_files(d, ctx.args.files, ctx.args.receipts):
            if isinstance(out, CunwuError):
                results.append({"file": str(path), "result": "rejected", "code": out.code, "reason": out.message})
                line = _("{file}: rejected {code} {reason}").format(file=path.name, code=out.code, reason=out.message)
            else:
                results.append({"file": str(path), "result": out.status, "village": out.village,
                                "seq": out.seq, "rows": out.rows})
                line = _("{file}: applied ({n} rows)").format(file=path.name, n=out.rows) \
                    if out.status == "applied" else _("{file}: already applied").format(file=path.name)
            if not ctx.json:
                print(line)
        return results

    results = ctx.call(work, opener=open_as("import"))
    if ctx.json:
        ctx.emit(results)
    return 1 if any(r["result"] == "rejected" for r in results) else 0


def serve(ctx) -> int:
    from cunwu.district.server import Limits, serve as do_serve
    from cunwu.district.tls_status import certificate
    from cunwu.errors import CunwuError
    from cunwu.sync import tls

    a = ctx.args
    if bool(a.tls_cert) != bool(a.tls_key):
        raise CunwuError("E_USAGE", detail=_("--tls-cert and --tls-key go together"))
    scheme = "https" if a.tls_cert else "http"
    served = tls.read_certificate(a.tls_cert) if a.tls_cert else None  # before the store is opened

    def work(d):
        limits = Limits.of(d, max_bytes=int(a.max_bundle_mb * 1024 * 1024) if a.max_bundle_mb else None,
                           read_timeout=a.read_timeout, body_timeout=a.body_timeout,
                           max_uploads=a.max_uploads)
        print(_("Receiving bundles for {code} on {scheme}://{host}:{port}/api/v1/bundles").format(
            code=d.code, scheme=scheme, host=ctx.args.host, port=ctx.args.port), file=sys.stderr)
        if served:
            for line in _certificate_lines(certificate(served)):
                print(line, file=sys.stderr)
        d.private(d._key("enc")["key_id"])  # ask for the passphrase now, not on the first upload
        d.signing_private()
        do_serve(d, ctx.args.host, ctx.args.port, limits, (a.tls_cert, a.tls_key) if a.tls_cert else None, served)

    ctx.call(work, opener=open_as("import"))
    return 0


def status(ctx) -> int:
    from cunwu.cli.common import table
    from cunwu.district.report import status as district_status

    return ctx.run(district_status, lambda rows: table(
        [[r["village"], r["name"], r["last_seq"], r["last_import_at"] or "-",
          sum(r["entities"].values()), r["quarantined"]] for r in rows],
        [_("village"), _("name"), _("last bundle"), _("last import"), _("records"), _("quarantined")]),
        opener=open_as("read"))


def _certificate_lines(c: dict) -> list[str]:
    lines = [_("TLS certificate: {subject}, issued by {issuer}").format(subject=c["subject_cn"], issuer=c["issuer_cn"]),
             _("TLS certificate fingerprint: {fp}").format(fp=c["sha256_grouped"]),
             _("Valid until {date} ({days} days left)").format(date=c["valid_until"], days=c["days_left"])
             if c["days_left"] >= 0 else _("Valid until {date}").format(date=c["valid_until"])]
    warning = {"expired": _("WARNING: the certificate has expired; villages cannot push until it is renewed."),
               "not_yet_valid": _("WARNING: the certificate is not valid yet."),
               "expiring": _("WARNING: the certificate expires in {days} days: renew it, then enrol the villages "
                             "again with --tls-cert of the new one.")}.get(c["state"])
    return lines + ([warning.format(days=c["days_left"])] if warning else [])


def tls_status(ctx) -> int:
    """Exit 1 when something needs doing: the certificate expired (or not valid yet), or a
    village pinned another one."""
    from cunwu.cli.common import table
    from cunwu.clock import local_minute
    from cunwu.district import tls_status as found
    from cunwu.sync import tls

    served = tls.read_certificate(ctx.args.tls_cert) if ctx.args.tls_cert else None
    got = ctx.call(lambda d: found.status(d, served), opener=open_as("read"))
    pins = {"match": _("this certificate"), "mismatch": _("another: needs a new district certificate"),
            "none": _("none (checked against CAs)"), "unknown": _("not recorded (enrolled earlier)"),
            "unchecked": _("not compared (no certificate given)")}
    lines = _certificate_lines(got["tls"]) if got["tls"] else [
        _("No TLS certificate given: served over plain http, or TLS ended by a proxy (give its certificate "
          "with --tls-cert to compare).")]
    lines += table([[v["village"], v["name"], pins[v["pin"]],
                     v["tls_sha256_grouped"][:19] + " …" if v["tls_sha256_grouped"] else "-",
                     local_minute(v["certificate_issued_at"]) or "-"] for v in got["villages"]],
                   [_("village"), _("name"), _("pinned"), _("fingerprint (start)"), _("certificate issued")])
    if got["needs_new_certificate"]:
        lines.append(_("Villages that pinned another certificate: {n}. Their sync push refuses this server until "
                       "they are enrolled again with --tls-cert and install the new district certificate.")
                     .format(n=len(got["needs_new_certificate"])))
    ctx.emit(got, lines)
    return 1 if found.needs_action(got) else 0


def report(ctx) -> int:
    import json

    from cunwu.district.report import report as district_report
    from cunwu.domain.dates import parse_date

    day = parse_date(ctx.args.date)
    return ctx.run(lambda d: district_report(d, day),
                   lambda data: json.dumps(data["totals"], ensure_ascii=False, indent=2), opener=open_as("read"))


def verify_code(ctx) -> int:
    from cunwu.district.notices import verify_code as check

    got = ctx.call(lambda d: check(d, ctx.args.code), opener=open_as("read"))
    if got["ok"]:
        text = _("The sheet matches village {village}'s notice '{title}'.").format(
            village=got["village"], title=got["title"])
    elif got["uuid"]:
        text = _("The sheet does NOT match village {village}'s notice '{title}'.").format(
            village=got["village"], title=got["title"])
    else:
        text = _("No notice with this code is held by the district.")
    ctx.emit(got, text)
    return 0 if got["ok"] else 1


def quarantine(ctx) -> int:
    from cunwu.cli.common import table
    from cunwu.district import quarantine as held
    from cunwu.errors import CunwuError

    a = ctx.args
    if a.action == "list":
        return ctx.run(held.listing, lambda rows: table(
            [[r["id"], r["village"], r["seq"], r["received_at"], r["status"], r["reason"]] for r in rows],
            [_("id"), _("village"), _("bundle"), _("received"), _("status"), _("reason")]), opener=open_as("read"))
    if not a.id:
        raise CunwuError("E_USAGE", detail=_("say which bundle: cunwu district quarantine {action} ID").format(
            action=a.action))
    if a.action == "release":
        return ctx.run(lambda d: held.release(d, a.id, a.district_user.name, a.reason), lambda r: _(
            "Bundle {seq} of village {village} released: {rows} rows applied.").format(**r), opener=open_as("quarantine"))
    return ctx.run(lambda d: held.reject(d, a.id, a.district_user.name, a.reason), lambda r: _(
        "Bundle {seq} of village {village} rejected; it stays on record.").format(**r), opener=open_as("quarantine"))

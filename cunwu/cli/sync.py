"""`cunwu sync …`: the village's side of sending records to the district (SYNC.md)."""

from __future__ import annotations

import sys
from pathlib import Path

from cunwu.i18n import _


def register(sub, common) -> None:
    p = sub.add_parser("sync", parents=[common], help=_("send records to the district"))
    s = p.add_subparsers(dest="sync_command", metavar=_("COMMAND"), required=True)

    q = s.add_parser("enrol-request", parents=[common], help=_("write the enrolment request for the district"))
    q.add_argument("--out", type=Path, required=True, metavar="FILE")
    q.add_argument("--new-key", action="store_true",
                   help=_("the signing key was lost: make a new one and enrol again"))
    q.set_defaults(handler=enrol_request)

    q = s.add_parser("accept-district", parents=[common], help=_("install the district certificate"))
    q.add_argument("file", type=Path)
    q.add_argument("--fingerprint", metavar="FP",
                   help=_("the district fingerprint read out by the district; refuse any other"))
    q.set_defaults(handler=accept_district)

    q = s.add_parser("export", parents=[common], help=_("write the next bundle into a folder"))
    q.add_argument("--out", type=Path, required=True, metavar="DIR")
    q.set_defaults(handler=export)

    q = s.add_parser("push", parents=[common], help=_("send pending changes over HTTP"))
    q.add_argument("--url", help=_("the district server (default: from its certificate)"))
    q.add_argument("--attempts", type=int, default=4)
    q.add_argument("--timeout", type=float, default=15.0, metavar="SECONDS")
    q.add_argument("--ca-file", type=Path, metavar="FILE",
                   help=_("check the https server against this CA certificate (default: the TLS "
                          "fingerprint in the district certificate, else the system's CAs)"))
    q.set_defaults(handler=push)

    q = s.add_parser("import-receipt", parents=[common], help=_("mark changes as received by the district"))
    q.add_argument("file", type=Path)
    q.set_defaults(handler=import_receipt)

    q = s.add_parser("import-district", parents=[common],
                     help=_("apply district bundles (policy parameters, cases) from files, in order"))
    q.add_argument("files", type=Path, nargs="+", metavar="FILE")
    q.set_defaults(handler=import_district)

    q = s.add_parser("rotate-key", parents=[common],
                     help=_("make a new signing key, announced to the district in the next bundle"))
    q.set_defaults(handler=rotate_key)

    q = s.add_parser("status", parents=[common], help=_("last bundle, last receipt, changes not yet confirmed"))
    q.set_defaults(handler=status)


def key_passphrase() -> str | None:
    """The key-file passphrase: CUNWU_KEY_PASSPHRASE, else a prompt on a terminal."""
    import getpass
    import os

    value = os.environ.get("CUNWU_KEY_PASSPHRASE")
    if value or not sys.stdin.isatty():
        return value or None
    return getpass.getpass(_("Passphrase of the signing key file: "))


def _note_storage(key) -> None:
    if key.storage == "file":
        print(_("No system keyring is available: the signing key is kept in a file sealed under "
                "your passphrase."), file=sys.stderr)


def enrol_request(ctx) -> int:
    from cunwu.services import sync

    def work(store, actor):
        if ctx.args.new_key:
            _note_storage(sync.replace_lost_key(store, actor, key_passphrase))
        elif sync.active_key(store) is None:
            _note_storage(sync.ensure_key(store, actor, key_passphrase))
        return sync.enrol_request(store, actor, ctx.args.out, key_passphrase)

    return ctx.run(work, lambda info: [
        _("Enrolment request written: {file}").format(file=info["file"]),
        _("Village key fingerprint (read it to the district): {fp}").format(fp=info["fingerprint"])],
        write=True)


def accept_district(ctx) -> int:
    from cunwu.services import sync

    return ctx.run(lambda store, actor: sync.accept_district(store, actor, ctx.args.file,
                                                             ctx.args.fingerprint),
                   lambda info: [
                       _("District certificate installed: {name} ({code}).").format(
                           name=info["name"], code=info["district"]),
                       _("District fingerprint (compare it with the district's): {fp}").format(
                           fp=info["fingerprint"])] + ([
                       _("TLS certificate of the district server (pinned): {fp}").format(
                           fp=info["tls_fingerprint"])] if info["tls_fingerprint"] else []),
                   write=True)


def export(ctx) -> int:
    from cunwu.services import sync

    progress = None
    if sys.stderr.isatty():
        def progress(done, total):
            print(f"\r{done * 100 // max(total, 1)}%", end="", file=sys.stderr, flush=True)

    def work(store, actor):
        info = sync.export_bundle(store, actor, ctx.args.out, progress=progress,
                                  passphrase=key_passphrase)
        if progress:
            print(file=sys.stderr)
        return info

    return ctx.run(work, lambda info: info["path"], write=True)


def push(ctx) -> int:
    from cunwu.services.district_bundles import fetch
    from cunwu.services.sync import push_bundle as do_push

    def work(store, actor):  # send ours, then take what the district has for us
        info = do_push(store, actor, ctx.args.url, attempts=ctx.args.attempts,
                       timeout=ctx.args.timeout, passphrase=key_passphrase, ca_file=ctx.args.ca_file)
        return info | {"district_bundles": fetch(store, actor, ctx.args.url, timeout=ctx.args.timeout,
                                                 passphrase=key_passphrase, ca_file=ctx.args.ca_file)}

    return ctx.run(work, lambda info: [_("Sent {n} changes; the district confirmed bundle {seq}.").format(
                       n=info["changes"], seq=info["seq"]), *reconciliation_lines(info),
                       *district_lines(info["district_bundles"])],
                   write=True)


def import_district(ctx) -> int:
    from cunwu.services.district_bundles import import_files

    return ctx.run(lambda store, actor: import_files(store, actor, ctx.args.files, key_passphrase),
                   district_lines, write=True)


def district_lines(info: dict) -> list[str]:
    out = []
    for b in info["bundles"]:
        if b["status"] == "already":
            out.append(_("District bundle {seq}: already applied.").format(**b))
        else:
            out.append(_("District bundle {seq}: {policy} policy parameters, {cases_opened} cases "
                         "dispatched, {cases_updated} case updates.").format(**b))
        out += ["  " + _("Skipped (the case has moved on): {case} {action}, now {status}").format(**x)
                for x in b["skipped"]]
    return out


def import_receipt(ctx) -> int:
    from cunwu.services.sync import import_receipt_file

    return ctx.run(lambda store, actor: import_receipt_file(store, actor, ctx.args.file),
                   lambda info: [_("The district holds every change up to {n} (bundle {seq}).").format(
                       n=info["last_log_seq"], seq=info["seq"]), *reconciliation_lines(info)],
                   write=True)


def reconciliation_lines(info: dict) -> list[str]:
    """The district's copy against the village's, from a receipt's counts."""
    if info["matches"] is None:
        return []
    if info["matches"]:
        return [_("The district's copy matches this village's.")]
    return [_("The district's copy differs; these go again in full with the next bundle:")] + [
        "  " + _("{entity}: {village} here, {district} at the district").format(entity=e, **v)
        for e, v in info["reconciliation"].items() if not v["matches"]]


def rotate_key(ctx) -> int:
    from cunwu.services import sync

    return ctx.run(lambda store, actor: sync.rotate_key(store, actor, key_passphrase),
                   lambda key: _("New key {id} will be announced in the next bundle; it signs once "
                                 "the district confirms.").format(id=key.key_id),
                   data=lambda key: {"key_id": key.key_id, "fingerprint": key.fingerprint},
                   write=True)


def status(ctx) -> int:
    from cunwu.services import sync

    def shown(info):
        lb, lr = info["last_bundle"], info["last_receipt"]
        return [
            _("District: {d}").format(d=info["district"] or _("not enrolled")),
            _("Last bundle: {b}").format(b=f"{lb['seq']} ({lb['created_at']})" if lb else "-"),
            _("Last receipt: {r}").format(r=f"{lr['seq']} ({lr['received_at']})" if lr else "-"),
            _("Changes not yet confirmed: {n}").format(n=info["unconfirmed_changes"]),
            _("Last successful sync: {t}").format(t=info["last_successful_sync"] or "-"),
            *reconciliation_lines(info),
        ]

    return ctx.run(sync.status, shown)

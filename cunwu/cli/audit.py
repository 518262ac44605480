"""`cunwu audit list|verify`: the hash-chained audit trail."""

from __future__ import annotations

import json

from cunwu.cli.common import table
from cunwu.i18n import _


def register(sub, common) -> None:
    audit = sub.add_parser("audit", parents=[common], help=_("the audit trail"))
    s = audit.add_subparsers(dest="audit_command", metavar=_("ACTION"), required=True)
    p = s.add_parser("list", parents=[common], help=_("newest entries first"))
    p.add_argument("--limit", type=int, default=200)
    p.add_argument("--actor")
    p.set_defaults(handler=list_)
    p = s.add_parser("verify", parents=[common], help=_(
        "check the data: both hash chains, every record against the change log, the points "
        "totals against the ledger, the guard triggers, the history the district receipted"))
    p.set_defaults(handler=verify)


def list_(ctx) -> int:
    from cunwu.services.audit import list_entries

    def shown(entries):
        return table([[e["seq"], e["at"][:19], e["actor"], e["action"], e["target"],
                       json.dumps(e["detail"], ensure_ascii=False)] for e in entries],
                     [_("no."), _("time (UTC)"), _("user"), _("action"), _("record"), _("detail")])

    return ctx.run(lambda store: list_entries(store, limit=ctx.args.limit, actor=ctx.args.actor), shown)


def verify(ctx) -> int:
    """Every check; each failure in plain words on stderr, and exit 1 when there is one."""
    import sys

    from cunwu.services.audit import check

    result = ctx.call(check)
    if result["ok"]:
        text = [_("Audit trail intact: {a} entries; change log intact: {c} entries.").format(
                    a=result["audit_entries"], c=result["change_log_entries"]),
                _("Every record matches the change log, the points totals match the ledger, "
                  "the guard triggers are in place and the history reaches what the district "
                  "receipted.")]
    else:
        text = _("The data integrity check found {n} problem(s).").format(
            n=sum(not c["ok"] for c in result["checks"]))
    ctx.emit(result, text)
    for c in result["checks"]:
        if not c["ok"]:
            print(f"{c['code']}: {c['first_failure']}", file=sys.stderr)
    return 0 if result["ok"] else 1

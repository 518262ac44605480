"""Sending bundles over HTTP: `POST /api/v1/bundles`, the response is the receipt.

The bundle is recorded before it is sent, so a reply lost on the way can never make the
village reuse its number; resending the same bytes is harmless (the district answers
"already applied" with the same receipt). Retries back off exponentially.
"""

from __future__ import annotations

import logging
import time

from cunwu.errors import MESSAGES, CunwuError
from cunwu.sync import village

log = logging.getLogger(__name__)

PATH = "/api/v1/bundles"


def push(store, actor, url: str | None = None, *, attempts: int = 4, timeout: float = 15.0,
         backoff: float = 1.0, sleep=time.sleep, passphrase=None) -> dict:
    import httpx

    if not actor.may("write"):
        raise CunwuError("E_PERMISSION", user=actor.username, role=actor.role, action="sync.push")
    dist = village.district(store)
    url = (url or (dist.url if dist else "") or "").rstrip("/")
    if not url:
        raise CunwuError("E_SYNC_NO_URL")
    built = village.build(store, passphrase)
    with store.write(actor, "sync.push") as uow:
        village._record(uow, built, "http")
    problem = "?"
    for attempt in range(max(attempts, 1)):
        if attempt:
            sleep(backoff * 2 ** (attempt - 1))
        try:
            r = httpx.post(url + PATH, content=built.data, timeout=timeout,
                           headers={"Content-Type": "application/octet-stream"})
        except httpx.TransportError as e:
            problem = type(e).__name__
            log.warning("push to %s failed (attempt %d): %s", url, attempt + 1, problem)
            continue
        if r.status_code == 200:
            got = village.import_receipt(store, actor, r.content, via="http")
            return got | {"url": url, "status": r.headers.get("X-Cunwu-Status", "applied"),
                          "changes": built.ops_count}
        if r.status_code >= 500:
            problem = f"HTTP {r.status_code}"
            continue
        raise _server_error(r)
    raise CunwuError("E_SYNC_NETWORK", url=url, detail=problem)


def _server_error(r) -> CunwuError:
    try:
        body = r.json()
        code, params = body["code"], body.get("params") or {}
        if code in MESSAGES:
            err = CunwuError(code, **params)
            err.message  # all parameters present
            return err
    except Exception:  # an unexpected body: report the status line
        pass
    return CunwuError("E_SYNC_SERVER", detail=f"HTTP {r.status_code}")

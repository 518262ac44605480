"""Sending a bundle over HTTP: `POST /api/v1/bundles`, the response is the receipt.
Retries back off exponentially; recording the bundle and importing the receipt are the
service's (services/sync.push_bundle).
"""

from __future__ import annotations

import logging
import time

from cunwu.errors import MESSAGES, CunwuError

log = logging.getLogger(__name__)

PATH = "/api/v1/bundles"


def send(url: str, data: bytes, *, attempts: int = 4, timeout: float = 15.0,
         backoff: float = 1.0, sleep=None) -> tuple[bytes, str]:
    """(the receipt's bytes, the district's status: applied or already applied)."""
    import httpx

    sleep = sleep or time.sleep
    problem = "?"
    for attempt in range(max(attempts, 1)):
        if attempt:
            sleep(backoff * 2 ** (attempt - 1))
        try:
            r = httpx.post(url + PATH, content=data, timeout=timeout,
                           headers={"Content-Type": "application/octet-stream"})
        except httpx.TransportError as e:
            problem = type(e).__name__
            log.warning("push to %s failed (attempt %d): %s", url, attempt + 1, problem)
            continue
        if r.status_code == 200:
            return r.content, r.headers.get("X-Cunwu-Status", "applied")
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

"""Sending a bundle over HTTP(S): `POST /api/v1/bundles`, the response is the receipt.
Retries back off exponentially; a server that fails the TLS check (sync/tls.py) is refused at
once, never retried; recording the bundle and importing the receipt are the service's
(services/sync.push_bundle).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from cunwu.errors import MESSAGES, CunwuError
from cunwu.sync import tls

log = logging.getLogger(__name__)

PATH = "/api/v1/bundles"


def send(url: str, data: bytes, *, attempts: int = 4, timeout: float = 15.0,
         backoff: float = 1.0, sleep=None, tls_pin: str | None = None,
         ca_file: Path | None = None) -> tuple[bytes, str]:
    """(the receipt's bytes, the district's status: applied or already applied). With a pin
    (the district's TLS certificate fingerprint) or a CA file the address must be https."""
    import httpx

    verify = True
    if tls_pin or ca_file:
        if not url.lower().startswith("https://"):
            raise CunwuError("E_SYNC_TLS", url=url, detail="the address is not https://")
        verify = tls.client_context(tls_pin, ca_file)
    sleep = sleep or time.sleep
    problem = "?"
    for attempt in range(max(attempts, 1)):
        if attempt:
            sleep(backoff * 2 ** (attempt - 1))
        try:
            r = httpx.post(url + PATH, content=data, timeout=timeout, verify=verify,
                           headers={"Content-Type": "application/octet-stream"})
        except httpx.TransportError as e:
            refused = tls.tls_failure(e)
            if refused is not None:  # the same server will fail the same check again
                raise CunwuError("E_SYNC_TLS", url=url, detail=_tls_detail(refused)) from e
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


def _tls_detail(e) -> str:
    if isinstance(e, tls.PinMismatch):
        return f"its certificate is {e.found}, not the enrolled {e.expected}"
    return getattr(e, "verify_message", None) or getattr(e, "reason", None) or type(e).__name__


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


# -- the down channel: the village fetches its pending district bundles ----------------------
DOWN_PATH = "/api/v1/district-bundles/"
FETCH_FORMAT = "cunwu.down-fetch/1"


def fetch_message(village: str, after: int) -> bytes:
    """What the village signs to ask for its district bundles after `after` (the request only
    reveals bundles sealed to the village, so a replayed one gains nobody anything)."""
    from cunwu.store.canonical import canonical_json

    return canonical_json({"format": FETCH_FORMAT, "village": village, "after": after})


def fetch_down(url: str, village: str, after: int, key_id: str, signature: bytes, *,
               timeout: float = 15.0, tls_pin: str | None = None,
               ca_file: Path | None = None) -> list[bytes]:
    """The district bundles after `after`, oldest first (GET, signed by the village's key)."""
    import base64

    import httpx

    verify = tls.client_context(tls_pin, ca_file) if (tls_pin or ca_file) else True
    try:
        r = httpx.get(f"{url}{DOWN_PATH}{village}", params={"after": str(after)}, timeout=timeout,
                      verify=verify, headers={"X-Cunwu-Key": key_id,
                                              "X-Cunwu-Signature": base64.b64encode(signature).decode()})
    except httpx.TransportError as e:
        refused = tls.tls_failure(e)
        if refused is not None:
            raise CunwuError("E_SYNC_TLS", url=url, detail=_tls_detail(refused)) from e
        raise CunwuError("E_SYNC_NETWORK", url=url, detail=type(e).__name__) from e
    if r.status_code != 200:
        raise _server_error(r)
    try:
        return [base64.b64decode(b, validate=True) for b in r.json()["bundles"]]
    except Exception as e:  # an unexpected body is the server's fault, reported as such
        raise CunwuError("E_SYNC_SERVER", detail="district bundles") from e

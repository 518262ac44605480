"""The district's HTTP receiver (Starlette on uvicorn): POST /api/v1/bundles → receipt,
GET /api/v1/district-bundles/<village> → its pending district bundles, GET /api/v1/health.
It verifies exactly as the file import does. A body is streamed to a spool file under a size
cap and read timeouts, never held in memory; uploads beyond a limit get 503. Uploads imported
at the same time are opened in a helper process (importer.Helper) while this one writes.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, fields

import anyio
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route

from cunwu.district import figures_table, importer, outbox, rows, spool
from cunwu.district.logs import OncePerCause
from cunwu.district.store import District
from cunwu.errors import CunwuError
from cunwu.sync import tls as tls_files

log = logging.getLogger("cunwu.district.server")
# A refused upload is answered and the connection closed, so the rest of its body is never read.
CLOSE = {"Connection": "close"}


@dataclass
class Limits:
    """The receiver's limits; each can be set in district.json under "receiver"."""

    max_bytes: int = 64 * 1024 * 1024  # one bundle
    read_timeout: float = 30.0  # seconds for the next piece of a body to arrive
    body_timeout: float = 300.0  # seconds for the whole body
    header_timeout: float = 10.0  # seconds for a request's headers (uvicorn has no such limit)
    max_uploads: int = 16  # bodies being received or imported at once; more get 503
    max_imports: int = 2  # imports running at once (each holds its bundle in memory)
    retry_after: int = 30  # seconds, in the 503's Retry-After

    @classmethod
    def of(cls, d: District, **overrides) -> "Limits":
        chosen = dict(d.config.get("receiver") or {})
        chosen.update({k: v for k, v in overrides.items() if v is not None})
        names = {f.name: f.type for f in fields(cls)}
        return cls(**{k: (float if names[k] == "float" else int)(v)
                      for k, v in chosen.items() if k in names})


def _error(e: CunwuError, status: int, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"code": e.code, "message": e.message,
                         "params": {k: str(v) for k, v in e.params.items()}},
                        status_code=status, headers=headers)


async def _spool_body(request: Request, out, limits: Limits) -> CunwuError | None:
    """Write the body to `out` piece by piece; the refusal if it is too large or too slow."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            return CunwuError("E_BUNDLE_FORMAT", detail="Content-Length")
        if int(declared) > limits.max_bytes:
            return CunwuError("E_BUNDLE_SIZE", size=int(declared), limit=limits.max_bytes)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limits.body_timeout
    pieces, total = request.stream().__aiter__(), 0
    while True:
        left = deadline - loop.time()
        if left <= 0:
            return CunwuError("E_UPLOAD_TIMEOUT", seconds=limits.body_timeout)
        try:
            chunk = await asyncio.wait_for(pieces.__anext__(), min(limits.read_timeout, left))
        except StopAsyncIteration:
            return None
        except asyncio.TimeoutError:
            return CunwuError("E_UPLOAD_TIMEOUT", seconds=min(limits.read_timeout, left))
        total += len(chunk)
        if total > limits.max_bytes:
            return CunwuError("E_BUNDLE_SIZE", size=total, limit=limits.max_bytes)
        out.write(chunk)


def create_app(d: District, max_bytes: int | None = None, limits: Limits | None = None,
               served: tls_files.Certificate | None = None, helper: importer.Helper | None = None) -> Starlette:
    """served: the TLS certificate uvicorn serves (None: plain http), shown on the workbench.
    helper: the process that opens uploads while this one writes (else each is opened here)."""
    limits = limits or Limits.of(d, max_bytes=max_bytes)
    importing = anyio.CapacityLimiter(limits.max_imports)
    busy, imports = [0], [0]  # uploads in progress, and of them imports; one event loop: plain counters
    # Made once: under a flood it is the answer most connections get, and it costs nothing to send.
    too_busy = _error(CunwuError("E_UPLOAD_BUSY", seconds=limits.retry_after), 503,
                      CLOSE | {"Retry-After": str(limits.retry_after)})

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "district": d.code})

    async def receive(request: Request) -> Response:
        if busy[0] >= limits.max_uploads:
            return too_busy
        busy[0] += 1
        path = spool.new_path(d.spool)
        try:
            with open(path, "wb") as out:
                refused = await _spool_body(request, out, limits)
            if refused is not None:
                status = {"E_BUNDLE_SIZE": 413, "E_UPLOAD_TIMEOUT": 408}.get(refused.code, 400)
                return _error(refused, status, CLOSE)
            # Opened by the helper while another import runs; an upload alone is opened here, as
            # handing it over and back would add 10-17 ms to it.
            imports[0] += 1
            try:
                outcome = await anyio.to_thread.run_sync(importer.import_spooled, d, path, None,
                                                          helper if imports[0] > 1 else None, limiter=importing)
            finally:
                imports[0] -= 1
        except CunwuError as e:
            return _error(e, 409 if e.code == "E_BUNDLE_QUARANTINED" else 422)
        except ClientDisconnect:
            return Response(status_code=400, headers=CLOSE)  # nobody is listening for it
        except Exception as e:  # logged once per cause, never a traceback per request
            log.error("import failed: %s", type(e).__name__, exc_info=True)
            return _error(CunwuError("E_INTERNAL", detail=type(e).__name__, log="-"), 500)
        finally:
            path.unlink(missing_ok=True)
            busy[0] -= 1
        return Response(outcome.receipt, media_type="application/json",
                        headers={"X-Cunwu-Status": outcome.status})

    async def district_bundles(request: Request) -> Response:
        """A village's pending district bundles, for a request signed by its enrolled key."""
        village, after = request.path_params["village"], request.query_params.get("after", "")
        try:
            bundles = await anyio.to_thread.run_sync(
                outbox.fetch_for, d, village, after, request.headers.get("X-Cunwu-Key", ""),
                request.headers.get("X-Cunwu-Signature", ""), limiter=importing)
        except CunwuError as e:
            return _error(e, 403 if e.code == "E_DOWN_AUTH" else 422)
        return JSONResponse({"village": village, "bundles": bundles})

    from cunwu.district.web.app import create_app as workbench

    return Starlette(routes=[Route("/api/v1/health", health, methods=["GET"]),
                             Route("/api/v1/bundles", receive, methods=["POST"]),
                             Route("/api/v1/district-bundles/{village}", district_bundles, methods=["GET"]),
                             Mount("/", app=workbench(d, limits.max_bytes, served))])  # the workbench's pages


def _protocol(header_timeout: float):
    """uvicorn's h11 protocol with a deadline for each request's headers: a connection that
    opens and sends nothing, or dribbles its headers, is closed instead of held forever."""
    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class Protocol(H11Protocol):
        _header_timer = None

        def _arm(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
            self._header_timer = self.loop.call_later(header_timeout, self._headers_late)

        def _headers_late(self) -> None:
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self.transport.close()

        def connection_made(self, transport) -> None:
            super().connection_made(transport)
            self._arm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._arm()  # the next request on a kept-alive connection gets the same deadline

        def connection_lost(self, exc) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
            super().connection_lost(exc)

    return Protocol


def _open_files_limit() -> int:
    """Raise the soft limit on open files to the hard one: each connection is a descriptor."""
    try:
        import resource
    except ImportError:  # Windows
        return 8192
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else 65536
    if soft != resource.RLIM_INFINITY and soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError):
            pass
    return soft if soft != resource.RLIM_INFINITY else 65536


def config(d: District, host: str, port: int, limits: Limits | None = None, tls=None,
           served: tls_files.Certificate | None = None, helper: importer.Helper | None = None):
    """The uvicorn configuration with every limit set; tls = (certificate file, key file), whose
    certificate (read here unless `served` is it already) the workbench shows."""
    import uvicorn

    limits = limits or Limits.of(d)
    if tls and served is None:
        served = tls_files.read_certificate(tls[0])
    files = _open_files_limit()
    return uvicorn.Config(
        create_app(d, limits=limits, served=served if tls else None, helper=helper), host=host, port=port, log_level="warning", lifespan="off",
        http=_protocol(limits.header_timeout),
        # 503 before accept() would fail for want of descriptors (the database and the spool
        # files need some too); /health keeps answering below it.
        limit_concurrency=max(64, files - 128), backlog=1024, timeout_keep_alive=5,
        h11_max_incomplete_event_size=16 * 1024, timeout_graceful_shutdown=10, access_log=False,
        ssl_certfile=str(tls[0]) if tls else None, ssl_keyfile=str(tls[1]) if tls else None)


def serve(d: District, host: str, port: int, limits: Limits | None = None, tls=None,
          served: tls_files.Certificate | None = None) -> None:
    import uvicorn

    OncePerCause.install("uvicorn.error", "asyncio", log.name)
    spool.sweep(d.spool)  # files left by a receiver that was killed
    rows.prepare()  # the row checks' decoders, built now rather than during the first upload
    # Uploads that arrive together are opened in a helper process while this one writes: on two
    # cores 20 villages pushing at once take a quarter less time on SQLite, a tenth on PostgreSQL.
    # Forked now, while this process has no other thread.
    helper = importer.Helper(d) if importer.Helper.possible() else None
    if helper is not None:
        helper.start()
    warmer = figures_table.Warmer(d).start()  # pages find the figures computed, not compute them
    try:
        uvicorn.Server(config(d, host, port, limits, tls, served, helper)).run()
    finally:
        warmer.stop()
        if helper is not None:
            helper.close()

"""The district's HTTP receiver (Starlette on uvicorn): POST /api/v1/bundles → receipt,
GET /api/v1/health. It verifies exactly as the file import does. The size cap is checked
on Content-Length before any of the body is read, and again while a body streams in.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route

from cunwu.district import importer
from cunwu.district.store import District
from cunwu.errors import CunwuError
from cunwu.sync import bundle


def _error(e: CunwuError, status: int) -> JSONResponse:
    return JSONResponse({"code": e.code, "message": e.message,
                         "params": {k: str(v) for k, v in e.params.items()}}, status_code=status)


def create_app(d: District, max_bytes: int | None = None) -> Starlette:
    cap = max_bytes or bundle.MAX_BUNDLE_BYTES

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "district": d.code})

    async def receive(request: Request) -> Response:
        declared = request.headers.get("content-length")
        if declared is not None:
            if not declared.isdigit():
                return _error(CunwuError("E_BUNDLE_FORMAT", detail="Content-Length"), 400)
            if int(declared) > cap:
                return _error(CunwuError("E_BUNDLE_SIZE", size=int(declared), limit=cap), 413)
        chunks, total = [], 0
        async for chunk in request.stream():
            total += len(chunk)
            if total > cap:
                return _error(CunwuError("E_BUNDLE_SIZE", size=total, limit=cap), 413)
            chunks.append(chunk)
        try:
            outcome = await run_in_threadpool(importer.import_bytes, d, b"".join(chunks))
        except CunwuError as e:
            return _error(e, 409 if e.code == "E_BUNDLE_QUARANTINED" else 422)
        return Response(outcome.receipt, media_type="application/json",
                        headers={"X-Cunwu-Status": outcome.status})

    from cunwu.district.web.app import create_app as workbench

    return Starlette(routes=[Route("/api/v1/health", health, methods=["GET"]),
                             Route("/api/v1/bundles", receive, methods=["POST"]),
                             Mount("/", app=workbench(d))])  # the workbench's pages


def serve(d: District, host: str, port: int) -> None:
    import uvicorn

    uvicorn.run(create_app(d), host=host, port=port, log_level="warning")

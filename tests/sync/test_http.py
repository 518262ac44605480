"""HTTP transport: push to a real uvicorn server, back-off when it does not answer, the size
cap before the body is read."""

from __future__ import annotations

import asyncio
import socket
import threading
import time

import httpx
import pytest

from cunwu.errors import CunwuError
from sync_support import add_households, district_rows, village_rows

VILLAGE = "330106001001"


class RunningServer:
    def __init__(self, app) -> None:
        import uvicorn

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port,
                                                    log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.02)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(10)


def test_push_over_http_stores_the_receipt(enrolled, admin, district):
    from cunwu.district.server import create_app
    from cunwu.services import sync

    add_households(enrolled, admin, 20)
    with RunningServer(create_app(district)) as url:
        assert httpx.get(url + "/api/v1/health").json() == {"status": "ok", "district": "330106"}
        got = sync.push_bundle(enrolled, admin, url)
        assert got["seq"] == 1 and got["status"] == "applied"
        again = sync.push_bundle(enrolled, admin, url)  # nothing new: an empty bundle, confirmed
        assert again["seq"] == 2
    st = sync.status(enrolled)
    assert st["unconfirmed_changes"] == 0 and st["last_successful_sync"]
    assert st["last_receipt"]["via"] == "http"
    assert district_rows(district, VILLAGE) == village_rows(enrolled)


def test_a_server_that_times_out(enrolled, admin, district):
    from cunwu.district.server import create_app
    from cunwu.services import sync

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # accepts connections, never answers
    url = f"http://127.0.0.1:{silent.getsockname()[1]}"
    add_households(enrolled, admin, 5)
    slept = []
    try:
        with pytest.raises(CunwuError) as e:
            sync.push_bundle(enrolled, admin, url, attempts=3, timeout=0.3, backoff=0.5, sleep=slept.append)
    finally:
        silent.close()
    assert e.value.code == "E_SYNC_NETWORK"
    assert slept == [0.5, 1.0]  # exponential back-off between attempts
    st = sync.status(enrolled)
    assert st["last_bundle"]["seq"] == 1 and st["last_receipt"] is None
    assert st["last_successful_sync"] is None and st["unconfirmed_changes"] > 0
    with RunningServer(create_app(district)) as good:  # back online: the next push catches up
        assert sync.push_bundle(enrolled, admin, good)["seq"] == 2
    assert district_rows(district, VILLAGE) == village_rows(enrolled)


def test_the_district_refusal_comes_back_with_its_code(enrolled, admin, tmp_path):
    from cunwu.district.server import create_app
    from cunwu.district.store import District
    from cunwu.services import sync

    other = District.create(tmp_path / "other", "330106", "另一个")
    try:
        with RunningServer(create_app(other)) as url:
            with pytest.raises(CunwuError) as e:
                sync.push_bundle(enrolled, admin, url, attempts=1)
    finally:
        other.close()
    assert e.value.code == "E_BUNDLE_DISTRICT"


def _call(app, headers, chunks):
    """Drive the ASGI app directly; count how much of the body it pulled."""
    pulled = []
    sent = []

    async def receive():
        chunk = next(chunks, None)
        if chunk is None:
            return {"type": "http.request", "body": b"", "more_body": False}
        pulled.append(1)
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": "/api/v1/bundles", "raw_path": b"/api/v1/bundles",
             "query_string": b"", "root_path": "", "headers": headers, "client": ("127.0.0.1", 1),
             "server": ("127.0.0.1", 8750)}
    asyncio.run(app(scope, receive, send))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    return status, len(pulled)


def test_a_2_gb_upload_is_refused_before_the_body_is_read(district):
    from cunwu.district.server import create_app

    app = create_app(district)
    chunks = iter([b"x" * 1024] * 4)  # what a client would start sending
    status, pulled = _call(app, [(b"content-length", str(2 * 1024**3).encode())], chunks)
    assert status == 413 and pulled == 0


def test_a_streamed_upload_is_cut_off_at_the_cap(district):
    from cunwu.district.server import create_app

    app = create_app(district, max_bytes=64 * 1024)
    total = 2 * 1024**3 // (16 * 1024)  # 2 GB in 16 KB chunks, made only as they are pulled
    chunks = (b"x" * 16 * 1024 for _ in range(total))
    status, pulled = _call(app, [(b"transfer-encoding", b"chunked")], chunks)
    assert status == 413 and pulled <= 5 < total

"""The workbench's guard without a browser: login required, CSRF on every POST, roles, idle
logout, security headers and no redirect off the server."""

from __future__ import annotations

import re
import time

import pytest

from support import PASSWORD


@pytest.fixture
def client(district):
    import warnings

    from cunwu.district.server import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Starlette's note on its httpx test client
        from starlette.testclient import TestClient

    return TestClient(create_app(district), base_url="http://127.0.0.1", follow_redirects=False)


def _token(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def _login(client, name="admin", password=PASSWORD, **extra):
    token = _token(client.get("/login").text)
    return client.post("/login", data={"csrf_token": token, "name": name, "password": password, **extra})


def test_pages_need_a_login_and_send_back_after_it(client):
    r = client.get("/")
    assert r.status_code == 303 and r.headers["location"] == "/login?next=/"
    r = client.get("/", headers={"HX-Request": "true"})
    assert r.status_code == 401 and r.headers["hx-redirect"] == "/login?next=/"
    r = _login(client, next="/villages")
    assert r.status_code == 303 and r.headers["location"] == "/villages"
    r = client.get("/")
    assert r.status_code == 200 and "总览" in r.text and "admin（管理员）" in r.text
    assert "/api/v1/health" not in r.text


def test_next_never_leaves_the_server(client):
    for target in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        client.cookies.clear()
        assert _login(client, next=target).headers["location"] == "/"


def test_session_cookie_and_security_headers(client):
    r = _login(client)
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert "Secure" not in cookie  # plain HTTP here; under TLS the cookie is Secure
    r = client.get("/")
    assert r.headers["content-security-policy"].startswith("default-src 'self'")
    assert r.headers["x-frame-options"] == "DENY" and r.headers["cache-control"] == "no-store"
    assert client.get("/static/vendor/htmx.min.js").headers["x-content-type-options"] == "nosniff"


def test_secure_cookie_under_tls(district):
    from starlette.testclient import TestClient

    from cunwu.district.server import create_app

    c = TestClient(create_app(district), base_url="https://127.0.0.1", follow_redirects=False)
    assert "Secure" in c.get("/login").headers["set-cookie"]


def test_a_post_without_the_right_csrf_token_is_refused(client):
    r = _login(client)
    assert r.status_code == 303
    page = client.get("/").text
    for data, headers in (({}, {}), ({"csrf_token": "forged"}, {}), ({}, {"X-CSRF-Token": "forged"})):
        r = client.post("/logout", data=data, headers=headers)
        assert r.status_code == 403 and "CSRF" in r.text
    assert client.get("/").status_code == 200  # still logged in
    r = client.post("/logout", headers={"X-CSRF-Token": _token(page)})  # htmx sends it as a header
    assert r.status_code == 303
    assert client.get("/").status_code == 303  # logged out
    # the login form itself carries a token: a login posted from elsewhere is refused
    client.cookies.clear()
    r = client.post("/login", data={"csrf_token": "x", "name": "admin", "password": PASSWORD})
    assert r.status_code == 403


def test_a_viewer_is_refused_at_an_admin_action(client):
    _login(client, "viewer1")
    page = client.get("/").text
    assert 'href="/users"' not in page
    assert client.get("/users").status_code == 403
    r = client.post("/users/locked1/unlock", data={"csrf_token": _token(page)})
    assert r.status_code == 403 and "没有此项权限" in r.text


def test_a_disabled_account_is_logged_out_at_once(client, district):
    from cunwu.district import accounts

    _login(client, "officer1")
    assert client.get("/").status_code == 200
    accounts.set_disabled(district, accounts.DistrictUser("admin", "admin"), "officer1")
    assert client.get("/").status_code == 303


def test_idle_sessions_end(client):
    _login(client)
    web = client.app.routes[-1].app.state.workbench
    web.sessions.idle = 0.2
    assert client.get("/").status_code == 200
    time.sleep(0.3)
    assert client.get("/").status_code == 303


def test_logins_are_audited(client, district):
    from cunwu.district import audit

    _login(client, "admin", "wrong password")
    _login(client, "admin")
    [ok, failed] = audit.entries(district, 2)
    assert (ok["action"], failed["action"]) == ("login", "login.failed")
    assert ok["detail"]["where"] == "web testclient" or ok["detail"]["where"].startswith("web ")

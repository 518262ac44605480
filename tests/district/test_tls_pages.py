"""The workbench's TLS facts through Starlette's client: 数据包's certificate section, 总览's
warnings and 村详情's pin, for a server with no certificate (plain http, or TLS ended by a
proxy), one expiring within 30 days, and one expired."""

from __future__ import annotations

import warnings

import pytest

from cunwu.sync import tls
from district_support import enrol_key, web_client, web_login
from tls_support import make_cert

A, B = "330106001001", "330106001002"


def _client(d, served=None, scheme="http"):
    from cunwu.district.server import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Starlette's note on its httpx test client
        from starlette.testclient import TestClient

    if scheme == "http":
        return web_login(web_client(d, served=served), "admin")
    return web_login(TestClient(create_app(d, served=served), base_url=f"{scheme}://127.0.0.1"), "admin")


@pytest.fixture
def pinned(district, tmp_path):
    """青山村 pinned `current`, 绿水村 enrolled before pins were recorded; returns `current`."""
    from cunwu.district.schema import villages

    current, _, _ = make_cert(tmp_path, "district.example", days=365)
    enrol_key(district, A, "青山村", tls_sha256=tls.cert_fingerprint(current))
    enrol_key(district, B, "绿水村")
    with district.engine.begin() as conn:  # as migration d0010 leaves a village enrolled before it
        conn.execute(villages.update().where(villages.c.code == B),
                     {"certificate_issued_at": None, "tls_sha256": None})
    return current


def test_without_a_certificate_the_page_says_http_and_how_to_tell_a_proxy(district, pinned):
    page = _client(district).get("/bundles").text
    assert "未启用 TLS（http）" in page and "以 http:// 开头即未加密" in page
    assert "1 个村固定了指纹（本服务无证书，无法比对）" in page and "1 个村登记早于指纹记录" in page
    assert "0 个村" not in page  # only the states some village is in
    assert 'id="tls-cert"' not in page and 'id="tls-mismatch"' not in page
    # opened over https although the server has no certificate: a proxy in front ended TLS
    proxied = _client(district, scheme="https").get("/bundles").text
    assert "本页却是经 https 打开的" in proxied and "tls-status --tls-cert 代理的证书文件" in proxied
    village = _client(district).get(f"/villages/{A}").text
    assert tls.grouped(tls.cert_fingerprint(pinned)) in village and "未启用 TLS（http），无法比对" in village
    assert "未记录（登记早于指纹记录" in _client(district).get(f"/villages/{B}").text


def test_a_certificate_expiring_within_30_days_is_flagged(district, pinned, tmp_path):
    soon, _, _ = make_cert(tmp_path, "soon", days=12)
    client = _client(district, tls.read_certificate(soon))
    page = client.get("/bundles").text
    assert 'id="tls-warning"' in page and "天后（" in page and "到期" in page
    assert tls.grouped(tls.cert_fingerprint(soon)) in page
    home = client.get("/").text
    assert 'id="tls-alert"' in home and "到期，请及早更换" in home
    # 青山村 pinned the year-long certificate, not this one
    assert 'id="tls-reissue-alert"' in home and f'/villages/{A}' in page.split('id="tls-mismatch"')[1]
    assert "不一致：需重新发放接入证书" in client.get(f"/villages/{A}").text


def test_an_expired_certificate_is_an_error_and_a_matching_pin_is_fine(district, pinned, tmp_path):
    gone, _, _ = make_cert(tmp_path, "gone", days=-2)
    home = _client(district, tls.read_certificate(gone)).get("/").text
    assert 'class="error" role="alert" id="tls-alert"' in home and "过期" in home
    client = _client(district, tls.read_certificate(pinned))
    home, page = client.get("/").text, client.get("/bundles").text
    assert 'id="tls-alert"' not in home and 'id="tls-reissue-alert"' not in home
    assert "1 个村与当前证书一致" in page and 'id="tls-warning"' not in page
    assert '<span class="ok-text">一致</span>' in client.get(f"/villages/{A}").text

"""The workbench in a real browser: Debian's chromium driven by Playwright against `cunwu
district serve` on 127.0.0.1. Every request a page makes must go to that server; screenshots
of each page land in CUNWU_SCREENSHOT_DIR (default: a folder in pytest's temporary tree)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from support import PASSWORD

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian package chromium is not installed")]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("CUNWU_SCREENSHOT_DIR") or tmp_path_factory.mktemp("workbench-screens"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _checked_page(browser, url: str):
    """A fresh browser profile at 1366×768; afterwards every request it made is checked to
    have gone to the server under test."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN",
                                  accept_downloads=True)
    p = context.new_page()
    requests: list[str] = []
    p.on("request", lambda r: requests.append(r.url))
    yield p
    context.close()
    server = urlsplit(url).netloc
    assert requests, "the page made no request at all"
    strays = [u for u in requests if urlsplit(u).netloc != server]
    assert strays == [], "requests that left the server"


@pytest.fixture
def page(browser, served):
    yield from _checked_page(browser, served.url)


@pytest.fixture
def demo_page(browser, served_demo):
    """The same over `cunwu district demo`'s district (three villages)."""
    yield from _checked_page(browser, served_demo.url)


def log_in(page, url, name, password=PASSWORD):
    page.goto(url + "/")
    assert page.url.startswith(url + "/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_log_in_and_read_the_overview(page, served, shots):
    page.goto(served.url + "/")
    assert "/login" in page.url
    page.screenshot(path=shots / "01-login.png", full_page=True)
    log_in(page, served.url, "officer1")
    assert page.url == served.url + "/"
    assert page.title().startswith("总览")
    nav = page.locator("header nav a").all_inner_texts()
    assert nav == ["总览", "村详情", "工单", "政策参数", "跨村核查", "人员查询", "核验", "数据包"]  # no 账户 for an officer
    assert "officer1（经办人）" in page.inner_text("header .who")
    row = page.locator("#villages tbody tr").first
    cells = row.locator("td").all_inner_texts()
    assert cells[0] == "青山村" and cells[1] == "330106001001"
    assert cells[2].startswith("第 1 号") and cells[3] == "0 天"
    assert cells[4] == "5"  # the five residents the village sent
    assert page.locator("#villages tfoot th").nth(4).inner_text() == "5"
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "18px"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366  # no sideways scrolling
    assert page.evaluate("typeof htmx") == "object"  # served from static/vendor, not a CDN
    page.screenshot(path=shots / "02-overview.png", full_page=True)
    page.click("text=退出")
    page.wait_for_load_state()
    assert "/login" in page.url


def test_five_wrong_passwords_lock_the_account(page, served, shots):
    for _ in range(5):
        log_in(page, served.url, "locked1", "wrong password")
        assert "用户名或密码错误" in page.inner_text(".error")
    log_in(page, served.url, "locked1")
    assert "已锁定" in page.inner_text(".error")
    page.screenshot(path=shots / "03-locked.png", full_page=True)


def test_a_wrong_csrf_token_is_refused(page, served, shots):
    log_in(page, served.url, "admin")
    page.eval_on_selector("form[action='/logout'] input[name=csrf_token]", "e => e.value = 'forged'")
    with page.expect_response(lambda r: r.url.endswith("/logout")) as refused:
        page.click("text=退出")
    assert refused.value.status == 403
    assert "CSRF" in page.inner_text("main")
    page.screenshot(path=shots / "04-csrf-refused.png", full_page=True)
    # a forged request from the page's own cookie jar fares no better, and the session lives on
    r = page.request.post(served.url + "/logout", form={"csrf_token": "forged"})
    assert r.status == 403
    page.goto(served.url + "/users")
    assert page.locator("#users").is_visible()
    page.screenshot(path=shots / "05-users.png", full_page=True)


def test_a_viewer_is_refused_at_an_admin_action(page, served, shots):
    log_in(page, served.url, "viewer1")
    assert "账户" not in page.locator("header nav").inner_text()
    token = page.get_attribute("form[action='/logout'] input[name=csrf_token]", "value")
    r = page.request.post(served.url + "/users/locked1/unlock", form={"csrf_token": token})
    assert r.status == 403
    response = page.goto(served.url + "/users")
    assert response.status == 403
    assert re.search("没有此项权限", page.inner_text("main"))
    page.screenshot(path=shots / "06-viewer-refused.png", full_page=True)
    for path, title in (("/villages", "村详情"), ("/cases", "工单"), ("/policy", "政策参数"), ("/cross-check", "跨村核查"),
                        ("/people", "人员查询"), ("/verify", "核验"), ("/bundles", "数据包")):
        page.goto(served.url + path)
        assert page.inner_text("h1") == title
    assert page.goto(served.url + "/policy") and page.locator("#set-policy").count() == 0  # no form


def test_an_admin_sets_a_policy_parameter(page, served, shots, tmp_path):
    from cunwu.district import outbox
    from cunwu.district.accounts import DistrictUser
    from cunwu.district.store import District

    log_in(page, served.url, "admin")
    page.click("header nav a:text-is('政策参数')")
    page.wait_for_load_state()
    assert page.inner_text("h1") == "政策参数"
    page.select_option("#set-policy select[name=name]", label="高龄年龄（岁）：60–120，整数")
    page.fill("#set-policy input[name=value]", "30")
    page.fill("#set-policy input[name=effective_from]", "2027-03-15")
    page.click("#set-policy button[type=submit]")
    page.wait_for_selector("#failed")
    assert "高龄年龄 须是 60 到 120 之间的数" in page.inner_text("#failed")
    page.fill("#set-policy input[name=value]", "75")
    page.select_option("#set-policy select[name=village]", label="青山村（330106001001）")
    page.click("#set-policy button[type=submit]")
    page.wait_for_selector("#done")
    assert "已设定高龄年龄：75 岁，自 2027-03-15 起，适用于青山村" in page.inner_text("#done")
    cells = page.locator("#policies tbody tr").first.locator("td").all_inner_texts()
    assert cells[:5] == ["高龄年龄", "75 岁", "2027-03-15", "青山村", "待生效"] and cells[6] == "admin"
    row = page.locator("#down-channel tbody tr").first.locator("td").all_inner_texts()
    assert row[0] == "青山村" and row[2] == "1"  # one item waiting for the village's next bundle
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    page.screenshot(path=shots / "07-policy.png", full_page=True)
    with District.open(served.folder) as d:  # carried by USB: written, not yet confirmed
        outbox.export_down(d, DistrictUser("admin", "admin"), "330106001001", tmp_path)
    page.reload()
    assert page.inner_text("#lagging").startswith("1 个村尚未确认收到最新的下发数据包：青山村（第 1 号）")
    page.screenshot(path=shots / "08-policy-unconfirmed.png", full_page=True)
    page.click("#down-channel a:text-is('青山村')")
    page.wait_for_selector("#village-policies")
    assert "75 岁" in page.inner_text("#village-policies")
    assert "第 1 号" in page.inner_text("#unconfirmed")
    page.locator("#down").scroll_into_view_if_needed()
    page.screenshot(path=shots / "09-village-down.png")


# -- the workbench over the demo district ----------------------------------------------------------
def test_overview_sorts_charts_and_exports(demo_page, served_demo, shots, tmp_path):
    from openpyxl import load_workbook

    page, url = demo_page, served_demo.url
    log_in(page, url, "officer")
    assert page.locator("#villages tbody tr").count() == 3
    assert page.locator("#villages tfoot th").first.inner_text() == "合计"
    page.wait_for_function("document.querySelectorAll('#chart-dibao canvas, #chart-stale canvas').length >= 2")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    page.screenshot(path=shots / "10-demo-overview.png", full_page=True)
    with page.expect_response(lambda r: "sort=days" in r.url):
        page.click("#villages thead a:text-is('距今天数')")
    page.wait_for_selector("#villages th[aria-sort]")
    with page.expect_response(lambda r: "sort=days" in r.url):
        page.click("#villages thead a:has-text('距今天数')")
    page.wait_for_selector("#villages th[aria-sort=descending]")
    assert "sort=days" in page.url  # htmx pushed the sorted address
    first = page.locator("#villages tbody tr").first.locator("td").all_inner_texts()
    assert first[0] == "梅家坞村" and first[3] == "42 天"  # the stale one, longest silent first
    page.screenshot(path=shots / "11-demo-overview-sorted.png", full_page=True)
    with page.expect_download() as got:
        page.click("text=导出 Excel")
    path = tmp_path / got.value.suggested_filename
    got.value.save_as(path)
    rows = list(load_workbook(path, read_only=True).worksheets[0].values)
    assert rows[0][:2] == ("村名", "村代码") and rows[1][0] == "梅家坞村" and rows[-1][0] == "合计"


def test_a_village_the_cross_check_and_a_notice_code(demo_page, served_demo, shots):
    page, url = demo_page, served_demo.url
    log_in(page, url, "officer")
    page.click("#villages a:text-is('青山村')")
    page.wait_for_load_state()
    assert page.url.endswith("/villages/330106001001") and "青山村" in page.inner_text("h1")
    assert "户" in page.inner_text("#figures")
    page.screenshot(path=shots / "12-demo-village.png", full_page=True)
    page.goto(url + "/cross-check")
    page.click("text=开始核查")
    page.wait_for_selector("#same-id")
    [row] = page.locator("#same-id tbody tr").all_inner_texts()
    assert "********" in row and "青山村" in row and "龙井村" in row  # masked for an officer
    assert page.locator("#benefit-twice tbody tr").count() == 1
    page.screenshot(path=shots / "13-demo-cross-check.png", full_page=True)
    page.goto(url + "/verify")
    page.fill("input[name=code]", served_demo.demo["notice_code"])
    page.click("button:text-is('核验')")
    page.wait_for_selector("#verdict")
    assert page.inner_text("#verdict").startswith("一致")
    page.screenshot(path=shots / "14-demo-verify.png", full_page=True)


def test_release_is_an_admins_and_needs_the_token(demo_page, served_demo, shots):
    page, url = demo_page, served_demo.url
    log_in(page, url, "viewer1")
    page.goto(url + "/bundles")
    assert "隔离区（1）" in page.inner_text("main") and page.locator("form[action$='/release']").count() == 0
    held = page.locator("#quarantine td.code").first.inner_text()
    token = page.get_attribute("form[action='/logout'] input[name=csrf_token]", "value")
    r = page.request.post(f"{url}/bundles/{held}/release", form={"csrf_token": token})
    assert r.status == 403 and "没有此项权限" in r.text()
    page.screenshot(path=shots / "15-demo-bundles-viewer.png", full_page=True)
    page.click("text=退出")
    log_in(page, url, "admin")
    page.goto(url + "/bundles")
    page.eval_on_selector("form[action$='/reject'] input[name=csrf_token]", "e => e.value = 'forged'")
    page.fill("form[action$='/reject'] input[name=reason]", "村里从旧备份恢复，已重新导出")
    with page.expect_response(lambda r: r.url.endswith("/reject")) as refused:
        page.click("form[action$='/reject'] button")
    assert refused.value.status == 403 and "CSRF" in page.inner_text("main")
    page.goto(url + "/bundles")
    page.fill("form[action$='/reject'] input[name=reason]", "村里从旧备份恢复，已重新导出")
    page.click("form[action$='/reject'] button")
    page.wait_for_selector("#done")
    assert "已拒收" in page.inner_text("#done")
    page.screenshot(path=shots / "16-demo-bundles-admin.png", full_page=True)


# -- 工单: the escalation queue and dispatch ---------------------------------------------------------
@pytest.fixture
def cases_page(browser, served_cases):
    yield from _checked_page(browser, served_cases.url)


def test_an_officer_works_an_escalated_case_and_dispatches_one(cases_page, served_cases, shots):
    page, url = cases_page, served_cases.url
    log_in(page, url, "officer1")
    page.click("header nav a:text-is('工单')")
    page.wait_for_load_state()
    assert page.inner_text("h1").startswith("工单")
    cells = page.locator("#case-villages tbody tr").first.locator("td").all_inner_texts()
    assert cells[0] == "青山村" and cells[2:5] == ["1", "0", "1"]  # open, overdue, escalated
    row = page.locator("#queue tbody tr").first
    assert "低保复核" in row.inner_text()
    page.screenshot(path=shots / "20-cases-queue.png", full_page=True)
    row.locator("form[action$='/accept'] button").click()
    page.wait_for_selector("#done")
    assert "已受理" in page.inner_text("#done")
    row = page.locator("#queue tbody tr").first
    row.locator("form[action$='/act'] input[name=note]").fill("已联系民政办，下周入户")
    row.locator("form[action$='/act'] button").click()
    page.wait_for_selector("#done")
    sent = page.locator("#queue tbody tr").first.inner_text()
    assert "受理（officer1" in sent and "办理（officer1" in sent and "已联系民政办，下周入户" in sent
    assert "待送达" in sent  # in the village's next district bundle
    page.select_option("#dispatch select[name=village]", "330106001001")
    page.fill("#dispatch input[name=person]", "no such person")
    page.fill("#dispatch input[name=title]", "跨村核查：复核低保")
    page.click("#dispatch button[type=submit]")
    page.wait_for_selector("#failed")  # refused, and the form keeps what was typed
    assert page.input_value("#dispatch input[name=title]") == "跨村核查：复核低保"
    page.click("#queue a:text-is('青山村')")
    page.wait_for_selector("#village-cases")
    assert "已上报" in page.inner_text("#village-cases tbody tr")
    page.fill("#dispatch input[name=person]", _person_uuid(served_cases))
    page.fill("#dispatch input[name=title]", "跨村核查：复核低保")
    page.select_option("#dispatch select[name=category]", "低保")
    page.click("#dispatch button[type=submit]")
    page.wait_for_selector("#done")
    assert "已向 330106001001 派单：跨村核查：复核低保" in page.inner_text("#done")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    page.screenshot(path=shots / "21-cases-worked.png", full_page=True)


def _person_uuid(served) -> str:
    """A resident of 青山村 as the district holds it (the dispatch form takes an ID number or
    the person's uuid)."""
    import sqlalchemy as sa

    from cunwu.district.schema import people
    from cunwu.district.store import District

    with District.open(served.folder) as d, d.engine.connect() as conn:
        return conn.execute(sa.select(people.c.uuid).where(people.c.village == "330106001001")
                            .order_by(people.c.uuid).limit(1)).scalar()


def test_a_viewer_reads_the_cases_but_may_not_act(cases_page, served_cases, shots):
    page, url = cases_page, served_cases.url
    log_in(page, url, "viewer1")
    page.goto(url + "/cases")
    assert page.locator("#queue tbody tr").count() == 1
    assert page.locator("#queue form").count() == 0 and page.locator("#dispatch").count() == 0
    token = page.get_attribute("form[action='/logout'] input[name=csrf_token]", "value")
    r = page.request.post(url + "/cases/dispatch", form={"csrf_token": token, "village": "330106001001",
                                                         "person": "x", "category": "低保", "title": "x"})
    assert r.status == 403 and "没有此项权限" in r.text()
    page.screenshot(path=shots / "22-cases-viewer.png", full_page=True)


# -- TLS: the certificate served and what each village pinned --------------------------------------
def test_the_served_certificate_and_a_village_that_pinned_another(browser, served_tls, shots):
    """Over https on 127.0.0.1 with a self-signed certificate made for the test (the browser is
    told to accept it; the villages check it by fingerprint, not by a CA)."""
    from cunwu.sync import tls

    url, fps = served_tls.url, served_tls.demo
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN",
                                  ignore_https_errors=True)
    page = context.new_page()
    try:
        log_in(page, url, "admin")
        assert url.startswith("https://")
        alert = page.inner_text("#tls-reissue-alert")  # 总览 names the problem and links to it
        assert "1 个村固定了其他 TLS 证书" in alert and page.locator("#tls-alert").count() == 0
        page.screenshot(path=shots / "30-tls-overview.png", full_page=True)
        page.click("#tls-reissue-alert a")
        page.wait_for_selector("#tls-mismatch")
        facts = page.inner_text("#tls-cert")
        assert tls.grouped(fps["current"]) in facts and "district.example" in facts and "还剩 36" in facts
        assert page.locator("#tls-warning").count() == 0  # a year left: no warning
        summary = page.inner_text("#tls-summary")
        assert summary.startswith("1 个村固定了其他证书") and "1 个村与当前证书一致" in summary
        assert "1 个村未固定指纹" in summary
        [row] = page.locator("#tls-mismatch tbody tr").all_inner_texts()
        assert "白云村" in row and "330106001003" in row and tls.grouped(fps["old"]) in row
        page.locator("#tls").screenshot(path=shots / "31-tls-bundles.png")
        page.screenshot(path=shots / "32-tls-bundles-page.png", full_page=True)
        page.click("#tls-mismatch a:text-is('白云村')")
        page.wait_for_selector("#tls-pin")
        pin = page.inner_text("#tls-pin")
        assert tls.grouped(fps["old"]) in pin and tls.grouped(fps["current"]) in pin
        assert "不一致：需重新发放接入证书" in pin
        page.screenshot(path=shots / "33-tls-village.png", full_page=True)
        page.goto(url + "/villages/330106001002")
        assert "一致" in page.inner_text("#tls-pin") and "不一致" not in page.inner_text("#tls-pin")
    finally:
        context.close()

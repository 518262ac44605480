"""The sync page on the real window: enrolment wizard with fingerprints, export to a folder
with progress, receipt import, and the status it shows."""

from __future__ import annotations


import pytest


pytestmark = pytest.mark.usefixtures("memory_keyring")  # tests/conftest.py


def test_enrol_export_and_receipt_through_the_window(qtbot, window, store, tmp_path):
    from PySide6.QtWidgets import QWizard

    from cunwu.district import importer
    from cunwu.district.enrol import enrol
    from cunwu.district.store import District

    page = window.show_page("sync")
    assert "not enrolled" in page.fields["district"][1].text()
    assert not page.export_button.isEnabled()

    page.enrol()
    wizard = page.wizard
    wizard.request_page.write(str(tmp_path / "request.json"))
    shown = wizard.request_page.fingerprint.text()
    # read aloud by phone: four lines of four groups of four characters
    assert [len(line.split()) for line in shown.splitlines()] == [4, 4, 4, 4]
    assert all(len(group) == 4 for group in shown.split())
    fingerprint = " ".join(shown.split())
    wizard.next()

    d = District.create(tmp_path / "district", "330106", "西湖区民政")
    cert, info = enrol(d, (tmp_path / "request.json").read_bytes())
    assert info["village_fingerprint"] == fingerprint  # what the two clerks compare by phone
    (tmp_path / "cert.json").write_bytes(cert)
    wizard.cert_page.load(str(tmp_path / "cert.json"))
    assert " ".join(wizard.cert_page.fingerprint.text().split()) == d.fingerprint()
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    wizard.cert_page.same.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: page.export_button.isEnabled(), timeout=5000)
    assert d.code in page.fields["district"][1].text()
    assert "西湖区民政" in page.fields["district"][1].text()  # the district by its name
    assert "Export bundle" in page.next_step.text()

    usb = tmp_path / "usb"
    usb.mkdir()
    page.set_target(str(usb))
    page.export_button.click()
    qtbot.waitUntil(lambda: any(usb.glob("*.cwb")) and "written and checked" in page.result.text(),
                    timeout=15_000)
    [bundle] = usb.glob("*.cwb")
    assert bundle.name == "CW-330106001001-000001.cwb"
    qtbot.waitUntil(lambda: page.fields["last_bundle"][1].text().startswith("1 "), timeout=5000)
    assert "Import a receipt" in page.next_step.text()

    out = importer.import_file(d, bundle, usb)
    page.import_receipt(str(usb / out.receipt_name()))
    assert page.fields["unconfirmed"][1].text() == "0"
    assert page.fields["last_sync"][1].text() != "-"
    assert page.next_step.text() == "The district has every change. Nothing to do now."
    # local time to the minute, not UTC ISO with a T and seconds
    from cunwu import clock
    from cunwu.services.sync import status

    received = status(store)["last_successful_sync"]
    assert page.fields["last_sync"][1].text() == clock.local_minute(received)
    assert "T" not in page.fields["last_bundle"][1].text()
    d.close()


def test_a_supervisor_sees_the_status_but_cannot_enrol_or_export(qtbot, launcher):
    from tests.ui.helpers import log_in

    dialog = log_in(qtbot, launcher, "supervisor")
    win = launcher.main_window(dialog.actor)
    qtbot.addWidget(win)
    page = win.show_page("sync")
    assert page.fields["unconfirmed"][1].text() != ""
    assert not page.enrol_button.isEnabled() and not page.export_button.isEnabled()
    win.close()


def test_the_passphrase_is_asked_once_and_typed_twice_the_first_time(qtbot, window, monkeypatch):
    """Without a keyring: the first passphrase is confirmed, then kept until log-out."""
    from PySide6.QtWidgets import QInputDialog

    from cunwu.sync import keystore

    monkeypatch.setattr(keystore, "keyring_usable", lambda: False)
    monkeypatch.delenv(keystore.PASSPHRASE_ENV, raising=False)
    page = window.show_page("sync")
    asked = []
    answers = iter(["secret-pass-1", "secret-pass-2"])
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *a, **k: (asked.append(a[2]) or next(answers), True))
    go, _callback = page.ask_passphrase()
    assert not go and len(asked) == 2 and "differ" in page.result.text()
    answers = iter(["secret-pass-1", "secret-pass-1"])
    go, callback = page.ask_passphrase()
    assert go and callback() == "secret-pass-1"
    asked.clear()
    go, callback = page.ask_passphrase()  # the next export: not asked again
    assert go and callback() == "secret-pass-1" and asked == []
    page._failed(RuntimeError("wrong passphrase"))  # a refusal forgets it
    assert page.passphrase == ""


def test_the_next_step_is_one_sentence_for_each_state(window):
    page = window.show_page("sync")
    assert "enrol with the district once" in page.next_step.text()
    st = dict(page.status, enrolled=True, next_step="export", unconfirmed_changes=6130)
    assert "6130 changes have not reached the district" in page.next_step_text(st)
    st.update(next_step="await_receipt", last_bundle={"seq": 7})
    assert "bundle 7 holds every change" in page.next_step_text(st)


def test_fingerprints_read_in_groups_of_four():
    from cunwu.ui.sync.fingerprint import readable

    fp = " ".join(["ABCD"] * 16)
    assert readable(fp).splitlines() == ["ABCD ABCD ABCD ABCD"] * 4
    assert readable("ABCD" * 16) == readable(fp)
    assert readable(None) == ""


def _district_bundles(store, tmp_path):
    """The window's village enrolled at a district that then sets the 低保 standard from
    2027-01-01 and dispatches a case; the district bundle written as the township would."""
    import datetime as dt

    from cunwu.district import cases as dcases
    from cunwu.district import importer, outbox
    from cunwu.district.accounts import DistrictUser
    from cunwu.district.enrol import enrol
    from cunwu.district.store import District
    from cunwu.domain.idnumbers import make
    from cunwu.services import residents, sync
    from cunwu.services.village import admin_actor
    from tests.sync_support import export

    admin = admin_actor(store, "admin")
    d = District.create(tmp_path / "district", "330106", "西湖区民政")
    sync.enrol_request(store, admin, tmp_path / "request.json")
    cert, _ = enrol(d, (tmp_path / "request.json").read_bytes())
    (tmp_path / "cert.json").write_bytes(cert)
    sync.accept_district(store, admin, tmp_path / "cert.json")
    p = residents.add_person(store, admin, name="钱奶奶", id_number=make("330106", dt.date(1940, 5, 5), 12))
    importer.import_file(d, export(store, admin, tmp_path / "up"))
    officer, village = DistrictUser("zhang", "admin"), store.village().code
    outbox.set_policy(d, officer, "dibao_standard", "1200", "2027-01-01", village=village)
    dcases.dispatch(d, officer, village, {"person": p.id_number, "category": "低保",
                                          "title": "跨村核查：复核低保"})
    files = outbox.export_down(d, officer, village, tmp_path / "usb")["files"]
    d.close()
    return [str(f) for f in files]


def test_district_bundles_imported_through_the_window(qtbot, window, store, tmp_path, monkeypatch):
    """导入区县数据包: the files chosen in the dialog (from the USB drive offered first), the
    service run as a task, one sentence on what came, and the parameter listed in force."""
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setenv("CUNWU_TODAY", "2026-11-22")
    files = _district_bundles(store, tmp_path)
    page = window.show_page("sync")
    assert page.district_button.objectName() == "sync_import_district"
    assert page.district_button.isEnabled()
    assert not page.policy.table.isVisible() and page.policy.empty.isVisible()
    page.set_target(str(tmp_path / "usb"))
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: (asked.append(a[2]) or files, "*.cdb"))
    page.district_button.click()
    qtbot.waitUntil(lambda: "Imported 1 district bundles" in page.result.text(), timeout=15_000)
    assert asked == [str(tmp_path / "usb")]  # the dialog opens where the stick is
    assert page.result.text() == ("Imported 1 district bundles: 1 new cases, 低保 standard "
                                  "1,200 yuan per person a month from 2027-01-01.")
    qtbot.waitUntil(lambda: page.policy.table.rowCount() == 1, timeout=5000)
    cells = [page.policy.table.item(0, c).text() for c in range(4)]
    assert cells == ["低保 standard", "1,200 yuan per person a month",
                     "2027-01-01 (not yet in force)", "district bundle 1"]
    monkeypatch.setenv("CUNWU_TODAY", "2027-02-01")
    page.refresh()
    assert page.policy.table.item(0, 2).text() == "2027-01-01"

    page.import_district(files)  # the same stick again: nothing changes
    qtbot.waitUntil(lambda: "imported before" in page.result.text(), timeout=15_000)
    window.ctx.prefs.apply_language("zh_CN")
    qtbot.waitUntil(lambda: page.district_button.text() == "导入区县数据包…", timeout=5000)
    from cunwu.ui.sync.district_data import summary

    empty = {"status": "applied", "cases_opened": 0, "cases_updated": 0, "skipped": [], "params": []}
    info = {"bundles": [empty, dict(empty, cases_opened=1), dict(empty, params=[
        {"name": "dibao_standard", "value": "1200.00", "effective_from": "2027-01-01"}])]}
    assert summary(info) == "已导入区县数据包 3 个：新工单 1 件，低保标准自 2027年1月1日起为每人每月 1,200 元。"
    assert page.policy.table.item(0, 0).text() == "低保标准"


def test_a_refused_district_bundle_reads_on_the_page(qtbot, window, store, tmp_path):
    files = _district_bundles(store, tmp_path)
    bad = tmp_path / "bad.cdb"
    data = bytearray(open(files[0], "rb").read())
    data[len(data) // 2] ^= 1
    bad.write_bytes(bytes(data))
    page = window.show_page("sync")
    page.import_district([str(bad)])
    qtbot.waitUntil(lambda: page.result.text() != "", timeout=15_000)
    assert "bundle" in page.result.text().lower() and page.policy.table.rowCount() == 0

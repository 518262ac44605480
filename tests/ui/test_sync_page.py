"""The sync page on the real window: enrolment wizard with fingerprints, export to a folder
with progress, receipt import, and the status it shows."""

from __future__ import annotations


import pytest


@pytest.fixture(autouse=True)
def _memory_keyring():
    import keyring

    from cunwu.sync.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)


def test_enrol_export_and_receipt_through_the_window(qtbot, window, tmp_path):
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
    fingerprint = wizard.request_page.fingerprint.text()
    assert len(fingerprint.split()) == 16
    wizard.next()

    d = District.create(tmp_path / "district", "330106", "西湖区民政")
    cert, info = enrol(d, (tmp_path / "request.json").read_bytes())
    assert info["village_fingerprint"] == fingerprint  # what the two clerks compare by phone
    (tmp_path / "cert.json").write_bytes(cert)
    wizard.cert_page.load(str(tmp_path / "cert.json"))
    assert wizard.cert_page.fingerprint.text() == d.fingerprint()
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    wizard.cert_page.same.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: page.export_button.isEnabled(), timeout=5000)
    assert d.code in page.fields["district"][1].text()

    usb = tmp_path / "usb"
    usb.mkdir()
    page.set_target(str(usb))
    page.export_button.click()
    qtbot.waitUntil(lambda: any(usb.glob("*.cwb")) and "written and checked" in page.result.text(),
                    timeout=15_000)
    [bundle] = usb.glob("*.cwb")
    assert bundle.name == "CW-330106001001-000001.cwb"
    qtbot.waitUntil(lambda: page.fields["last_bundle"][1].text().startswith("1 "), timeout=5000)

    out = importer.import_file(d, bundle, usb)
    page.import_receipt(str(usb / out.receipt_name()))
    assert page.fields["unconfirmed"][1].text() == "0"
    assert page.fields["last_sync"][1].text() != "-"
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

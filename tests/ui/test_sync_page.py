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

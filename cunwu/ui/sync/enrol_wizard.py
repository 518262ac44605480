"""The enrolment wizard: write the request, load the district certificate, compare the
fingerprints read out by phone before installing it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QCheckBox, QFileDialog, QHBoxLayout, QLabel, QPushButton,
                               QVBoxLayout, QWizard, QWizardPage)

from cunwu.ui.errors import show_error
from cunwu.ui.sync.fingerprint import readable
from cunwu.ui.widgets import file_name


def _mono(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("fingerprint")
    label.setStyleSheet("font-family: monospace; font-size: 15pt;")
    label.setWordWrap(True)
    return label


class EnrolWizard(QWizard):
    def __init__(self, ctx, parent=None, passphrase=None) -> None:
        super().__init__(parent)
        self.ctx, self.passphrase = ctx, passphrase
        self.setWindowTitle(self.tr("Enrol with the district"))
        self.request_page, self.cert_page = _RequestPage(self), _CertificatePage(self)
        self.addPage(self.request_page)
        self.addPage(self.cert_page)


class _RequestPage(QWizardPage):
    def __init__(self, wizard: EnrolWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("1. Write the enrolment request"))
        self.written = False
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Save the request on a USB stick and take it to the district. "
                               "Then phone the district clerk and read them these characters, "
                               "four at a time:"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.fingerprint = _mono()
        layout.addWidget(self.fingerprint)
        self.write_button = QPushButton(self.tr("Write the request…"))
        self.write_button.clicked.connect(self.write)
        layout.addWidget(self.write_button)
        self.where = QLabel()
        layout.addWidget(self.where)

    def write(self, path: str | None = None) -> None:
        from cunwu.services.sync import enrol_request

        if not path:
            code = self.w.ctx.village["code"]
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Enrolment request"),
                                                  file_name(self.tr("Enrolment request {code}").replace("{code}", code), "json"), "JSON (*.json)")
        if not path:
            return
        try:
            info = enrol_request(self.w.ctx.store, self.w.ctx.actor, Path(path), self.w.passphrase)
        except Exception as e:  # shown to the clerk, logged by show_error
            show_error(self, e)
            return
        self.fingerprint.setText(readable(info["fingerprint"]))
        self.where.setText(self.tr("Written: {0}").replace("{0}", info["file"]))
        self.written = True
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.written


class _CertificatePage(QWizardPage):
    def __init__(self, wizard: EnrolWizard) -> None:
        super().__init__()
        self.w = wizard
        self.path: Path | None = None
        self.value = ""
        self.setTitle(self.tr("2. Install the district certificate"))
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.load_button = QPushButton(self.tr("Load the certificate…"))
        self.load_button.clicked.connect(self.load)
        row.addWidget(self.load_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(QLabel(self.tr("District fingerprint in the certificate:")))
        self.fingerprint = _mono()
        layout.addWidget(self.fingerprint)
        self.same = QCheckBox(self.tr("The district clerk read out exactly this fingerprint"))
        self.same.toggled.connect(self.completeChanged)
        layout.addWidget(self.same)

    def load(self, path: str | None = None) -> None:
        from cunwu.services.sync import read_certificate_file

        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("District certificate"), "", "JSON (*.json)")
        if not path:
            return
        try:
            cert, _data = read_certificate_file(self.w.ctx.store, Path(path))
        except Exception as e:
            show_error(self, e)
            return
        self.path = Path(path)
        self.value = cert["fingerprint"]  # compared by the service; shown for reading aloud
        self.fingerprint.setText(readable(self.value))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.path is not None and self.same.isChecked()

    def validatePage(self) -> bool:
        from cunwu.services.sync import accept_district

        try:
            accept_district(self.w.ctx.store, self.w.ctx.actor, self.path, self.value)
        except Exception as e:
            show_error(self, e)
            return False
        return True

"""The sync page (同步): what to do next in one sentence, enrolment, exporting bundles to a USB
stick (removable drives first), sending over the network, importing receipts and the district's
bundles, the policy parameters in force, and where things stand in local times; the key's
passphrase is asked once per login."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QComboBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout,
                               QInputDialog, QLabel, QLineEdit, QPushButton)

from cunwu import clock
from cunwu.ui.errors import show_error
from cunwu.ui.pages.base import Page
from cunwu.ui.sync import district_data
from cunwu.ui.sync.fingerprint import readable
from cunwu.ui.widgets import label


class SyncPage(Page):
    key = "sync"

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.status: dict = {}
        self.passphrase = ""  # asked once, kept until this window (this login) closes
        layout = self.page_layout()
        self.heading = label("title")
        layout.addWidget(self.heading)
        self.next_step = label("section", wrap=True)
        self.next_step.setObjectName("sync_next")
        layout.addWidget(self.next_step)

        self.box = QGroupBox()
        form = QFormLayout(self.box)
        self.fields: dict[str, tuple[QLabel, QLabel]] = {}
        for key in ("district", "key", "last_bundle", "last_receipt", "unconfirmed", "last_sync",
                    "reconciliation"):
            name, value = QLabel(), QLabel()
            value.setObjectName(f"sync_{key}")
            value.setWordWrap(True)
            form.addRow(name, value)
            self.fields[key] = (name, value)
        layout.addWidget(self.box)

        self.enrol_button = QPushButton()
        self.enrol_button.clicked.connect(self.enrol)
        row = QHBoxLayout()
        row.addWidget(self.enrol_button)
        row.addStretch(1)
        layout.addLayout(row)

        self.target = QComboBox()
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export)
        row = QHBoxLayout()
        self.target_label = QLabel()
        row.addWidget(self.target_label)
        row.addWidget(self.target, 1)
        row.addWidget(self.export_button)
        layout.addLayout(row)

        self.url = QLineEdit()
        self.push_button = QPushButton()
        self.push_button.clicked.connect(self.push)
        row = QHBoxLayout()
        self.url_label = QLabel()
        row.addWidget(self.url_label)
        row.addWidget(self.url, 1)
        row.addWidget(self.push_button)
        layout.addLayout(row)

        self.receipt_button = QPushButton()
        self.receipt_button.clicked.connect(self.import_receipt)
        self.district_button = QPushButton()  # 导入区县数据包, as `cunwu sync import-district`
        self.district_button.setObjectName("sync_import_district")
        self.district_button.clicked.connect(lambda: self.import_district())
        self.rotate_button = QPushButton()  # 更换密钥, as `cunwu sync rotate-key`
        self.rotate_button.setObjectName("sync_rotate_key")
        self.rotate_button.clicked.connect(self.rotate_key)
        row = QHBoxLayout()
        row.addWidget(self.receipt_button)
        row.addWidget(self.district_button)
        row.addWidget(self.rotate_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.result = label("hint", wrap=True)
        self.result.setObjectName("sync_result")
        layout.addWidget(self.result)
        self.policy = district_data.PolicyBox()
        layout.addWidget(self.policy)
        layout.addStretch(1)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Sync")

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Sync with the district"))
        self.box.setTitle(self.tr("Where things stand"))
        names = {"district": self.tr("Reports to"),
                 "key": self.tr("Village key fingerprint (read in groups of four)"),
                 "last_bundle": self.tr("Last export (number · time · file)"),
                 "last_receipt": self.tr("Last receipt (number · time)"),
                 "unconfirmed": self.tr("Changes the district has not confirmed"),
                 "last_sync": self.tr("Last time the district confirmed"),
                 "reconciliation": self.tr("District's copy")}
        for key, (name, _) in self.fields.items():
            name.setText(names[key])
        self.enrol_button.setText(self.tr("Enrol with the district…"))
        self.target_label.setText(self.tr("Export to"))
        self.export_button.setText(self.tr("Export bundle"))
        self.url_label.setText(self.tr("District server"))
        self.push_button.setText(self.tr("Send over the network"))
        self.receipt_button.setText(self.tr("Import a receipt…"))
        self.district_button.setText(self.tr("Import district bundles…"))
        self.policy.retranslate()
        self.rotate_button.setText(self.tr("Make a new key…"))
        self._fill_targets()
        if self.status:
            self.show_status(self.status)

    # -- status -------------------------------------------------------------------------------
    def activated(self) -> None:
        self._fill_targets()
        self.refresh()

    def refresh(self) -> None:
        from cunwu.services.policy import listing
        from cunwu.services.sync import status

        try:
            st = status(self.ctx.store)
            params = listing(self.ctx.store, clock.today())
        except Exception as e:
            show_error(self, e)
            return
        self.show_status(st)
        self.policy.show_rows(params)

    def show_status(self, st: dict) -> None:
        self.status = st
        lb, lr = st["last_bundle"], st["last_receipt"]
        district = st["district"] and f"{st['district_name'] or ''}（{st['district']}）".lstrip()
        values = {
            "district": district or self.tr("not enrolled yet"),
            "key": readable(st["key_fingerprint"]) or "-",
            "last_bundle": (f"{lb['seq']} · {clock.local_minute(lb['created_at'])} · {lb['file']}"
                            if lb else "-"),
            "last_receipt": f"{lr['seq']} · {clock.local_minute(lr['received_at'])}" if lr else "-",
            "unconfirmed": str(st["unconfirmed_changes"]),
            "last_sync": clock.local_minute(st["last_successful_sync"]) or "-",
            "reconciliation": self.reconciliation_text(st),
        }
        for key, text in values.items():
            self.fields[key][1].setText(text)
        self.next_step.setText(self.next_step_text(st))
        if not self.url.text() and st.get("url"):
            self.url.setText(st["url"])
        writer = self.ctx.actor.may("write")
        self.enrol_button.setEnabled(writer)
        for b in (self.export_button, self.push_button, self.receipt_button, self.district_button):
            b.setEnabled(writer and st["enrolled"])
        self.rotate_button.setEnabled(writer and bool(st.get("key_id")))

    def reconciliation_text(self, st: dict) -> str:
        """Whether the district's copy matches, from the newest receipt that carries counts."""
        if st.get("matches") is None:
            return "-"
        if st["matches"]:
            return self.tr("The district's data matches this village's")
        differing = [self.tr("{entity} (here {village}, district {district})").replace(
            "{entity}", e).replace("{village}", str(v["village"])).replace("{district}", str(v["district"]))
            for e, v in st["reconciliation"].items() if not v["matches"]]
        return self.tr("Differs from this village's: {list}. These are sent again in full with "
                       "the next bundle.").replace("{list}", self.tr(", ").join(differing))

    def next_step_text(self, st: dict) -> str:
        """The one sentence that says what to do now (services.sync.next_step decides)."""
        step = st.get("next_step")
        if not self.ctx.actor.may("write"):
            return {"enrol": self.tr("This village has not enrolled with the district yet; "
                                     "a clerk does that on this page."),
                    "nothing": self.tr("The district has every change. Nothing to do now.")}.get(
                step, self.tr("{n} changes have not been confirmed by the district yet; a clerk "
                              "sends them from this page.").replace(
                                  "{n}", str(st["unconfirmed_changes"])))
        if step == "enrol":
            return self.tr("Next: enrol with the district once. Click 'Enrol with the district…' "
                           "and follow its two steps.")
        if step == "export" and st.get("resend") and not st["unconfirmed_changes"]:
            return self.tr("Next: the district's copy differs from this village's. Plug in the USB "
                           "stick, click 'Export bundle' and take the file to the district to send "
                           "it again.")
        if step == "export":
            return self.tr("Next: {n} changes have not reached the district. Plug in the USB "
                           "stick, click 'Export bundle' and take the file to the district.").replace(
                               "{n}", str(st["unconfirmed_changes"]))
        if step == "await_receipt":
            return self.tr("Next: bundle {seq} holds every change. When the district gives you "
                           "its receipt, click 'Import a receipt…'.").replace(
                               "{seq}", str((st["last_bundle"] or {}).get("seq", "")))
        return self.tr("The district has every change. Nothing to do now.")

    def _fill_targets(self) -> None:
        from cunwu.sync.removable import removable_drives

        current = self.target.currentData()
        self.target.clear()
        for drive in removable_drives():  # removable drives first
            self.target.addItem(self.tr("USB drive: {0}").replace("{0}", str(drive)), str(drive))
        self.target.addItem(self.tr("Choose a folder…"), "")
        if current:
            i = self.target.findData(current)
            if i < 0:
                self.target.insertItem(0, current, current)
                i = 0
            self.target.setCurrentIndex(i)

    def set_target(self, folder: str) -> None:
        self.target.insertItem(0, folder, folder)
        self.target.setCurrentIndex(0)

    # -- actions ------------------------------------------------------------------------------
    def ask_passphrase(self) -> tuple[bool, object]:
        """(go on?, passphrase callback or None), asked here on the GUI thread, only where no
        keyring works, and once per login. The first time (no key yet) it is typed twice."""
        from cunwu.sync.keystore import env_passphrase, keyring_usable

        if keyring_usable() or env_passphrase():
            return True, None
        if not self.passphrase:
            first = not self.status.get("key_id")
            text = self._ask(self.tr(
                "This computer cannot keep the village's signing key for you, so it is locked "
                "in a file with a passphrase. Choose a passphrase of at least 8 characters and "
                "write it down somewhere safe:") if first else self.tr(
                "Type the sync passphrase chosen when the village enrolled. It is asked once "
                "until you log out:"))
            if not text:
                return False, None
            if first and self._ask(self.tr("Type the same passphrase again, to be sure it has "
                                           "no typing mistake:")) != text:
                self.result.setText(self.tr("The two passphrases differ. Nothing was done; "
                                            "try again."))
                return False, None
            self.passphrase = text
        text = self.passphrase
        return True, lambda: text

    def _ask(self, prompt: str) -> str:
        text, ok = QInputDialog.getText(self, self.tr("Sync passphrase"), prompt,
                                        QLineEdit.EchoMode.Password)
        return text if ok else ""

    def _failed(self, exc: BaseException) -> None:
        """A refused export or push: a wrong passphrase is asked again next time."""
        self.passphrase = ""
        show_error(self, exc)

    def enrol(self) -> None:
        from cunwu.ui.sync.enrol_wizard import EnrolWizard

        go, passphrase = self.ask_passphrase()
        if not go:
            return
        wizard = EnrolWizard(self.ctx, self, passphrase)
        wizard.finished.connect(lambda _r: self.refresh())
        wizard.open()
        self.wizard = wizard

    def export(self) -> None:
        from cunwu.services.sync import export_bundle

        folder = self.target.currentData()
        if not folder:
            folder = QFileDialog.getExistingDirectory(self, self.tr("Export the bundle to"))
            if not folder:
                return
            self.set_target(folder)
        go, passphrase = self.ask_passphrase()
        if not go:
            return
        store, actor = self.ctx.store, self.ctx.actor

        def work(progress):
            return export_bundle(store, actor, Path(folder), progress=progress, passphrase=passphrase)

        self.export_button.setEnabled(False)
        self.run_task(work, title=self.tr("Writing the bundle…"), on_success=self._exported,
                      on_failure=self._failed, on_done=self.refresh, progress=True)

    def _exported(self, info: dict) -> None:
        self.result.setText(self.tr("Bundle {0} written and checked: {1}. Take it to the district.")
                            .replace("{0}", str(info["seq"])).replace("{1}", info["path"]))

    def push(self) -> None:
        from cunwu.services.sync import push_bundle as push

        go, passphrase = self.ask_passphrase()
        if not go:
            return
        store, actor, url = self.ctx.store, self.ctx.actor, self.url.text().strip() or None
        self.push_button.setEnabled(False)
        self.run_task(lambda _p: push(store, actor, url, passphrase=passphrase),
                      title=self.tr("Sending to the district…"), on_success=self._pushed,
                      on_failure=self._failed, on_done=self.refresh, progress=True)

    def _pushed(self, info: dict) -> None:
        self.result.setText(self.tr("Sent. The district confirmed bundle {0}.").replace("{0}", str(info["seq"])))

    def rotate_key(self):
        from cunwu.ui.sync.key_rotation import rotate_key

        return rotate_key(self)

    def import_district(self, paths: list[str] | None = None):
        return district_data.import_district(self, paths)

    def import_receipt(self, path: str | None = None) -> None:
        from cunwu.services.sync import import_receipt_file

        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("District receipt"),
                                                  self.target.currentData() or "", "JSON (*.json)")
        if not path:
            return
        try:
            info = import_receipt_file(self.ctx.store, self.ctx.actor, Path(path))
        except Exception as e:
            show_error(self, e)
            return
        self.result.setText(self.tr("The district holds every change up to bundle {0}.")
                            .replace("{0}", str(info["seq"])))
        self.refresh()

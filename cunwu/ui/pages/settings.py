"""The settings page (设置): font size and language, applied at once and remembered, a
backup on request, the data integrity check (数据完整性检查), and the way to the village's
monitoring thresholds (动态监测); accounts, the audit log and restore come from ui/admin.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QButtonGroup, QGroupBox, QHBoxLayout, QPushButton, QRadioButton,
                               QVBoxLayout, QWidget)

from cunwu.services.audit import check
from cunwu.services.backup import backup
from cunwu.ui.admin.panel import AdminBox
from cunwu.ui.errors import error_text
from cunwu.ui.pages.base import Page
from cunwu.ui.tasks import Task
from cunwu.ui.widgets import label

# Each language is named in itself, so a clerk who picked the wrong one can find theirs.
LANGUAGE_NAMES = {"zh_CN": "中文（简体）", "en": "English"}


class SettingsPage(Page):
    key = "settings"

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = self.page_layout()
        self.heading = label("title")
        layout.addWidget(self.heading)

        # Font size
        self.font_box = QGroupBox()
        font_layout = QVBoxLayout(self.font_box)
        row = QHBoxLayout()
        row.setSpacing(32)
        self.font_group = QButtonGroup(self)
        self.font_buttons: dict[str, QRadioButton] = {}
        for key in ("normal", "large", "xlarge"):
            button = QRadioButton()
            button.setObjectName(f"font_{key}")
            self.font_buttons[key] = button
            self.font_group.addButton(button)
            row.addWidget(button)
            button.toggled.connect(lambda on, k=key: on and self._font_chosen(k))
        row.addStretch(1)
        font_layout.addLayout(row)
        self.font_sample = label("hint", wrap=True)
        font_layout.addWidget(self.font_sample)
        layout.addWidget(self.font_box)

        # Language
        self.language_box = QGroupBox()
        language_layout = QHBoxLayout(self.language_box)
        language_layout.setSpacing(32)
        self.language_group = QButtonGroup(self)
        self.language_buttons: dict[str, QRadioButton] = {}
        for lang, name in LANGUAGE_NAMES.items():
            button = QRadioButton(name)
            button.setObjectName(f"language_{lang}")
            self.language_buttons[lang] = button
            self.language_group.addButton(button)
            language_layout.addWidget(button)
            button.toggled.connect(lambda on, code=lang: on and self._language_chosen(code))
        language_layout.addStretch(1)
        layout.addWidget(self.language_box)

        # Backup
        self.backup_box = QGroupBox()
        backup_layout = QVBoxLayout(self.backup_box)
        self.backup_hint = label("hint", wrap=True)
        backup_layout.addWidget(self.backup_hint)
        row = QHBoxLayout()
        self.backup_button = QPushButton()
        self.backup_button.setObjectName("backupNow")
        self.backup_button.setProperty("role", "primary")
        self.backup_button.clicked.connect(self.backup_now)
        row.addWidget(self.backup_button)
        row.addStretch(1)
        backup_layout.addLayout(row)
        self.backup_result = label("", wrap=True)
        self.backup_result.setObjectName("backupResult")
        backup_layout.addWidget(self.backup_result)
        layout.addWidget(self.backup_box)

        # Data integrity: the same check as `cunwu audit verify`
        self.integrity_box = QGroupBox()
        integrity_layout = QVBoxLayout(self.integrity_box)
        self.integrity_hint = label("hint", wrap=True)
        integrity_layout.addWidget(self.integrity_hint)
        row = QHBoxLayout()
        self.integrity_button = QPushButton()
        self.integrity_button.setObjectName("checkIntegrity")
        self.integrity_button.clicked.connect(self.check_integrity)
        row.addWidget(self.integrity_button)
        row.addStretch(1)
        integrity_layout.addLayout(row)
        self.integrity_result = label("", wrap=True)
        self.integrity_result.setObjectName("integrityResult")
        self.integrity_result.setVisible(False)
        integrity_layout.addWidget(self.integrity_result)
        layout.addWidget(self.integrity_box)
        self.integrity: dict | None = None  # the last check's result
        self._integrity_error = ""

        # Monitoring thresholds: the same dialog as on the residents page
        self.monitoring_box = QGroupBox()
        monitoring_layout = QVBoxLayout(self.monitoring_box)
        self.monitoring_summary = label("hint", wrap=True)
        self.monitoring_summary.setObjectName("monitoringSummary")
        monitoring_layout.addWidget(self.monitoring_summary)
        row = QHBoxLayout()
        self.monitoring_button = QPushButton()
        self.monitoring_button.setObjectName("monitoringSettings")
        self.monitoring_button.clicked.connect(self.open_monitoring_settings)
        row.addWidget(self.monitoring_button)
        row.addStretch(1)
        monitoring_layout.addLayout(row)
        layout.addWidget(self.monitoring_box)
        # Accounts, the audit log and restore: `cunwu users`, `audit list`, `restore`
        self.admin_box = AdminBox(ctx)
        layout.addWidget(self.admin_box)
        layout.addStretch(1)
        self.monitoring: dict = {}
        self.dialog = None

        self.last_backup: Path | None = None
        self._backup_outcome = ""  # "", running, ok, error, cancelled
        self._backup_error = ""
        self._select_current()
        self.retranslate()

    def title(self) -> str:
        return self.tr("Settings")

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Settings"))
        self.font_box.setTitle(self.tr("Font size"))
        self.font_buttons["normal"].setText(self.tr("Normal"))
        self.font_buttons["large"].setText(self.tr("Large"))
        self.font_buttons["xlarge"].setText(self.tr("Extra large"))
        self.font_sample.setText(self.tr(
            "The whole window uses the size you choose, at once. Sample: 青山村村民委员会 2026"))
        self.language_box.setTitle(self.tr("Language"))
        self.backup_box.setTitle(self.tr("Backup"))
        self.backup_hint.setText(self.tr(
            "Writes a complete copy of the database into the backups folder inside the data "
            "folder. Copy that folder to a USB stick now and then."))
        self.backup_button.setText(self.tr("Back up now"))
        self._show_backup_result()
        self.integrity_box.setTitle(self.tr("Data integrity check (数据完整性检查)"))
        self.integrity_hint.setText(self.tr(
            "Checks that no record, points balance or history was changed outside cunwu: the "
            "audit trail and the change log, every record against the change log, the points "
            "against the ledger, the guards, and what the district has receipted."))
        self.integrity_button.setText(self.tr("Check data integrity"))
        self._show_integrity()
        self.monitoring_box.setTitle(self.tr("Dynamic monitoring (动态监测)"))
        self.monitoring_button.setText(self.tr("Monitoring settings…"))
        self._show_monitoring()

    def activated(self) -> None:
        self.read_monitoring()

    # -- monitoring thresholds --------------------------------------------------------
    def read_monitoring(self) -> None:
        from cunwu.services.monitoring import settings

        try:
            self.monitoring = settings(self.ctx.store)
        except Exception as e:  # shown in place; the rest of the page still works
            self.monitoring = {}
            self.monitoring_summary.setText(error_text(e))
            return
        self._show_monitoring()

    def _show_monitoring(self) -> None:
        m = self.monitoring
        if not m:
            return
        self.monitoring_summary.setText(self.tr(
            "Alerts on the home page: 高龄 from age {elderly_age}; a visit to people living "
            "alone every {visit_days} days; reviews announced {review_notice_days} days ahead; "
            "children are under {child_age}.").format(**m))

    def open_monitoring_settings(self):
        from cunwu.ui.residents.monitoring_dialog import MonitoringSettingsDialog

        dialog = MonitoringSettingsDialog(self.ctx, self)
        dialog.setModal(True)
        dialog.saved.connect(lambda values: self.read_monitoring())
        dialog.show()
        self.dialog = dialog
        return dialog

    def _select_current(self) -> None:
        prefs = self.ctx.prefs
        for buttons, current in ((self.font_buttons, prefs.settings.font_size),
                                 (self.language_buttons, prefs.language)):
            button = buttons.get(current)
            if button is not None:
                button.blockSignals(True)
                button.setChecked(True)
                button.blockSignals(False)

    def _font_chosen(self, key: str) -> None:
        if key != self.ctx.prefs.settings.font_size:
            self.ctx.prefs.set_font_size(key)

    def _language_chosen(self, lang: str) -> None:
        if lang != self.ctx.prefs.settings.language:
            self.ctx.prefs.set_language(lang)

    # -- backup ---------------------------------------------------------------
    def backup_now(self) -> Task:
        store, actor = self.ctx.store, self.ctx.actor
        self.backup_button.setEnabled(False)
        self.last_backup, self._backup_outcome = None, "running"
        self._show_backup_result()
        return self.ctx.tasks.run(lambda progress: backup(store, actor, progress=progress),
                                  parent=self.window(), title=self.tr("Backing up the database…"),
                                  on_success=self._backed_up, on_failure=self._backup_failed,
                                  on_done=self._backup_ended)

    def _backed_up(self, path: Path) -> None:
        self.last_backup, self._backup_outcome = Path(path), "ok"

    def _backup_failed(self, exc: BaseException) -> None:
        self._backup_outcome, self._backup_error = "error", error_text(exc)

    def _backup_ended(self) -> None:
        if self._backup_outcome == "running":  # ended neither way: the user cancelled
            self._backup_outcome = "cancelled"
        self.backup_button.setEnabled(True)
        self._show_backup_result()

    def _show_backup_result(self) -> None:
        outcome = self._backup_outcome
        if outcome == "running":
            role, text = "hint", self.tr("Backing up…")
        elif outcome == "ok":
            role, text = "ok", self.tr("Backup written: {path}").format(path=self.last_backup)
        elif outcome == "error":
            role, text = "error", self._backup_error
        elif outcome == "cancelled":
            role, text = "hint", self.tr("The backup was cancelled.")
        else:
            role, text = "hint", ""
        self._set_result(role, text)

    def _set_result(self, role: str, text: str, widget=None) -> None:
        widget = widget or self.backup_result
        widget.setText(text)
        widget.setVisible(bool(text))
        if widget.property("role") != role:
            widget.setProperty("role", role)
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    # -- data integrity ---------------------------------------------------------
    def check_integrity(self) -> Task:
        store = self.ctx.store
        self.integrity_button.setEnabled(False)
        self.integrity, self._integrity_error = None, ""
        self._set_result("hint", self.tr("Checking…"), self.integrity_result)
        return self.run_task(lambda progress: check(store), title=self.tr("Checking the data…"),
                             on_success=self._integrity_checked,
                             on_failure=self._integrity_failed, on_done=self._integrity_ended)

    def _integrity_checked(self, result: dict) -> None:
        self.integrity = result

    def _integrity_failed(self, exc: BaseException) -> None:
        self._integrity_error = error_text(exc)

    def _integrity_ended(self) -> None:
        self.integrity_button.setEnabled(True)
        self._show_integrity()

    def _show_integrity(self) -> None:
        result = self.integrity
        if self._integrity_error:
            role, text = "error", self._integrity_error
        elif result is None:
            return
        elif result["ok"]:
            role, text = "ok", self.tr(
                "All is in order: {a} audit entries and {c} changes checked; every record, "
                "points balance and guard is as cunwu wrote it.").format(
                    a=result["audit_entries"], c=result["change_log_entries"])
        else:
            # The findings were worded by the core in the language of the moment.
            role = "error"
            text = "\n".join([self.tr("The check found problems:")] + [
                f"• {c['first_failure']} ({c['code']})" for c in result["checks"] if not c["ok"]])
        self._set_result(role, text, self.integrity_result)

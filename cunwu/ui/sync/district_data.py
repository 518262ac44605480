"""What the district sends down, on the sync page: 导入区县数据包 as `cunwu sync import-district`
(files from the USB stick, the result in one sentence) and the policy parameters in force."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QFileDialog, QGroupBox, QVBoxLayout

from cunwu.domain.policy import shown
from cunwu.ui.errors import error_text
from cunwu.ui.widgets import fill, label, qdate, table

translate = QCoreApplication.translate  # named so that pyside6-lupdate finds the strings


def day_text(day: dt.date | str) -> str:
    day = dt.date.fromisoformat(day) if isinstance(day, str) else day
    # a Qt date format: the translation writes the day the way the language does (2027年1月1日)
    return QLocale().toString(qdate(day), translate("DistrictData", "yyyy-MM-dd"))


def import_district(page, paths: list[str] | None = None):
    """Runs on the sync page (its folder, passphrase, result line and refresh); returns the
    task, or None when the clerk chose no file or stopped."""
    from cunwu.services.district_bundles import import_files

    if not paths:
        paths, _filter = QFileDialog.getOpenFileNames(
            page, translate("DistrictData", "District bundles"), page.target.currentData() or "",
            translate("DistrictData", "District bundles (*.cdb)"))
    if not paths:
        return None
    go, passphrase = page.ask_passphrase()
    if not go:
        return None
    store, actor, files = page.ctx.store, page.ctx.actor, [Path(p) for p in paths]

    def failed(exc: BaseException) -> None:
        page.result.setText(error_text(exc))
        page._failed(exc)

    return page.run_task(lambda _p: import_files(store, actor, files, passphrase),
                         title=translate("DistrictData", "Importing the district's bundles…"),
                         on_success=lambda info: page.result.setText(summary(info)),
                         on_failure=failed, on_done=page.refresh)


def summary(info: dict) -> str:
    """One sentence: how many bundles, the cases they brought and each parameter they set."""
    applied = [b for b in info["bundles"] if b["status"] == "applied"]
    if not applied:
        return translate("DistrictData", "These district bundles were imported before; nothing "
                                         "has changed.")
    parts = []
    if opened := sum(b["cases_opened"] for b in applied):
        parts.append(translate("DistrictData", "{n} new cases").replace("{n}", str(opened)))
    if updated := sum(b["cases_updated"] for b in applied):
        parts.append(translate("DistrictData", "{n} case updates from the township").replace(
            "{n}", str(updated)))
    for p in (p for b in applied for p in b["params"]):
        name, value = shown(p["name"], p["value"])
        parts.append(translate("DistrictData", "{name} {value} from {day}").replace(
            "{name}", name).replace("{value}", value).replace("{day}", day_text(p["effective_from"])))
    if skipped := sum(len(b["skipped"]) for b in applied):
        parts.append(translate("DistrictData", "{n} updates left out: those cases had moved on "
                                               "here").replace("{n}", str(skipped)))
    listed = translate("DistrictData", ", ").join(parts) or translate("DistrictData",
                                                                      "nothing new in them")
    text = translate("DistrictData", "Imported {n} district bundles: {list}.").replace(
        "{n}", str(len(applied))).replace("{list}", listed)
    if before := len(info["bundles"]) - len(applied):
        text += " " + translate("DistrictData", "{n} of the files were imported before.").replace(
            "{n}", str(before))
    return text


class PolicyBox(QGroupBox):
    """The parameters the district set that are in force today, then those still to come
    (services/policy.listing)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_policy")
        layout = QVBoxLayout(self)
        self.table = table(4, fit=True)
        self.table.setObjectName("sync_policy_table")
        self.empty = label("hint", wrap=True)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        self.rows: list[dict] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Policy parameters from the district"))
        self.table.setHorizontalHeaderLabels([self.tr("Parameter"), self.tr("Value"),
                                              self.tr("In force from"), self.tr("Sent in")])
        self.empty.setText(self.tr("The district has not set any parameter yet; the village's "
                                   "own settings apply."))
        self.show_rows(self.rows)

    def show_rows(self, rows: list[dict]) -> None:
        self.rows = rows
        fill(self.table, [[*shown(r["name"], r["value"]), self._since(r),
                           self.tr("district bundle {n}").replace("{n}", str(r["district_seq"]))]
                          for r in rows])
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)

    def _since(self, row: dict) -> str:
        day = day_text(row["effective_from"])
        return self.tr("{day} (not yet in force)").replace("{day}", day) if row["upcoming"] else day

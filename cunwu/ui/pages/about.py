"""The about page (关于): version, data folder, the village, and who is logged in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from cunwu import __version__
from cunwu.domain.accounts import ROLE_LABELS
from cunwu.i18n import _
from cunwu.ui.pages.base import Page
from cunwu.ui.widgets import label


class AboutPage(Page):
    key = "about"

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = self.page_layout()
        self.heading = label("title")
        layout.addWidget(self.heading)
        self.tagline = label("subtitle", wrap=True)
        layout.addWidget(self.tagline)
        layout.addSpacing(8)
        form = QFormLayout()
        form.setHorizontalSpacing(24)
        form.setVerticalSpacing(12)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.names: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for key in ("version", "data_dir", "village", "village_code", "user", "role"):
            name, value = label("hint"), QLabel()
            value.setObjectName(f"about_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.names[key], self.values[key] = name, value
            form.addRow(name, value)
        layout.addLayout(form)
        layout.addSpacing(8)
        self.font_note = label("hint", wrap=True)
        layout.addWidget(self.font_note)
        layout.addStretch(1)
        self.retranslate()

    def title(self) -> str:
        return self.tr("About")

    def retranslate(self) -> None:
        ctx = self.ctx
        self.heading.setText(self.tr("About cunwu"))
        self.tagline.setText(self.tr(
            "Records of the village committee, kept on this computer."))
        names = {"version": self.tr("Version"), "data_dir": self.tr("Data folder"),
                 "village": self.tr("Village"), "village_code": self.tr("Village code"),
                 "user": self.tr("Logged in as"), "role": self.tr("Role")}
        role = ROLE_LABELS.get(ctx.actor.role)
        values = {"version": __version__, "data_dir": str(ctx.paths.data_dir),
                  "village": ctx.village.get("name", ""),
                  "village_code": ctx.village.get("code", ""),
                  "user": ctx.actor.username,
                  "role": _(role) if role else ctx.actor.role}
        for key, text in names.items():
            self.names[key].setText(text)
            self.values[key].setText(values[key])
        self.font_note.setText(self.tr(
            "Interface font: WenQuanYi Micro Hei (Apache License 2.0)."))

"""The window's look: one style sheet, scaled from the chosen base font size."""

from __future__ import annotations

ACCENT = "#1f5fa8"
ACCENT_DARK = "#174a85"
INK = "#1d2733"
MUTED = "#52606f"
LINE = "#d5dce6"
SIDEBAR = "#eef2f7"


def stylesheet(base_pt: int) -> str:
    """Sizes in points derived from the base, so every size setting keeps the proportions."""
    title = round(base_pt * 1.6)
    subtitle = round(base_pt * 1.2)
    nav = base_pt + 1
    pad = max(6, base_pt // 2)
    indicator = base_pt + 6  # radio buttons big enough to hit and to see
    return f"""
QMainWindow, QDialog {{ background: #ffffff; }}
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
QScrollArea#pageScroll {{ background: #ffffff; border: none; }}
QScrollArea#pageScroll > QWidget#qt_scrollarea_viewport {{ background: #ffffff; }}
QWidget#sidebar {{ background: {SIDEBAR}; border-right: 1px solid {LINE}; }}
QLabel#sidebarVillage {{ font-size: {subtitle}pt; font-weight: bold; color: {INK};
    padding: {pad * 2}px {pad * 2}px {pad}px {pad * 2}px; }}
QListWidget#nav {{ background: transparent; border: none; font-size: {nav}pt; outline: 0; }}
QListWidget#nav::item {{ color: {INK}; padding: {pad + 2}px {pad * 2}px; margin: 2px 8px;
    border-radius: 6px; }}
QListWidget#nav::item:hover:!selected {{ background: #dde6f1; }}
QListWidget#nav::item:selected {{ background: {ACCENT}; color: #ffffff; }}
QLabel[role="title"] {{ font-size: {title}pt; font-weight: bold; color: {INK}; }}
QLabel[role="subtitle"] {{ font-size: {subtitle}pt; color: {MUTED}; }}
QLabel[role="section"] {{ font-size: {subtitle}pt; font-weight: bold; color: {INK}; }}
QLabel[role="badge"] {{ background: {ACCENT}; color: #ffffff; border-radius: 9px;
    padding: 1px 9px; font-weight: bold; }}
QLabel[role="hint"] {{ color: {MUTED}; }}
QLabel[role="error"] {{ color: #b3261e; }}
QLabel[role="ok"] {{ color: #1b6e3a; }}
QLabel[role="empty"] {{ font-size: {subtitle}pt; color: {MUTED}; padding: {pad * 3}px; }}
QWidget#emptyCard {{ background: #f7f9fc; border: 1px dashed #c9d3df; border-radius: 8px; }}
QLabel#trainingBanner {{ background: #fff3cd; color: #7a4b00; border-bottom: 1px solid #e9c46a;
    padding: {pad}px {pad * 2}px; font-weight: bold; }}
QGroupBox {{ font-weight: bold; color: {INK}; border: 1px solid {LINE}; border-radius: 6px;
    margin-top: {base_pt + pad}px; padding: {pad * 2}px {pad}px {pad}px {pad}px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: {pad * 2}px; padding: 0 4px; }}
QPushButton {{ background: #f5f7fa; color: {INK}; border: 1px solid #b8c2cf; border-radius: 5px;
    padding: {pad}px {pad * 3}px; min-height: {base_pt + 6}px; }}
QPushButton:hover {{ background: #e8eef6; }}
QPushButton:pressed {{ background: #dbe4f0; }}
QPushButton:disabled {{ color: #9aa5b1; background: #f2f2f2; border-color: #d9d9d9; }}
QPushButton[role="primary"], QPushButton:default {{ background: {ACCENT}; color: #ffffff;
    border-color: {ACCENT_DARK}; }}
QPushButton[role="primary"]:hover, QPushButton:default:hover {{ background: {ACCENT_DARK}; }}
QPushButton[role="primary"]:disabled, QPushButton:default:disabled {{ color: #9aa5b1;
    background: #f2f2f2; border-color: #d9d9d9; }}
QRadioButton {{ spacing: {pad}px; padding: 2px 0; }}
QRadioButton::indicator {{ width: {indicator}px; height: {indicator}px; }}
QLineEdit {{ border: 1px solid #b8c2cf; border-radius: 5px; padding: {pad}px; background: #ffffff; }}
QLineEdit:focus {{ border: 2px solid {ACCENT}; }}
QTableWidget {{ border: 1px solid {LINE}; gridline-color: #e6ebf1; background: #ffffff;
    alternate-background-color: #f7f9fc; selection-background-color: #cfe0f5;
    selection-color: {INK}; }}
QTableWidget::item {{ padding: {pad}px {pad + 2}px; }}
QHeaderView::section {{ background: {SIDEBAR}; color: {INK}; border: none;
    border-bottom: 1px solid {LINE}; padding: {pad}px {pad + 2}px; font-weight: bold; }}
QStatusBar {{ background: {SIDEBAR}; color: {MUTED}; border-top: 1px solid {LINE}; }}
QStatusBar QLabel {{ padding: 2px 8px; }}
"""

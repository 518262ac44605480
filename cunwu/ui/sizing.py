"""Sizes taken from the font, never fixed pixels, and every window held inside the screen's
free area: at 特大 on a 1366×768 screen a dialog still shows its buttons."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget

# A Chinese character is as wide as the widest Latin letters; sizes counted in them hold for
# both languages.
_WIDE = "汉"


def text_size(widget: QWidget, chars: float, lines: float) -> QSize:
    """The room for `lines` lines of `chars` characters in the widget's font."""
    fm = widget.fontMetrics()
    return QSize(round(chars * fm.horizontalAdvance(_WIDE)), round(lines * fm.lineSpacing()))


def text_width(widget: QWidget, chars: float) -> int:
    return text_size(widget, chars, 0).width()


def text_height(widget: QWidget, lines: float) -> int:
    return text_size(widget, 0, lines).height()


def available(widget: QWidget | None = None) -> QRect:
    """The free part of the screen the widget is on (the primary one before it is shown)."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 768)


def size_dialog(dialog: QWidget, chars: float, lines: float) -> None:
    """A first size of `chars` × `lines` in the dialog's font, no bigger than the screen."""
    want = text_size(dialog, chars, lines).expandedTo(dialog.minimumSizeHint())
    room = available(dialog)
    dialog.resize(min(want.width(), room.width() - 16), min(want.height(), room.height() - 40))


def keep_on_screen(window: QWidget) -> None:
    """Shrink a window that is larger than the free screen area and move it inside."""
    room = available(window)
    frame = window.frameGeometry()
    extra = QSize(frame.width() - window.width(), frame.height() - window.height())
    width = min(window.width(), room.width() - extra.width())
    height = min(window.height(), room.height() - extra.height())
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
        frame = window.frameGeometry()
    x = min(max(frame.x(), room.x()), room.right() + 1 - frame.width())
    y = min(max(frame.y(), room.y()), room.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, room.x()), max(y, room.y()))


class _ScreenFit(QObject):
    """Each dialog, when shown, is kept inside the screen (one filter for the application)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog) \
                and watched.isWindow():
            keep_on_screen(watched)
        return False


_filter: _ScreenFit | None = None


def install_screen_fit(app: QApplication) -> None:
    global _filter
    if _filter is None:
        _filter = _ScreenFit(app)
        app.installEventFilter(_filter)

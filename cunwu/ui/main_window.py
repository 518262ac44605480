"""The main window: navigation on the left, one page at a time on the right, the training
banner on top when CUNWU_TODAY is set, its size and place remembered; the keys (F1, Ctrl+F/N/P,
Ctrl+1…9), logging out, and a question before closing over unsaved edits.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractButton, QDialog, QFrame, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QMainWindow, QMessageBox,
                               QPushButton, QScrollArea, QStackedWidget, QVBoxLayout, QWidget)

from cunwu import clock
from cunwu.domain.accounts import ROLE_LABELS
from cunwu.i18n import _
from cunwu.subjects import load
from cunwu.ui.context import WindowContext
from cunwu.ui.pages import PAGES
from cunwu.ui.pages.base import Page

log = logging.getLogger("cunwu.ui")

DEFAULT_SIZE = (1100, 720)

# What Ctrl+F, Ctrl+N and Ctrl+P reach on each page: the widget's path from the page
# (tests/ui/test_main_window_keys.py checks that each still resolves).
KEY_TARGETS = {
    "find": {"residents": "search", "points": "counter.search"},
    "new": {"residents": "new_button", "meetings": "list.new_button",
            "disclosures": "buttons.new", "points": "buttons.new_activity"},
    "print": {"meetings": "list.signin_button", "disclosures": "buttons.preview",
              "points": "buttons.print_list"},
}


def key_target(page: Page, action: str) -> QWidget | None:
    """The widget `action` reaches on `page`, or None where the page has none."""
    path = KEY_TARGETS[action].get(page.key)
    found = page if path else None
    for part in (path or "").split("."):
        found = found.get(part) if isinstance(found, dict) else getattr(found, part, None)
    return found if isinstance(found, QWidget) else None


def reveal(widget: QWidget) -> None:
    """Bring the tab that holds `widget` to the front."""
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QStackedWidget) and parent.indexOf(child) >= 0:
            parent.setCurrentWidget(child)
        child, parent = parent, parent.parentWidget()


def load_page(spec: str, ctx: WindowContext, parent: QWidget | None = None) -> Page:
    return load(spec)(ctx, parent)


def scrolled(page: Page) -> QScrollArea:
    """A page too wide or tall for an old 1024x768 screen scrolls, instead of pushing the
    whole window off the screen."""
    area = QScrollArea()
    area.setObjectName("pageScroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(page)
    page.setAutoFillBackground(False)  # setWidget turned it on; the white viewport shows
    return area


class MainWindow(QMainWindow):
    built = Signal()  # every page has been built (after the home page has painted)

    def __init__(self, ctx: WindowContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("mainWindow")
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        self.banner = QLabel()
        self.banner.setObjectName("trainingBanner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setWordWrap(True)
        self.banner.setVisible(clock.today_is_forced())
        outer.addWidget(self.banner)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        sidebar = QWidget()
        sidebar.setObjectName("sidebar")
        sidebar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(0, 0, 0, 12)
        self.village_label = QLabel(ctx.village.get("name", ""))
        self.village_label.setObjectName("sidebarVillage")
        side.addWidget(self.village_label)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        side.addWidget(self.nav, 1)
        body.addWidget(sidebar)

        self.stack = QStackedWidget()
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

        # The first page (home) is built now; the others once the window is on screen, or
        # as soon as something asks for them (pages, order), so that logging in shows the
        # home page without waiting for every subject's page and its imports.
        self._pages: dict[str, Page] = {}
        self._order: list[Page] = []
        self._unbuilt = list(PAGES)
        for _spec in PAGES:
            self.nav.addItem(QListWidgetItem())
        self._add_page(self._unbuilt.pop(0)).installEventFilter(self)
        self.nav.currentRowChanged.connect(self._show_row)
        # Ctrl+1 … Ctrl+9 open the pages in list order, for those who prefer the keyboard.
        for row in range(min(len(PAGES), 9)):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{row + 1}"), self)
            shortcut.activated.connect(lambda row=row: self.nav.setCurrentRow(row))

        for keys, action in (("F1", self.show_help),
                             ("Ctrl+F", lambda: self.press("find")),
                             ("Ctrl+N", lambda: self.press("new")),
                             ("Ctrl+P", lambda: self.press("print")),
                             ("Ctrl+L", self.log_out)):
            QShortcut(QKeySequence(keys), self).activated.connect(action)

        self.logged_out = False  # closed to let someone else log in (app.run_window)
        self.user_label = QLabel()
        self.user_label.setObjectName("statusUser")
        self.statusBar().addPermanentWidget(self.user_label)
        self.help_button = QPushButton()
        self.help_button.setObjectName("helpButton")
        self.help_button.clicked.connect(self.show_help)
        self.statusBar().addPermanentWidget(self.help_button)
        self.logout_button = QPushButton()
        self.logout_button.setObjectName("logoutButton")
        self.logout_button.clicked.connect(self.log_out)
        self.statusBar().addPermanentWidget(self.logout_button)
        self.statusBar().setSizeGripEnabled(False)

        self.retranslate()
        self._restore_geometry()
        self.nav.setCurrentRow(0)

    # -- pages ----------------------------------------------------------------
    def _add_page(self, spec: str) -> Page:
        # Made inside the window: a page made on its own while the window is on screen
        # would be a window of its own for a moment and take the focus from this one.
        page = load_page(spec, self.ctx, self.stack)
        self._pages[page.key] = page
        self._order.append(page)
        self.stack.addWidget(scrolled(page))
        self.nav.item(len(self._order) - 1).setText(page.title())
        navigate = getattr(page, "navigate", None)
        if navigate is not None:
            navigate.connect(self.open_target)
        return page

    def build_pages(self) -> None:
        """Build the pages not built yet (once; later calls return at once)."""
        if not self._unbuilt:
            return
        active = self.isActiveWindow()
        while self._unbuilt:
            self._add_page(self._unbuilt.pop(0))
        self._fit_nav()
        if active:  # the settings page applies the font size, which lets go of the focus
            self.activateWindow()
        self.built.emit()

    @property
    def pages(self) -> dict[str, Page]:
        self.build_pages()
        return self._pages

    @property
    def order(self) -> list[Page]:
        self.build_pages()
        return self._order

    def eventFilter(self, watched, event: QEvent) -> bool:
        # The first page has painted: the window is usable, build the others next.
        if event.type() == QEvent.Type.Paint and self._order and watched is self._order[0]:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self.build_pages)
        return False

    # -- navigation -----------------------------------------------------------
    @property
    def current_page(self) -> Page:
        return self._order[self.stack.currentIndex()]

    def show_page(self, key: str) -> Page:
        page = self.pages[key]
        row = self.order.index(page)
        if self.nav.currentRow() == row:
            page.activated()  # asked for again: refresh it
        else:
            self.nav.setCurrentRow(row)
        return page

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        if row >= len(self._order):
            self.build_pages()
        self.stack.setCurrentIndex(row)
        self.current_page.activated()

    def open_target(self, target: str) -> None:
        """"subject" or "subject:uuid" from a home item: open that page, and the record."""
        key, _sep, rest = target.partition(":")
        if key not in self.pages:
            log.warning("no page for target %r", target)
            return
        page = self.show_page(key)
        if rest:
            page.open_target(rest)

    # -- keys, help, logging out ---------------------------------------------
    def press(self, action: str) -> None:
        """Ctrl+F puts the cursor in the page's search box; Ctrl+N and Ctrl+P press its
        New and Print buttons, when the page has them and they may be used now."""
        target = key_target(self.current_page, action)
        if target is None or not target.isEnabled():
            self.statusBar().showMessage(self.tr("This page has nothing for that key."), 4000)
            return
        reveal(target)
        if isinstance(target, QLineEdit):
            target.setFocus()
            target.selectAll()
        elif isinstance(target, QAbstractButton):
            target.click()

    def show_help(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Help"), self.tr(
            "Keys that save looking for a button:\n\n"
            "F1  this help\n"
            "Ctrl+1 … Ctrl+9  open the pages in the list on the left, from the top\n"
            "Ctrl+F  find (the search box of the page)\n"
            "Ctrl+N  new (a resident, meeting, notice or activity)\n"
            "Ctrl+P  print from the page\n"
            "Ctrl+L  log out, so that someone else can log in\n\n"
            "Each page says at its top what it is for. If a message names a code "
            "(E_…), tell it to whoever looks after the program."), parent=self)
        box.setObjectName("helpBox")
        box.open()
        return box

    def unsaved(self) -> list[QDialog]:
        """Open dialogs holding edits not saved yet (each says so through unsaved())."""
        return [d for d in self.findChildren(QDialog)
                if d.isVisible() and callable(getattr(d, "unsaved", None)) and d.unsaved()]

    def may_close(self) -> bool:
        """True when nothing is unsaved, or the clerk chose to drop the edits."""
        dialogs = self.unsaved()
        if not dialogs:
            return True
        names = "、".join(d.windowTitle() for d in dialogs)
        answer = QMessageBox.question(
            self, self.tr("Edits not saved"),
            self.tr("These windows have edits that are not saved: {names}. Close them and "
                    "lose the edits?").replace("{names}", names),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def log_out(self) -> None:
        """Close this window and show the login box again (app.run_window)."""
        if not self.may_close():
            return
        self.logged_out = True
        if not self.close():
            self.logged_out = False

    # -- language -------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        village = self.ctx.village.get("name", "")
        self.setWindowTitle(self.tr("cunwu village affairs — {village}").format(village=village))
        for row, page in enumerate(self._order):
            self.nav.item(row).setText(page.title())
        self.banner.setText(self.tr("Training mode: today counts as {date}").format(
            date=clock.today().isoformat()))
        role = ROLE_LABELS.get(self.ctx.actor.role)
        self.user_label.setText(self.tr("Logged in: {user}, {role}").format(
            user=self.ctx.actor.username, role=_(role) if role else self.ctx.actor.role))
        self.help_button.setText(self.tr("Help (F1)"))
        self.logout_button.setText(self.tr("Log out / switch user"))
        self._fit_nav()

    def _fit_nav(self) -> None:
        """The list is as wide as its longest entry, whatever the language and font size."""
        widest = max((self.nav.sizeHintForColumn(0), self.village_label.sizeHint().width()),
                     default=0)
        self.nav.parentWidget().setFixedWidth(max(widest + 40, 180))

    def event(self, event: QEvent) -> bool:
        # After a font size change the style sheet is re-applied too; measure once it has.
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange) \
                and hasattr(self, "nav"):
            QTimer.singleShot(0, self, self._fit_nav)
        return super().event(event)

    # -- size and place -------------------------------------------------------
    def _restore_geometry(self) -> None:
        saved = self.ctx.prefs.settings.window_geometry
        if saved and self.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii"))):
            return
        width, height = DEFAULT_SIZE
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            # Old PCs have 1366x768 or 1024x768 screens: leave room for the taskbar and frame.
            available = screen.availableGeometry()
            width = min(width, available.width() - 40)
            height = min(height, available.height() - 60)
            self.resize(width, height)
            frame = self.frameGeometry()
            frame.moveCenter(available.center())
            self.move(frame.topLeft())
        else:
            self.resize(width, height)
        # The first time, the whole screen: a 1366×768 screen has no room to spare. The size
        # above is what 还原 (restore down) gives.
        self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def save_geometry(self) -> None:
        self.ctx.prefs.settings.window_geometry = bytes(
            self.saveGeometry().toBase64()).decode("ascii")
        self.ctx.prefs.save()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.logged_out and not self.may_close():
            event.ignore()
            return
        for dialog in self.findChildren(QDialog):  # asked already: nothing stays open
            if dialog.isVisible():
                dialog.done(QDialog.DialogCode.Rejected)
        self.save_geometry()
        self.ctx.tasks.shutdown()
        super().closeEvent(event)

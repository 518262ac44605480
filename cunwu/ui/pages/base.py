"""What all pages share: a title for the navigation list, retranslation when the language
changes, a refresh each time the page is shown, one way to run a service off the GUI thread,
and the page for a subject still to come.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from cunwu.ui.context import WindowContext
from cunwu.ui.tasks import Progress, Task
from cunwu.ui.widgets import label


class Page(QWidget):
    """A page in the main window's stack. Subclasses set `key` and implement `title()`."""

    key = ""

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task: Task | None = None  # the page's latest task while it runs
        self.setObjectName(f"page_{self.key}")

    def run_task(self, work: Callable[[Progress], Any], *, title: str,
                 on_success: Callable[[Any], None] | None = None,
                 on_failure: Callable[[BaseException], None] | None = None,
                 on_done: Callable[[], None] | None = None, progress: bool = False) -> Task:
        """Run `work(progress)` off the GUI thread as the page's task: a service call on data
        read here beforehand. A refusal goes to `on_failure`, else to a message box. `task`
        is None again once it ends, unless a newer task (a refresh it started) took its place."""
        def ended() -> None:
            if self.task is task:
                self.task = None
            if on_done is not None:
                on_done()

        task = self.ctx.tasks.run(work, parent=self, title=title, on_success=on_success,
                                  on_failure=on_failure, on_done=ended, show_progress=progress)
        self.task = task
        return task

    def title(self) -> str:
        raise NotImplementedError

    def retranslate(self) -> None:
        """Set every visible text; called once at the start and on each language change."""

    def activated(self) -> None:
        """The page was just shown: refresh what it displays."""

    def open_target(self, target: str) -> None:
        """Show the record a home item points at ("subject:uuid"); pages that can, do."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def page_layout(self) -> QVBoxLayout:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(14)
        return layout


class LaterPage(Page):
    """A subject that arrives in a later version: its title and what it will hold.

    Subclasses implement `title()` and `blurb()`; their own file replaces this when the
    subject is built.
    """

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = self.page_layout()
        self.heading = label("title")
        self.body = label("subtitle", wrap=True)
        self.note = label("hint", wrap=True)
        for widget in (self.heading, self.body, self.note):
            widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(widget)
        layout.addStretch(1)
        self.retranslate()

    def blurb(self) -> str:
        raise NotImplementedError

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.body.setText(self.blurb())
        self.note.setText(self.tr(
            "This part comes in a later version of cunwu. Until then, keep these records "
            "the way you do now."))

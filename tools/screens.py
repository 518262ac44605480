"""A PNG of every page and dialog of the window, as a clerk sees them, into a folder: in
Chinese at 标准 and 特大 and in English at 标准, on a demo village made in a temporary folder.
Started by `./run screens [DIR]` on a 1366x768 virtual screen; files are named
page_lang_size.png (pages are page-<key>, dialogs dialog-<Name>[-tab<n>]).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "screens-pass-1"
SHOTS = (("zh_CN", "normal"), ("zh_CN", "xlarge"), ("en", "normal"))


def shoot(out: Path) -> list[Path]:
    from PySide6.QtTest import QTest

    from cunwu.services.demo import create_demo
    from cunwu.services.village import admin_actor
    from cunwu.ui.app import Launcher, application
    from cunwu.ui.collector import GuiThreadCollector
    from tests.ui.font_sizes import dialogs  # the one list of dialogs, as the size test opens them

    out.mkdir(parents=True, exist_ok=True)
    data = Path(tempfile.mkdtemp(prefix="cunwu-screens-")) / "demo"
    create_demo(data, PASSWORD).close()
    app = application()
    collector = GuiThreadCollector()
    launcher = Launcher(app, data)
    launcher.open()
    written: list[Path] = []

    def save(widget, name: str, lang: str, size: str) -> None:
        QTest.qWait(150)
        path = out / f"{name}_{lang}_{size}.png"
        widget.grab().save(str(path))
        written.append(path)

    try:
        for lang, size in SHOTS:
            launcher.prefs.apply_language(lang)
            launcher.prefs.apply_font_size(size)
            login = launcher.login_dialog()
            login.show()
            save(login, "login", lang, size)
            login.close()
            window = launcher.main_window(admin_actor(launcher.store, "admin"))
            window.showMaximized()
            QTest.qWait(300)
            for key in list(window.pages):
                page = window.show_page(key)
                for _ in range(40):  # a page reading off the GUI thread: wait for it
                    if getattr(page, "task", None) is None and getattr(page, "loaded", True):
                        break
                    QTest.qWait(100)
                save(window, f"page-{key}", lang, size)
            box = window.show_help()
            save(box, "dialog-Help", lang, size)
            box.close()
            for name, make in dialogs(window.ctx, window.pages["residents"]):
                dialog = make()
                dialog.show()
                QTest.qWait(400)
                tabs = getattr(dialog, "tabs", None)
                for tab in range(tabs.count()) if tabs is not None else [None]:
                    if tab is not None:
                        tabs.setCurrentIndex(tab)
                    save(dialog, f"dialog-{name}" + (f"-tab{tab}" if tab else ""), lang, size)
                dialog.close()
            window.ctx.tasks.shutdown()
            window.logged_out = True  # closes without asking
            window.close()
            collector.check()
    finally:
        launcher.close()
        collector.stop()
    return written


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "screens").resolve()
    os.environ.setdefault("CUNWU_TODAY", "2026-11-22")  # the demo village's day
    written = shoot(out)
    print(f"{len(written)} screenshots in {out}", flush=True)
    # Qt objects freed by the interpreter's last collection can crash it on the way out;
    # everything is written by now.
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

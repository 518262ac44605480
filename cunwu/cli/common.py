"""What every command shares: options, the store and who is acting, JSON input files, output
as text or JSON."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from cunwu.errors import CunwuError
from cunwu.i18n import _


def common_options() -> argparse.ArgumentParser:
    """Options accepted before or after the sub-command."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--data-dir", default=argparse.SUPPRESS, metavar="DIR",
                   help=_("data folder (default: CUNWU_DATA_DIR, else the user data folder)"))
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                   help=_("print machine-readable JSON on stdout"))
    p.add_argument("--user", default=argparse.SUPPRESS, metavar="NAME",
                   help=_("act as this user (default: CUNWU_USER); password from a prompt or CUNWU_PASSWORD"))
    return p


@dataclass
class Context:
    args: argparse.Namespace

    @property
    def data_dir(self) -> Path:
        from cunwu.config import resolve_data_dir

        return resolve_data_dir(getattr(self.args, "data_dir", None))

    @property
    def paths(self):
        from cunwu.config import Paths

        return Paths(self.data_dir)

    @property
    def json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    def _open_store(self):
        """The village's store; commands open it through call/run, never by hand."""
        from cunwu.config import setup_logging
        from cunwu.store import Store

        setup_logging(self.paths)
        return Store.open(self.data_dir)

    def call(self, work, *, write: bool = False, login: bool = False, opener=None):
        """Open the store (the village's, else opener(ctx)'s), log in when the command writes
        or shows personal data (login: names, ID numbers, benefits; an export or a backup),
        and return work(store, actor), or work(store) for a command that reads nothing private."""
        with (opener(self) if opener else self._open_store()) as store:
            return work(store, self.actor(store)) if write or login else work(store)

    def run(self, work, text=None, *, data=None, write: bool = False, login: bool = False,
            opener=None) -> int:
        """One command: call(work) as above, then print its result, as JSON with --json (through
        data(result) when given) or else as text (fixed, or text(result))."""
        result = self.call(work, write=write, login=login, opener=opener)
        self.emit(data(result) if data else result, text(result) if callable(text) else text)
        return 0

    def actor(self, store):
        """Log in as --user / CUNWU_USER; every writing command acts as someone, and so does
        every command that shows personal data."""
        from cunwu.services.accounts import login

        username = getattr(self.args, "user", None) or os.environ.get("CUNWU_USER")
        if not username:
            raise CunwuError("E_AUTH_REQUIRED")
        return login(store, username, password("CUNWU_PASSWORD", _("Password for {user}: ").format(user=username)))

    def emit(self, data, text: str | list[str] | None = None) -> None:
        if self.json:
            json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
            sys.stdout.write("\n")
        elif text is not None:
            print(text if isinstance(text, str) else "\n".join(text))


def password(env: str, prompt: str, *, confirm: bool = False) -> str:
    """From the environment, else a prompt on a terminal; never from the command line."""
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise CunwuError("E_PASSWORD_MISSING", env=env)
    value = getpass.getpass(prompt)
    if confirm and getpass.getpass(_("Again: ")) != value:
        raise CunwuError("E_USAGE", detail=_("The two passwords differ."))
    return value


JSON_MAX_BYTES = 8 * 1024 * 1024  # far above any hand-written input; refuses a wrong file early


def new_password(name: str) -> str:
    """A new password for account `name` (village or district): CUNWU_NEW_PASSWORD, else typed twice."""
    return password("CUNWU_NEW_PASSWORD", _("New password for {user}: ").format(user=name), confirm=True)


def read_json(path, code: str, *, object_only: bool = False):
    """A JSON input file (UTF-8, a BOM allowed). Any failure is the subject's code (E_…_INPUT,
    E_MEETING_FILE): unreadable, over JSON_MAX_BYTES, not JSON, or not an object when one is due."""
    from cunwu.errors import MESSAGES
    from cunwu.files import read_capped

    def refused(detail: str) -> CunwuError:
        if "{path}" not in MESSAGES[code]:  # E_POINTS_INPUT names no file: the detail does
            detail = f"{path}: {detail}"
        return CunwuError(code, path=str(path), detail=detail)

    try:
        raw = read_capped(Path(path), JSON_MAX_BYTES)
    except CunwuError as e:  # E_FILE_READ: the subject's code says which input failed
        raise refused(e.params["detail"]) from e
    if len(raw) > JSON_MAX_BYTES:
        raise refused(f"over {JSON_MAX_BYTES} bytes")
    from cunwu.domain.limits import check_json_depth

    try:
        raw = raw.decode("utf-8-sig")
        check_json_depth(raw, Path(path).name)  # E_INPUT_TOO_DEEP, before the parser recurses
        data = json.loads(raw)
    except ValueError as e:  # not UTF-8 (UnicodeDecodeError) or not JSON
        raise refused(str(e)[:200]) from e
    if object_only and not isinstance(data, dict):
        raise refused("not a JSON object")
    return data


def table(rows: list[list[str]], header: list[str]) -> list[str]:
    """Plain aligned columns (CJK characters count double)."""
    import unicodedata

    def width(s: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)

    cols = [header] + [[str(c) for c in r] for r in rows]
    widths = [max(width(r[i]) for r in cols) for i in range(len(header))]
    return ["  ".join(c + " " * (w - width(c)) for c, w in zip(r, widths)).rstrip() for r in cols]

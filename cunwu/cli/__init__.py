"""The `cunwu` command (CLI.md): parses, calls the services, prints.

Imports stay lazy so `cunwu --help` starts fast: each command module imports what it
needs inside its handlers.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

from cunwu import __version__, i18n
from cunwu.cli.common import Context, common_options
from cunwu.errors import CunwuError, internal_error
from cunwu.i18n import _
from cunwu.subjects import command_modules

# Each registers its sub-commands; a subject names its module in cunwu/subjects.py.
COMMAND_MODULES = command_modules()

log = logging.getLogger("cunwu.cli")


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="cunwu", parents=[common],
        description=_("cunwu (村务): village affairs records. Without a command, opens the window."))
    parser.add_argument("--version", action="version", version=f"cunwu {__version__}")
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub, common)
    return parser


def _window_args(argv: list[str] | None) -> argparse.Namespace | None:
    """The common options when they are all there is (no command, help or version): the
    window then starts without building every command's parser (~0.3 s)."""
    parser = common_options()
    parser.exit_on_error = False  # a mistake is for the whole parser to explain
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    return None if rest else args


def main(argv: list[str] | None = None) -> int:
    # Language: CUNWU_LANG, else the window's setting in the data folder, else zh_CN.
    i18n.set_language(os.environ.get("CUNWU_LANG") or i18n.DEFAULT_LANGUAGE)
    args = _window_args(argv)
    if args is None:
        args = build_parser().parse_args(argv)
    ctx = Context(args)
    try:
        from cunwu.config import Settings, setup_logging

        if not os.environ.get("CUNWU_LANG"):
            i18n.set_language(Settings.load(ctx.paths.settings).language)
        setup_logging(ctx.paths)
        if not getattr(args, "handler", None):
            from cunwu.ui.app import run_window

            return run_window(ctx.data_dir)
        return args.handler(ctx) or 0
    except CunwuError as e:
        log.warning("%s failed: %s", getattr(args, "command", None) or "window", e.code)
        print(str(e), file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print(_("Interrupted; nothing was changed."), file=sys.stderr)
        return 1
    except Exception as e:  # a bug: one readable line, the detail in the log
        log.exception("unexpected error")
        print(str(internal_error(e)), file=sys.stderr)
        return 1
